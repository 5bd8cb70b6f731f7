'use client'
import { useDeferredValue, useState } from 'react'
import Link from 'next/link'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Card } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input, Select } from '@/components/ui/field'
import { useTRPC } from '@/lib/trpc/client'
import { ImportsTable } from './imports-table'

type Filter = 'all' | 'awaiting-me' | 'voted-by-me' | 'open' | 'conflict' | 'included' | 'excluded' | 'duplicates' | 'not-retrieved'
const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: 'All records' },
  { value: 'awaiting-me', label: 'Waiting for my vote' },
  { value: 'voted-by-me', label: 'I voted on' },
  { value: 'open', label: 'Not yet decided' },
  { value: 'conflict', label: 'In conflict' },
  { value: 'included', label: 'Included' },
  { value: 'excluded', label: 'Excluded' },
  { value: 'not-retrieved', label: 'Full text not retrieved' },
  { value: 'duplicates', label: 'Duplicates (removed or suspected)' },
]
const statusTone = { INCLUDED: 'good', EXCLUDED: 'danger', CONFLICT: 'warn', OPEN: 'neutral' } as const
const statusLabel = { INCLUDED: 'included', EXCLUDED: 'excluded', CONFLICT: 'conflict', OPEN: 'open' } as const

export function RecordsBrowser({ reviewId, canImport, seesConflicts }: { reviewId: string; canImport: boolean; seesConflicts: boolean }) {
  const trpc = useTRPC()
  const [q, setQ] = useState('')
  const [stage, setStage] = useState<'TITLE_ABSTRACT' | 'FULL_TEXT'>('TITLE_ABSTRACT')
  const [filter, setFilter] = useState<Filter>('all')
  const [sort, setSort] = useState<'relevance' | 'year' | 'title' | 'added'>('relevance')
  const [page, setPage] = useState(1)
  const query = useDeferredValue(q)
  const records = useQuery({ ...trpc.records.search.queryOptions({ reviewId, q: query || undefined, stage, filter, sort, page, pageSize: 50 }), placeholderData: keepPreviousData })
  const data = records.data
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => (set(v), setPage(1))

  return (
    <div className="space-y-4">
      <ImportsTable reviewId={reviewId} canImport={canImport} />
      <Card>
        <div className="flex flex-wrap items-end gap-3 border-b border-stone-200 px-4 py-3">
          <label className="min-w-64 flex-1 text-[13px]">
            <span className="mb-1 block font-medium text-stone-700">Search</span>
            <Input type="search" value={q} onChange={(e) => reset(setQ)(e.target.value)} placeholder="Title, abstract, journal, DOI, PMID or an author as listed" />
          </label>
          <label className="text-[13px]">
            <span className="mb-1 block font-medium text-stone-700">Stage</span>
            <Select value={stage} onChange={(e) => reset(setStage)(e.target.value as typeof stage)}>
              <option value="TITLE_ABSTRACT">Title & abstract</option>
              <option value="FULL_TEXT">Full text</option>
            </Select>
          </label>
          <label className="text-[13px]">
            <span className="mb-1 block font-medium text-stone-700">Show</span>
            <Select value={filter} onChange={(e) => reset(setFilter)(e.target.value as Filter)}>
              {filters
                .filter((f) => seesConflicts || f.value !== 'conflict')
                .map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
            </Select>
          </label>
          <label className="text-[13px]">
            <span className="mb-1 block font-medium text-stone-700">Sort by</span>
            <Select value={sort} onChange={(e) => reset(setSort)(e.target.value as typeof sort)}>
              <option value="relevance">Predicted relevance</option>
              <option value="year">Year (newest first)</option>
              <option value="title">Title</option>
              <option value="added">Order imported</option>
            </Select>
          </label>
        </div>
        <div className="flex items-center justify-between px-4 py-2 text-xs text-stone-600" aria-live="polite">
          <span>{data ? `${data.total.toLocaleString('en-GB')} records` : 'Loading…'}</span>
          <span className="flex items-center gap-2">
            <Button variant="ghost" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
              Previous
            </Button>
            <span className="tabular">
              Page {page} of {pages}
            </span>
            <Button variant="ghost" size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
              Next
            </Button>
          </span>
        </div>
        <table className="w-full table-fixed text-left text-[13px]">
          <thead className="text-xs text-stone-600">
            <tr className="border-y border-stone-200 bg-stone-50">
              <th scope="col" className="w-[46%] px-4 py-1.5 font-medium">
                Record
              </th>
              <th scope="col" className="w-[10%] px-2 py-1.5 font-medium">
                Source
              </th>
              <th scope="col" className="w-[8%] px-2 py-1.5 font-medium">
                Relevance
              </th>
              <th scope="col" className="w-[18%] px-2 py-1.5 font-medium">
                Title & abstract
              </th>
              <th scope="col" className="w-[18%] px-2 py-1.5 font-medium">
                Full text
              </th>
            </tr>
          </thead>
          <tbody className={records.isFetching ? 'opacity-70' : undefined}>
            {(data?.records ?? []).map((r) => (
              <tr key={r.id} className="border-b border-stone-100 align-top hover:bg-stone-50">
                <td className="px-4 py-2">
                  <Link href={`/reviews/${reviewId}/records/${r.id}`} className="font-medium text-stone-900 hover:text-accent-700 hover:underline">
                    {r.title || '(no title)'}
                  </Link>
                  <div className="truncate text-xs text-stone-600">
                    {r.authors.join('; ')}
                    {r.moreAuthors ? ` +${r.moreAuthors}` : ''} · {[r.journal, r.year].filter(Boolean).join(', ')}
                  </div>
                </td>
                <td className="truncate px-2 py-2 text-stone-700">{r.source}</td>
                <td className="px-2 py-2 tabular text-stone-700">{r.relevance === null ? '—' : `${Math.round(r.relevance * 100)}%`}</td>
                {[r.titleAbstract, r.fullText].map((s, i) => (
                  <td key={i} className="px-2 py-2">
                    {r.duplicate && i === 0 ? (
                      <Badge>duplicate</Badge>
                    ) : s ? (
                      <span className="flex flex-wrap items-center gap-1">
                        <Badge tone={statusTone[s.status]}>{statusLabel[s.status]}</Badge>
                        {s.myVote ? <span className="text-xs text-stone-600">you: {s.myVote.toLowerCase()}</span> : null}
                      </span>
                    ) : (
                      <span className="text-stone-400">—</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.records.length === 0 ? <p className="px-4 py-6 text-center text-stone-600">No records match.</p> : null}
      </Card>
    </div>
  )
}
