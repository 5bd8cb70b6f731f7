'use client'
import { useDeferredValue, useState } from 'react'
import Link from 'next/link'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Card } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input, Select } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { ConfirmButton } from '@/components/ui/confirm-dialog'
import { ImportsTable } from './imports-table'
import { BulkFullTexts } from './bulk-fulltexts'
import { DataTable } from '@/components/ui/data-table'
import { formatCount, formatPercent } from '@/lib/format'

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

function StageState({ state }: { state: { status: keyof typeof statusTone; myVote: string | null } | null }) {
  if (!state) return <span className="text-stone-400">—</span>
  return (
    <span className="flex flex-wrap items-center gap-1">
      <Badge tone={statusTone[state.status]}>{statusLabel[state.status]}</Badge>
      {state.myVote ? <span className="text-xs text-stone-600">you: {state.myVote.toLowerCase()}</span> : null}
    </span>
  )
}

export function RecordsBrowser({
  reviewId,
  canImport,
  seesConflicts,
  canManageTags,
  canUpload,
}: {
  reviewId: string
  canImport: boolean
  seesConflicts: boolean
  canManageTags: boolean
  canUpload: boolean
}) {
  const trpc = useTRPC()
  const [tagId, setTagId] = useState('')
  const tags = useQuery(trpc.records.tags.queryOptions({ reviewId }))
  const [q, setQ] = useState('')
  const [stage, setStage] = useState<'TITLE_ABSTRACT' | 'FULL_TEXT'>('TITLE_ABSTRACT')
  const [filter, setFilter] = useState<Filter>('all')
  const [sort, setSort] = useState<'relevance' | 'year' | 'title' | 'added'>('relevance')
  const [page, setPage] = useState(1)
  const query = useDeferredValue(q)
  const exportHref = (format: 'ris' | 'csv') => `/api/reviews/${reviewId}/records/export?${new URLSearchParams({ format, stage, filter, ...(query ? { q: query } : {}), ...(tagId ? { tagId } : {}) })}`
  const records = useQuery({
    ...trpc.records.search.queryOptions({ reviewId, q: query || undefined, stage, filter, tagId: tagId || undefined, sort, page, pageSize: 50 }),
    placeholderData: keepPreviousData,
  })
  const data = records.data
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => (set(v), setPage(1))

  return (
    <div className="space-y-4">
      <ImportsTable reviewId={reviewId} canImport={canImport} />
      {canUpload ? <BulkFullTexts reviewId={reviewId} /> : null}
      <Card>
        <div className="flex flex-wrap items-end gap-3 border-b border-stone-200 px-4 py-3">
          <label className="min-w-64 flex-1 text-ui">
            <span className="mb-1 block font-medium text-stone-700">Search</span>
            <Input type="search" value={q} onChange={(e) => reset(setQ)(e.target.value)} placeholder="Title, abstract, journal, DOI, PMID or an author as listed" />
          </label>
          <label className="text-ui">
            <span className="mb-1 block font-medium text-stone-700">Stage</span>
            <Select value={stage} onChange={(e) => reset(setStage)(e.target.value as typeof stage)}>
              <option value="TITLE_ABSTRACT">Title & abstract</option>
              <option value="FULL_TEXT">Full text</option>
            </Select>
          </label>
          <label className="text-ui">
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
          {tags.data?.length ? (
            <label className="text-ui">
              <span className="mb-1 block font-medium text-stone-700">Tag</span>
              <Select value={tagId} onChange={(e) => reset(setTagId)(e.target.value)}>
                <option value="">Any</option>
                {tags.data.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.records})
                  </option>
                ))}
              </Select>
            </label>
          ) : null}
          {canManageTags && tagId ? <TagActions reviewId={reviewId} tag={tags.data?.find((t) => t.id === tagId)} onDeleted={() => reset(setTagId)('')} /> : null}
          <label className="text-ui">
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
          <span className="flex items-center gap-3">
            {data ? `${formatCount(data.total)} ${data.total === 1 ? 'record' : 'records'}` : 'Loading…'}
            {data?.total ? (
              <>
                <a className="font-medium text-accent-700 underline underline-offset-2" href={exportHref('ris')} data-testid="export-ris">
                  Export these (RIS)
                </a>
                <a className="font-medium text-accent-700 underline underline-offset-2" href={exportHref('csv')}>
                  CSV
                </a>
              </>
            ) : null}
          </span>
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
        <DataTable
          className="table-fixed"
          rows={data?.records ?? []}
          rowKey={(r) => r.id}
          loading={!data}
          busy={records.isFetching}
          empty="No records match."
          rowProps={() => ({ className: 'hover:bg-stone-50' })}
          columns={[
            {
              key: 'record',
              header: 'Record',
              headerClassName: 'w-[46%]',
              cell: (r) => (
                <>
                  <Link href={`/reviews/${reviewId}/records/${r.id}`} className="font-medium text-stone-900 hover:text-accent-700 hover:underline">
                    {r.title || '(no title)'}
                  </Link>
                  <div className="truncate text-xs text-stone-600">
                    {r.authors.join('; ')}
                    {r.moreAuthors ? ` +${r.moreAuthors}` : ''} · {[r.journal, r.year].filter(Boolean).join(', ')}
                  </div>
                  {r.tags.length ? (
                    <div className="mt-0.5 flex flex-wrap gap-1" data-testid="row-tags">
                      {r.tags.map((t) => (
                        <Badge key={t.id} tone={t.mine ? 'accent' : 'neutral'}>
                          {t.name}
                        </Badge>
                      ))}
                    </div>
                  ) : null}
                </>
              ),
            },
            { key: 'source', header: 'Source', headerClassName: 'w-[10%]', className: 'truncate text-stone-700', cell: (r) => r.source },
            { key: 'relevance', header: 'Relevance', headerClassName: 'w-[8%]', className: 'tabular text-stone-700', cell: (r) => (r.relevance === null ? '—' : formatPercent(r.relevance)) },
            { key: 'ta', header: 'Title & abstract', headerClassName: 'w-[18%]', cell: (r) => (r.duplicate ? <Badge>duplicate</Badge> : <StageState state={r.titleAbstract} />) },
            { key: 'ft', header: 'Full text', headerClassName: 'w-[18%]', cell: (r) => <StageState state={r.fullText} /> },
          ]}
        />
      </Card>
    </div>
  )
}

