'use client'
import { useState } from 'react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { ConfirmButton } from '@/components/ui/confirm-dialog'
import { Select } from '@/components/ui/field'
import { useToast } from '@/components/ui/toast'
import { useTRPC } from '@/lib/trpc/client'

type Stage = 'TITLE_ABSTRACT' | 'FULL_TEXT'

const actions = [
  { pattern: 'include-maybe', decision: 'INCLUDE', verb: 'Include', what: '“include” and “maybe” votes only' },
  { pattern: 'exclude-maybe', decision: 'EXCLUDE', verb: 'Exclude', what: '“exclude” and “maybe” votes only' },
  { pattern: 'maybe-only', decision: 'INCLUDE', verb: 'Include', what: '“maybe” votes only' },
] as const

/**
 * Settles the conflicts that are only hesitations in one go: every record whose votes were include and
 * maybe, exclude and maybe, or maybe alone. Each is decided, audited and counted as a lead's single
 * decision would be; include-versus-exclude disagreements are left for a look one by one.
 */
export function BulkActions({ reviewId, stage, reasons, onDone }: { reviewId: string; stage: Stage; reasons: { id: string; label: string }[]; onDone: () => void }) {
  const trpc = useTRPC()
  const toast = useToast()
  const patterns = useQuery(trpc.screening.conflictPatterns.queryOptions({ reviewId, stage }))
  const [reason, setReason] = useState('')
  const bulk = useMutation(
    trpc.screening.resolveBulk.mutationOptions({
      onSuccess: (r) => {
        toast(`${r.resolved} ${r.resolved === 1 ? 'record' : 'records'} decided`)
        onDone()
      },
      onError: (e) => toast(e.message, 'error'),
    }),
  )
  const counts = patterns.data
  if (!counts) return null
  const offered = actions.filter((a) => counts[a.pattern] > 0)
  if (!offered.length) return null
  return (
    <div className="flex flex-wrap items-center gap-2 text-ui" data-testid="bulk-actions">
      <span className="text-stone-600">Decide together:</span>
      {offered.map((a) => {
        const n = counts[a.pattern]
        const needsReason = stage === 'FULL_TEXT' && a.decision === 'EXCLUDE'
        return (
          <ConfirmButton
            key={a.pattern}
            size="sm"
            variant="secondary"
            pending={bulk.isPending && bulk.variables?.pattern === a.pattern}
            title={`${a.verb} ${n} ${n === 1 ? 'record' : 'records'}?`}
            description={
              <>
                Every record in conflict at this stage with {a.what} is {a.decision === 'INCLUDE' ? 'included' : 'excluded'}, each recorded as your decision in the activity log.
                {needsReason ? (
                  <Select aria-label="Reason for excluding these full texts" className="mt-2" value={reason} onChange={(e) => setReason(e.target.value)}>
                    <option value="">Choose the reason…</option>
                    {reasons.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.label}
                      </option>
                    ))}
                  </Select>
                ) : null}
              </>
            }
            confirmLabel={`${a.verb} ${n}`}
            onConfirm={() => bulk.mutate({ reviewId, stage, pattern: a.pattern, decision: a.decision, note: '', exclusionReasonId: needsReason ? reason || null : null })}
          >
            {a.verb} all {n} with {a.what}
          </ConfirmButton>
        )
      })}
    </div>
  )
}
