'use client'
import { useQuery } from '@tanstack/react-query'
import { Card, CardHeader } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { formatCount, formatDay, formatMoment } from '@/lib/format'
import { useTRPC } from '@/lib/trpc/client'
import { serviceLabels, type SearchService } from '@/core/searches/search-spec'
import { RunStatus } from './run-status'

const dash = <span className="text-stone-400">—</span>

/** Every run: when, the window searched, the query as sent, what the service reported and what was new. */
export function SearchRuns({ reviewId }: { reviewId: string }) {
  const trpc = useTRPC()
  const runs = useQuery({
    ...trpc.searches.runs.queryOptions({ reviewId }),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'QUEUED' || r.status === 'RUNNING') ? 2000 : false),
  })
  const rows = runs.data ?? []
  return (
    <Card aria-labelledby="runs-heading">
      <CardHeader id="runs-heading" title="Runs" description="Each run is imported as a search of its own, so PRISMA counts it for the period it covers." />
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        loading={runs.isPending}
        empty="No run yet."
        columns={[
          { key: 'when', header: 'Queued', rowHeader: true, className: 'tabular whitespace-nowrap', cell: (r) => formatMoment(r.queuedAt) },
          {
            key: 'search',
            header: 'Search',
            cell: (r) => (
              <details>
                <summary className="cursor-pointer">
                  {serviceLabels[r.savedSearch.service as SearchService]}{' '}
                  <span className="text-xs text-stone-500">{r.trigger === 'schedule' ? 'scheduled' : `by ${r.requestedBy?.name ?? 'a former member'}`}</span>
                </summary>
                <code className="mt-1 block max-w-md font-mono text-xs break-all text-stone-700">{r.querySent || r.savedSearch.query}</code>
              </details>
            ),
          },
          {
            key: 'window',
            header: 'Window',
            className: 'tabular whitespace-nowrap',
            cell: (r) => (r.windowTo ? `${r.windowFrom ? formatDay(r.windowFrom) : 'all time'} – ${formatDay(r.windowTo)}` : dash),
          },
          { key: 'hits', header: 'Hits', align: 'right', cell: (r) => (r.hits === null ? dash : formatCount(r.hits)) },
          { key: 'duplicates', header: 'Duplicates', align: 'right', cell: (r) => (r.duplicates === null ? dash : formatCount(r.duplicates)) },
          { key: 'status', header: 'Result', cell: (r) => <RunStatus run={r} /> },
        ]}
      />
    </Card>
  )
}
