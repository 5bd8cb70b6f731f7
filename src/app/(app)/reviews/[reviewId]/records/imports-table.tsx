'use client'
import Link from 'next/link'
import { useQuery } from '@tanstack/react-query'
import { Card, CardHeader } from '@/components/ui/card'
import { useTRPC } from '@/lib/trpc/client'
import { DataTable } from '@/components/ui/data-table'
import { useTableSort } from '@/components/ui/use-table-sort'
import { formatCount, formatDay } from '@/lib/format'

/** The searches imported so far: where from, when the search ran, how many records, how many were duplicates. */
export function ImportsTable({ reviewId, canImport }: { reviewId: string; canImport: boolean }) {
  const trpc = useTRPC()
  const imports = useQuery(trpc.records.imports.queryOptions({ reviewId }))
  const rows = imports.data ?? []
  const { sort, onSort } = useTableSort()
  const total = rows.reduce((s, r) => s + r.recordCount, 0)
  const dupes = rows.reduce((s, r) => s + r.duplicates, 0)
  return (
    <Card aria-labelledby="imports-heading">
      <CardHeader
        id="imports-heading"
        title="Searches"
        description={
          rows.length
            ? `${formatCount(total)} records from ${rows.length} ${rows.length === 1 ? 'search' : 'searches'}; ${formatCount(dupes)} duplicates removed or held for review`
            : 'Import the results of each database search to begin.'
        }
        actions={
          <>
            <Link href={`/reviews/${reviewId}/duplicates`} className="text-ui font-medium text-accent-700 hover:underline">
              Duplicates
            </Link>
            {canImport ? (
              <Link href={`/reviews/${reviewId}/records/import`} className="inline-flex h-8 items-center rounded-md bg-accent-700 px-3 text-ui font-medium text-white hover:bg-accent-800">
                Import search results
              </Link>
            ) : null}
          </>
        }
      />
      {rows.length ? (
        // on a phone the table scrolls inside its card rather than widening the page
        <div className="overflow-x-auto">
          <DataTable
            rows={rows}
            rowKey={(r) => r.id}
            sort={sort}
            onSort={onSort}
            columns={[
              {
                key: 'source',
                header: 'Source',
                rowHeader: true,
                sortValue: (r) => r.source,
                cell: (r) => (
                  <>
                    {r.source} {r.sourceKind !== 'database' ? <span className="text-xs font-normal text-stone-600">({r.sourceKind})</span> : null}
                  </>
                ),
              },
              { key: 'searched', header: 'Searched', className: 'tabular', sortValue: (r) => new Date(r.searchDate).getTime(), cell: (r) => formatDay(r.searchDate) },
              {
                key: 'file',
                header: 'File',
                className: 'text-stone-700',
                cell: (r) => (
                  <>
                    {r.fileName} <span className="text-xs text-stone-500">{r.format}</span>
                  </>
                ),
              },
              { key: 'records', header: 'Records', align: 'right', sortValue: (r) => r.recordCount, cell: (r) => formatCount(r.recordCount) },
              { key: 'duplicates', header: 'Duplicates', align: 'right', sortValue: (r) => r.duplicates, cell: (r) => formatCount(r.duplicates) },
              {
                key: 'warnings',
                header: 'Warnings',
                align: 'right',
                sortValue: (r) => r.warningCount,
                cell: (r) => <span title={r.warnings.map((w) => `line ${w.line}: ${w.message}`).join('\n')}>{r.warningCount}</span>,
              },
            ]}
          />
        </div>
      ) : null}
    </Card>
  )
}
