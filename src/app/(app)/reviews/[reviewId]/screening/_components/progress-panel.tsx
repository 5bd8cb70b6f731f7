'use client'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useSubscription } from '@trpc/tanstack-react-query'
import { Card } from '@/components/ui/card'
import { StackedBar } from '@/components/ui/progress'
import { useTRPC } from '@/lib/trpc/client'
import { formatCount, formatNumber, formatPercent } from '@/lib/format'

const n = formatCount

/**
 * The team's counts are fetched again when the review's screening changes (server-sent events, at most
 * every 2 s); this slow poll only covers a stream that is down. The reviewer's own counts move at once.
 */
export const progressRefreshMs = 60_000

/** Mine, the team's, and what remains, for one stage. */
export function ProgressPanel({ reviewId, stage, canVote }: { reviewId: string; stage: 'TITLE_ABSTRACT' | 'FULL_TEXT'; canVote: boolean | undefined }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { data: p } = useQuery({ ...trpc.screening.progress.queryOptions({ reviewId, stage }), refetchInterval: progressRefreshMs })
  const agreement = useQuery({ ...trpc.screening.myAgreement.queryOptions({ reviewId, stage }), enabled: canVote === true, refetchInterval: progressRefreshMs })
  useSubscription(
    trpc.screening.changes.subscriptionOptions(
      { reviewId },
      {
        onData: () => {
          void queryClient.invalidateQueries({ queryKey: trpc.screening.progress.queryKey({ reviewId, stage }) })
          void queryClient.invalidateQueries({ queryKey: trpc.screening.myAgreement.queryKey({ reviewId, stage }) })
        },
      },
    ),
  )
  if (!p) return <Card className="h-[74px]" aria-busy />
  const conflicts = p.conflicts ?? 0
  return (
    <Card className="grid gap-4 px-4 py-3 text-ui sm:grid-cols-[1fr_2fr]" aria-label="Screening progress">
      <div>
        <div className="text-xs font-medium text-stone-600">You</div>
        {canVote === undefined ? (
          <div className="mt-0.5 h-5" aria-busy />
        ) : canVote ? (
          <div className="mt-0.5">
            <strong className="text-title tabular">{n(p.myVotes)}</strong> voted · <strong className="tabular">{n(p.availableToMe)}</strong> waiting for you
            {agreement.data && agreement.data.mine.records > 0 ? <Agreement figures={agreement.data} /> : null}
          </div>
        ) : (
          <div className="mt-0.5 text-stone-700">Reading only: viewers do not vote</div>
        )}
      </div>
      <div>
        <div className="flex flex-wrap items-baseline gap-x-4 text-xs text-stone-600">
          <span className="font-medium">
            Team ({p.votesRequired} {p.votesRequired === 1 ? 'vote' : 'votes'} per record)
          </span>
          <span>
            <span className="inline-block size-2 rounded-full bg-emerald-600" /> {n(p.included)} included
          </span>
          <span>
            <span className="inline-block size-2 rounded-full bg-rose-600" /> {n(p.excluded)} excluded
          </span>
          {p.conflicts !== null ? (
            <span>
              <span className="inline-block size-2 rounded-full bg-amber-500" /> {n(conflicts)} in conflict
            </span>
          ) : null}
          <span>
            <span className="inline-block size-2 rounded-full bg-stone-300" /> {n(p.remaining - conflicts)} open
          </span>
          <span className="ml-auto tabular">
            {n(p.total)} {p.total === 1 ? 'record' : 'records'}
          </span>
        </div>
        <div className="mt-1.5">
          <StackedBar
            label="Team progress"
            parts={[
              { value: p.included, className: 'bg-emerald-600', label: 'included' },
              { value: p.excluded, className: 'bg-rose-600', label: 'excluded' },
              { value: conflicts, className: 'bg-amber-500', label: 'in conflict' },
              { value: p.remaining - conflicts, className: 'bg-stone-300', label: 'open' },
            ]}
          />
        </div>
      </div>
    </Card>
  )
}

type Figures = { mine: { records: number; agreed: number; kappa: number | null }; team: { records: number; agreed: number; kappa: number | null } }

/** One's own agreement with the others, and the team's, on settled records (see agreementForReviewer). */
function Agreement({ figures: { mine, team } }: { figures: Figures }) {
  const kappa = (k: number | null) => (k === null ? '' : `, κ ${formatNumber(k)}`)
  return (
    <div
      className="mt-0.5 text-xs text-stone-600"
      data-testid="my-agreement"
      title="On records already settled (included or excluded), whose votes everyone can read: records still open or in conflict do not count."
    >
      You agreed on {n(mine.agreed)} of {n(mine.records)} ({formatPercent(mine.agreed / mine.records)}
      {kappa(mine.kappa)})
      {team.records ? (
        <>
          {' '}
          · team {formatPercent(team.agreed / team.records)}
          {kappa(team.kappa)}
        </>
      ) : null}
    </div>
  )
}