/** A lead renames the tag chosen in the filter, or deletes it from every record (after confirming). */
function TagActions({ reviewId, tag, onDeleted }: { reviewId: string; tag: { id: string; name: string; records: number } | undefined; onDeleted: () => void }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [name, setName] = useState<string | null>(null)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() })
  const rename = useMutation(trpc.records.renameTag.mutationOptions({ onSuccess: () => (setName(null), refresh()) }))
  const remove = useMutation(trpc.records.deleteTag.mutationOptions({ onSuccess: () => (onDeleted(), refresh()) }))
  if (!tag) return null
  const error = formErrors(rename.error ?? remove.error)
  return (
    <div className="flex items-end gap-1.5 text-ui">
      {name === null ? (
        <Button variant="ghost" size="sm" onClick={() => setName(tag.name)}>
          Rename
        </Button>
      ) : (
        <form
          className="flex gap-1.5"
          onSubmit={(e) => {
            e.preventDefault()
            rename.mutate({ reviewId, tagId: tag.id, name })
          }}
        >
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={40} aria-label="New name of the tag" className="w-40" />
          <Button type="submit" size="sm" variant="secondary" pending={rename.isPending}>
            Save
          </Button>
        </form>
      )}
      <ConfirmButton
        size="sm"
        variant="ghost"
        pending={remove.isPending}
        title={`Delete the tag "${tag.name}"?`}
        description="It is taken off every record that carries it, whoever put it there; the records stay as they are."
        confirmLabel="Delete tag"
        onConfirm={() => remove.mutate({ reviewId, tagId: tag.id })}
      >
        Delete tag
      </ConfirmButton>
      {error.message ? (
        <span role="alert" className="text-xs text-red-700">
          {error.fieldErrors.name?.join(' ') ?? error.message}
        </span>
      ) : null}
    </div>
  )
}
