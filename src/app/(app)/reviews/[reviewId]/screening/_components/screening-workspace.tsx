'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import Link from 'next/link'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { FormError } from '@/components/ui/field'
import { Kbd } from '@/components/ui/kbd'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { RecordView } from './record-view'
import { RecordTags } from '../../records/record-tags'
import { ProgressPanel } from './progress-panel'
import { StageSwitch } from './stage-switch'
import { FullTextPanel } from './fulltext-panel'
import { ReasonPicker } from './reason-picker'

type Stage = 'TITLE_ABSTRACT' | 'FULL_TEXT'
type Decision = 'INCLUDE' | 'EXCLUDE' | 'MAYBE'

const typing = (e: KeyboardEvent) => {
  const t = e.target as HTMLElement | null
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
}

export function ScreeningWorkspace({ reviewId, stage, initialItemId }: { reviewId: string; stage: Stage; initialItemId: string | null }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [history, setHistory] = useState<string[]>([])
  const [skip, setSkip] = useState<string[]>([])
  const [pinned, setPinned] = useState<string | null>(initialItemId)
  const [picking, setPicking] = useState(false)
  const [note, setNote] = useState('')
  const [showHelp, setShowHelp] = useState(false)
  const [announce, setAnnounce] = useState('')

  const context = useQuery(trpc.screening.context.queryOptions({ reviewId }))
  const next = useQuery({ ...trpc.screening.next.queryOptions({ reviewId, stage, skip }), enabled: pinned === null })
  const pinnedItem = useQuery({ ...trpc.screening.item.queryOptions({ reviewId, itemId: pinned ?? '' }), enabled: pinned !== null })
  const item = pinned ? pinnedItem.data : next.data
  const loading = pinned ? pinnedItem.isLoading : next.isLoading

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.screening.next.queryKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.screening.progress.queryKey({ reviewId, stage }) })
    // one's own vote may settle a record (agreement): one's figures move at once, not with the event stream
    void queryClient.invalidateQueries({ queryKey: trpc.screening.myAgreement.queryKey({ reviewId, stage }) })
  }, [queryClient, trpc, reviewId, stage])

  // A vote brings the next record back with it (one round trip per record): it goes straight into the
  // cache of the "next" query. The reviewer's own counts move at once; the progress panel fetches the
  // team's every few seconds (50 reviewers refreshing it after every vote would cost more than the votes).
  const vote = useMutation(
    trpc.screening.vote.mutationOptions({
      onSuccess: (result, input) => {
        setHistory((h) => [...h.slice(-49), input.itemId])
        setPinned(null)
        setPicking(false)
        setNote('')
        setAnnounce(`${input.decision.toLowerCase()} recorded`)
        if ('next' in result && input.thenNext) {
          queryClient.setQueryData(trpc.screening.next.queryKey({ reviewId, stage, skip: input.thenNext.skip }), result.next)
          // a vote that settled the record moves one's agreement figures at once
          if (result.status === 'INCLUDED' || result.status === 'EXCLUDED') void queryClient.invalidateQueries({ queryKey: trpc.screening.myAgreement.queryKey({ reviewId, stage }) })
        } else refresh()
      },
    }),
  )
  const withdraw = useMutation(
    trpc.screening.withdraw.mutationOptions({
      onSuccess: (_, input) => {
        setHistory((h) => h.slice(0, -1))
        setPinned(input.itemId)
        setAnnounce('Last vote undone')
        void queryClient.invalidateQueries({ queryKey: trpc.screening.item.queryKey({ reviewId, itemId: input.itemId }) })
        refresh()
      },
    }),
  )

  const cast = useCallback(
    (decision: Decision, exclusionReasonId?: string) => {
      if (!item || vote.isPending || !context.data?.canVote) return
      if (stage === 'FULL_TEXT' && decision === 'EXCLUDE' && !exclusionReasonId) return setPicking(true)
      const countsAsNew = !item.myVote // a changed vote leaves the reviewer's counts as they are
      vote.mutate(
        { reviewId, itemId: item.id, decision, exclusionReasonId: exclusionReasonId ?? null, note: note.trim() || null, thenNext: { skip } },
        {
          onSuccess: () => {
            if (countsAsNew)
              queryClient.setQueryData(trpc.screening.progress.queryKey({ reviewId, stage }), (p) => (p ? { ...p, myVotes: p.myVotes + 1, availableToMe: Math.max(0, p.availableToMe - 1) } : p))
          },
        },
      )
    },
    [item, vote, context.data, stage, reviewId, note, skip, queryClient, trpc],
  )
  const undo = useCallback(() => {
    const last = history[history.length - 1]
    if (last && !withdraw.isPending) withdraw.mutate({ reviewId, itemId: last })
  }, [history, withdraw, reviewId])
  const release = useMutation(trpc.screening.skip.mutationOptions())
  const skipCurrent = useCallback(() => {
    if (!item) return
    if (pinned) setPinned(null)
    else setSkip((s) => [...s.slice(-499), item.id])
    release.mutate({ reviewId, itemId: item.id })
    setNote('')
  }, [item, pinned, release, reviewId])

  const [tagsOpen, setTagsOpen] = useState(false)
  const handlers = useRef({ cast, undo, skipCurrent, picking, tagsOpen })
  handlers.current = { cast, undo, skipCurrent, picking, tagsOpen }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // with the tag menu open, keys belong to it (a checkbox focused there is not a vote)
      if (typing(e) || e.altKey || e.metaKey || handlers.current.picking || handlers.current.tagsOpen) return
      const key = e.key.toLowerCase()
      if (e.ctrlKey) {
        if (key === 'z') e.preventDefault(), handlers.current.undo()
        return
      }
      const action: Record<string, () => void> = {
        i: () => handlers.current.cast('INCLUDE'),
        e: () => handlers.current.cast('EXCLUDE'),
        m: () => handlers.current.cast('MAYBE'),
        u: () => handlers.current.undo(),
        n: () => handlers.current.skipCurrent(),
        t: () => setTagsOpen(true),
        arrowright: () => handlers.current.skipCurrent(),
        '?': () => setShowHelp((v) => !v),
      }
      const run = action[key]
      if (run) {
        e.preventDefault()
        run()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const ctx = context.data
  const error = formErrors(vote.error ?? withdraw.error).message
  const base = `/reviews/${reviewId}/screening`

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <StageSwitch base={base} stage={stage} />
        {ctx?.blindScreening ? <span className="text-xs text-stone-600">Blinded: you see only your own votes until a record is resolved.</span> : null}
        <div className="ml-auto flex items-center gap-3 text-ui">
          {ctx?.canResolve ? (
            <Link className="font-medium text-accent-700 hover:underline" href={`/reviews/${reviewId}/conflicts${stage === 'FULL_TEXT' ? '?stage=full-text' : ''}`}>
              Conflicts
            </Link>
          ) : null}
          <button type="button" className="text-stone-600 hover:text-stone-900" onClick={() => setShowHelp((v) => !v)} aria-expanded={showHelp}>
            Shortcuts <Kbd>?</Kbd>
          </button>
        </div>
      </div>
      <ProgressPanel reviewId={reviewId} stage={stage} canVote={context.data?.canVote} />
      {showHelp ? (
        <Card className="px-4 py-3 text-ui">
          <h2 className="mb-1 font-semibold">Keyboard</h2>
          <ul className="grid grid-cols-2 gap-1 sm:grid-cols-3">
            <li>
              <Kbd>I</Kbd> include
            </li>
            <li>
              <Kbd>E</Kbd> exclude{stage === 'FULL_TEXT' ? ' (then 1–9 for the reason)' : ''}
            </li>
            <li>
              <Kbd>M</Kbd> maybe
            </li>
            <li>
              <Kbd>U</Kbd> or <Kbd>Ctrl+Z</Kbd> undo your last vote
            </li>
            <li>
              <Kbd>N</Kbd> or <Kbd>→</Kbd> skip to the next record
            </li>
            <li>
              <Kbd>T</Kbd> tags: put one on the record or make a new one (Escape closes)
            </li>
            <li>
              <Kbd>?</Kbd> show or hide this help
            </li>
          </ul>
        </Card>
      ) : null}
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      <FormError message={error} />
      {loading || !ctx ? (
        <Card className="px-5 py-10 text-center text-stone-600">Loading the next record…</Card>
      ) : !item ? (
        <Card className="px-5 py-10 text-center">
          <p className="font-medium">Nothing left for you to screen at this stage.</p>
          <p className="mt-1 text-stone-600">
            {skip.length ? 'You skipped some records; ' : ''}Records appear here as they are imported{stage === 'FULL_TEXT' ? ' or included at title and abstract' : ''}.
            {skip.length ? (
              <button type="button" className="ml-1 font-medium text-accent-700 hover:underline" onClick={() => setSkip([])}>
                Show skipped records again
              </button>
            ) : null}
          </p>
        </Card>
      ) : (
        <div className={stage === 'FULL_TEXT' ? 'grid gap-3 xl:grid-cols-2' : ''}>
          <Card className="p-5" data-testid="screening-record" data-item-id={item.id}>
            {pinned ? (
              <p className="mb-2 text-xs font-medium text-amber-800">
                {pinned === initialItemId && !history.length ? 'The record you opened; afterwards the queue continues.' : 'Your vote on this record was undone; vote again or skip.'}
              </p>
            ) : null}
            {ctx.eligibilityCriteria ? (
              <details open className="mb-3 rounded-md border border-stone-200 bg-stone-50 px-3 py-1.5 text-xs text-stone-700" data-testid="criteria">
                <summary className="cursor-pointer font-medium text-stone-800">Eligibility criteria</summary>
                <p className="mt-1 max-h-32 overflow-y-auto whitespace-pre-line">{ctx.eligibilityCriteria}</p>
              </details>
            ) : null}
            <RecordView record={item.record} include={ctx.inclusionKeywords} exclude={ctx.exclusionKeywords} />
            {item.myVote ? (
              <p className="mt-3 text-ui text-stone-600">
                Your vote: <strong>{item.myVote.decision.toLowerCase()}</strong>
              </p>
            ) : null}
            <div className="mt-5 border-t border-stone-200 pt-4">
              <label className="block text-ui">
                <span className="text-stone-600">Note (optional, visible to leads when resolving)</span>
                <input
                  className="mt-1 block w-full rounded-md border border-stone-300 px-2.5 py-1.5"
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  maxLength={2000}
                  placeholder="e.g. adult cohort, but CT rather than MRI"
                />
              </label>
              <div className="mt-2">
                <RecordTags reviewId={reviewId} recordId={item.record.id} canTag={ctx.canVote} open={tagsOpen} onOpenChange={setTagsOpen} shortcut="T" />
              </div>
            </div>
            {/* The decisions stay in view however long the abstract (sticky to the bottom of the window). */}
            <div className="sticky bottom-0 z-10 -mx-5 -mb-5 mt-3 rounded-b-lg border-t border-stone-200 bg-white/95 px-5 py-3 backdrop-blur-sm" data-testid="decision-bar">
              <div className="flex flex-wrap items-center gap-2">
                <Button onClick={() => cast('INCLUDE')} pending={vote.isPending && vote.variables?.decision === 'INCLUDE'} disabled={!ctx.canVote} className="bg-emerald-700 hover:bg-emerald-800">
                  Include <Kbd>I</Kbd>
                </Button>
                <ReasonPicker open={picking} reasons={ctx.reasons} onPick={(id) => cast('EXCLUDE', id)} onCancel={() => setPicking(false)}>
                  <Button onClick={() => cast('EXCLUDE')} pending={vote.isPending && vote.variables?.decision === 'EXCLUDE'} disabled={!ctx.canVote} className="bg-rose-700 hover:bg-rose-800">
                    Exclude <Kbd>E</Kbd>
                  </Button>
                </ReasonPicker>
                <Button variant="secondary" onClick={() => cast('MAYBE')} pending={vote.isPending && vote.variables?.decision === 'MAYBE'} disabled={!ctx.canVote}>
                  Maybe <Kbd>M</Kbd>
                </Button>
                <span className="mx-1 h-6 w-px bg-stone-200" aria-hidden />
                <Button variant="ghost" onClick={undo} disabled={!history.length || withdraw.isPending}>
                  Undo <Kbd>U</Kbd>
                </Button>
                <Button variant="ghost" onClick={skipCurrent}>
                  Next <Kbd>N</Kbd>
                </Button>
                {item.relevance > 0 ? (
                  <span className="ml-auto text-xs text-stone-600" title="Predicted relevance from the prioritisation model">
                    Relevance {(item.relevance * 100).toFixed(0)}%
                  </span>
                ) : null}
              </div>
              {!ctx.canVote ? <p className="mt-2 text-xs text-stone-600">Viewers can read records but not vote.</p> : null}
            </div>
          </Card>
          {stage === 'FULL_TEXT' ? <FullTextPanel reviewId={reviewId} item={item} canUpload={ctx.canUpload} canMarkNotRetrieved={ctx.canResolve} /> : null}
        </div>
      )}
    </div>
  )
}
