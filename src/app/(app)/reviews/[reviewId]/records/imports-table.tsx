'use client'
import Link from 'next/link'
import { useQuery } from '@tanstack/react-query'
import { Card, CardHeader } from '@/components/ui/card'
import { useTRPC } from '@/lib/trpc/client'

const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** The searches imported so far: where from, when the search ran, how many records, how many were duplicates. */
export function ImportsTable({ reviewId, canImport }: { reviewId: string; canImport: boolean }) {
  const trpc = useTRPC()
  const imports = useQuery(trpc.records.imports.queryOptions({ reviewId }))
  const rows = imports.data ?? []
  const total = rows.reduce((s, r) => s + r.recordCount, 0)
  const dupes = rows.reduce((s, r) => s + r.duplicates, 0)
  return (
    <Card aria-labelledby="imports-heading">
      <CardHeader
        id="imports-heading"
        title="Searches"
        description={
          rows.length
            ? `${total.toLocaleString('en-GB')} records from ${rows.length} ${rows.length === 1 ? 'search' : 'searches'}; ${dupes.toLocaleString('en-GB')} duplicates removed or held for review`
            : 'Import the results of each database search to begin.'
        }
        actions={
          <>
            <Link href={`/reviews/${reviewId}/duplicates`} className="text-[13px] font-medium text-accent-700 hover:underline">
              Duplicates
            </Link>
            {canImport ? (
              <Link href={`/reviews/${reviewId}/records/import`} className="inline-flex h-8 items-center rounded-md bg-accent-700 px-3 text-[13px] font-medium text-white hover:bg-accent-800">
                Import search results
              </Link>
            ) : null}
          </>
        }
      />
      {rows.length ? (
        <table className="w-full text-left text-[13px]">
          <thead className="text-xs text-stone-600">
            <tr className="border-b border-stone-200">
              <th scope="col" className="px-4 py-1.5 font-medium">
                Source
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Searched
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                File
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                Records
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                Duplicates
              </th>
              <th scope="col" className="px-4 py-1.5 text-right font-medium">
                Warnings
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-stone-100 last:border-0">
                <td className="px-4 py-1.5 font-medium">
                  {r.source} {r.sourceKind !== 'database' ? <span className="text-xs font-normal text-stone-600">({r.sourceKind})</span> : null}
                </td>
                <td className="px-2 py-1.5 tabular">{date.format(r.searchDate)}</td>
                <td className="px-2 py-1.5 text-stone-700">
                  {r.fileName} <span className="text-xs text-stone-500">{r.format}</span>
                </td>
                <td className="px-2 py-1.5 text-right tabular">{r.recordCount.toLocaleString('en-GB')}</td>
                <td className="px-2 py-1.5 text-right tabular">{r.duplicates.toLocaleString('en-GB')}</td>
                <td className="px-4 py-1.5 text-right tabular" title={r.warnings.map((w) => `line ${w.line}: ${w.message}`).join('\n')}>
                  {r.warningCount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  )
}
