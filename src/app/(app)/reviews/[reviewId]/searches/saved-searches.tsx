'use client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { useToast } from '@/components/ui/toast'
import { formatDay, formatMoment } from '@/lib/format'
import { useTRPC } from '@/lib/trpc/client'
import { describeSchedule, serviceLabels, type SearchService } from '@/core/searches/search-spec'
import { RunStatus } from './run-status'

const scheduleOf = (everyDays: number | null) => (everyDays === null ? null : everyDays % 7 === 0 ? { every: everyDays / 7, unit: 'week' as const } : { every: everyDays, unit: 'day' as const })

/** The review's saved searches: what each searches, how often, how far it has searched, and its last run. */
export function SavedSearches({ reviewId, canManage }: { reviewId: string; canManage: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const toast = useToast()
  const list = useQuery({
    ...trpc.searches.list.queryOptions({ reviewId }),
    // while a run waits or runs, its progress is fetched every 2 s
    refetchInterval: (q) => (q.state.data?.some((s) => s.latestRun && ['QUEUED', 'RUNNING'].includes(s.latestRun.status)) ? 2000 : false),
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.searches.pathKey() })
  const runNow = useMutation(
    trpc.searches.runNow.mutationOptions({
      onSuccess(r) {
        toast(r.state === 'already-active' ? 'This search is already running' : r.state === 'resumed' ? 'Resuming the interrupted run' : 'Run queued')
        void refresh()
      },
      onError: (e) => toast(e.message, 'error'),
    }),
  )
  const update = useMutation(trpc.searches.update.mutationOptions({ onSuccess: () => void refresh(), onError: (e) => toast(e.message, 'error') }))
  const rows = list.data ?? []
  return (
    <Card aria-labelledby="saved-searches-heading">
      <CardHeader
        id="saved-searches-heading"
        title="Saved searches"
        description="Re-run on PubMed, Europe PMC, OpenAlex and Crossref to keep the review current; new records are deduplicated and wait in title/abstract screening."
      />
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        loading={list.isPending}
        empty={canManage ? 'No saved searches yet: save the first with the form.' : 'No saved searches yet.'}
        columns={[
          {
            key: 'service',
            header: 'Database',
            rowHeader: true,
            cell: (r) => (
              <>
                {serviceLabels[r.service as SearchService] ?? r.service} {r.archived ? <Badge>Archived</Badge> : null}
                <div className="text-xs font-normal text-stone-500">saved by {r.createdBy.name}</div>
              </>
            ),
          },
          {
            key: 'query',
            header: 'Query',
            className: 'max-w-[28rem]',
            cell: (r) => (
              <code className="line-clamp-2 font-mono text-xs break-all text-stone-800" title={r.query}>
                {r.query}
              </code>
            ),
          },
          { key: 'schedule', header: 'Runs', cell: (r) => describeSchedule(scheduleOf(r.everyDays)) },
          {
            key: 'upto',
            header: 'Searched up to',
            className: 'tabular whitespace-nowrap',
            cell: (r) => (r.searchedUpTo ? formatDay(r.searchedUpTo) : <span className="text-stone-500">not yet</span>),
          },
          { key: 'last', header: 'Last run', cell: (r) => (r.latestRun ? <RunStatus run={r.latestRun} /> : <span className="text-stone-500">never</span>) },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  header: '',
                  srHeader: 'Actions',
                  align: 'right' as const,
                  cell: (r: (typeof rows)[number]) => (
                    <div className="flex justify-end gap-1.5 whitespace-nowrap">
                      {r.archived ? (
                        <Button size="sm" variant="secondary" onClick={() => update.mutate({ reviewId, searchId: r.id, archived: false })}>
                          Restore
                        </Button>
                      ) : (
                        <>
                          <Button
                            size="sm"
                            pending={runNow.isPending && runNow.variables?.searchId === r.id}
                            disabled={Boolean(r.latestRun && ['QUEUED', 'RUNNING'].includes(r.latestRun.status))}
                            onClick={() => runNow.mutate({ reviewId, searchId: r.id })}
                            title={r.nextRunAt ? `Next scheduled run ${formatMoment(r.nextRunAt)}` : undefined}
                          >
                            {r.latestRun?.status === 'FAILED' ? 'Resume' : 'Run now'}
                          </Button>
                          <Button size="sm" variant="ghost" onClick={() => update.mutate({ reviewId, searchId: r.id, archived: true })}>
                            Archive
                          </Button>
                        </>
                      )}
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  )
}
