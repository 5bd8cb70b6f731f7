'use client'
import { useEffect, useRef, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Card } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Kbd } from '@/components/ui/kbd'
import { Field, FormError, Select, Textarea } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { RecordView } from '../screening/_components/record-view'
import { StageSwitch } from '../screening/_components/stage-switch'
import { BulkActions } from './bulk-actions'

type Stage = 'TITLE_ABSTRACT' | 'FULL_TEXT'
const tone = { INCLUDE: 'good', EXCLUDE: 'danger', MAYBE: 'warn' } as const

const typing = (e: KeyboardEvent) => {
  const t = e.target as HTMLElement | null
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
}

/**
 * Records whose votes disagree, each with every vote and note; a lead decides, with a note if they
 * wish. As on the screening page, `i` includes and `e` excludes the first record of the list (when no
 * field has the focus), so a queue of conflicts is worked through from the keyboard.
 */
export function ConflictQueue({ reviewId, stage }: { reviewId: string; stage: Stage }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const conflicts = useQuery(trpc.screening.conflicts.queryOptions({ reviewId, stage }))
  const context = useQuery(trpc.screening.context.queryOptions({ reviewId }))
  const items = conflicts.data ?? []
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.screening.conflicts.queryKey({ reviewId, stage }) })
    void queryClient.invalidateQueries({ queryKey: trpc.screening.conflictPatterns.queryKey({ reviewId, stage }) })
  }
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <StageSwitch base={`/reviews/${reviewId}/conflicts`} stage={stage} />
        <span className="text-ui text-stone-600">{conflicts.isLoading ? 'Loading…' : `${items.length} ${items.length === 1 ? 'record needs' : 'records need'} a decision`}</span>
        {items.length ? (
          <span className="ml-auto text-xs text-stone-600">
            <Kbd>I</Kbd> include, <Kbd>E</Kbd> exclude the first record
          </span>
        ) : null}
      </div>
      <BulkActions reviewId={reviewId} stage={stage} reasons={context.data?.reasons ?? []} onDone={refresh} />
      {!conflicts.isLoading && items.length === 0 ? <Card className="px-5 py-10 text-center text-stone-600">No conflicts at this stage.</Card> : null}
      {items.map((item, index) => (
        <Card key={item.id} className="grid gap-4 p-4 lg:grid-cols-[3fr_2fr]" data-testid="conflict" aria-label={`Conflict: ${item.record.title}`}>
          <RecordView record={item.record} include={context.data?.inclusionKeywords ?? []} exclude={context.data?.exclusionKeywords ?? []} />
          <div className="space-y-3">
            <ul className="space-y-1.5">
              {item.votes.map((v, i) => (
                <li key={i} className="rounded-md border border-stone-200 px-3 py-2 text-ui">
                  <div className="flex items-center gap-2">
                    <span className="font-medium">{v.reviewer.name}</span>
                    <Badge tone={tone[v.decision]}>{v.decision.toLowerCase()}</Badge>
                    {v.exclusionReason ? <span className="text-xs text-stone-600">{v.exclusionReason.label}</span> : null}
                  </div>
                  {v.note ? <p className="mt-1 text-stone-700">“{v.note}”</p> : null}
                </li>
              ))}
            </ul>
            {item.record.fullTexts[0] ? (
              <a className="text-ui font-medium text-accent-700 hover:underline" href={`/api/reviews/${reviewId}/fulltexts/${item.record.fullTexts[0].id}`} target="_blank" rel="noreferrer">
                Open the full text ({item.record.fullTexts[0].fileName})
              </a>
            ) : null}
            <Decide reviewId={reviewId} itemId={item.id} stage={stage} reasons={context.data?.reasons ?? []} keyboard={index === 0} onDone={refresh} />
          </div>
        </Card>
      ))}
    </div>
  )
}

function Decide({
  reviewId,
  itemId,
  stage,
  reasons,
  keyboard,
  onDone,
}: {
  reviewId: string
  itemId: string
  stage: Stage
  reasons: { id: string; label: string }[]
  keyboard: boolean
  onDone: () => void
}) {
  const trpc = useTRPC()
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const reasonRef = useRef<HTMLSelectElement>(null)
  const resolve = useMutation(trpc.screening.resolve.mutationOptions({ onSuccess: onDone }))
  const { fieldErrors, message } = formErrors(resolve.error)
  const decide = (decision: 'INCLUDE' | 'EXCLUDE') => resolve.mutate({ reviewId, itemId, decision, note, exclusionReasonId: decision === 'EXCLUDE' && stage === 'FULL_TEXT' ? reason || null : null })
  const latest = useRef({ decide, pending: resolve.isPending, needsReason: stage === 'FULL_TEXT' && !reason })
  latest.current = { decide, pending: resolve.isPending, needsReason: stage === 'FULL_TEXT' && !reason }
  useEffect(() => {
    if (!keyboard) return
    const onKey = (e: KeyboardEvent) => {
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey || latest.current.pending) return
      const key = e.key.toLowerCase()
      if (key === 'i') latest.current.decide('INCLUDE')
      else if (key === 'e') {
        // a full text is excluded with a reason: without one, the key opens the reason list instead
        if (latest.current.needsReason) reasonRef.current?.focus()
        else latest.current.decide('EXCLUDE')
      } else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [keyboard])
  return (
    <div className="space-y-2 border-t border-stone-200 pt-3">
      <FormError message={Object.keys(fieldErrors).length ? null : message} />
      <Field label="Decision note (optional)" error={fieldErrors.note}>
        {(p) => <Textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why this decision (kept with it and in the audit trail)" />}
      </Field>
      {stage === 'FULL_TEXT' ? (
        <Field label="Reason, if excluding" error={fieldErrors.exclusionReasonId}>
          {(p) => (
            <Select {...p} ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)}>
              <option value="">Choose a reason…</option>
              {reasons.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      <div className="flex gap-2">
        <Button className="bg-emerald-700 hover:bg-emerald-800" onClick={() => decide('INCLUDE')} pending={resolve.isPending && resolve.variables?.decision === 'INCLUDE'}>
          Include
        </Button>
        <Button className="bg-rose-700 hover:bg-rose-800" onClick={() => decide('EXCLUDE')} pending={resolve.isPending && resolve.variables?.decision === 'EXCLUDE'}>
          Exclude
        </Button>
      </div>
    </div>
  )
}
