'use client'
import { useState } from 'react'
import Link from 'next/link'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Card, CardHeader } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { FormError, Select } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { DataTable } from '@/components/ui/data-table'
import { useTableSort } from '@/components/ui/use-table-sort'

const statusTone = { SUBMITTED: 'good', DRAFT: 'warn', NOT_STARTED: 'neutral' } as const
const statusText = { SUBMITTED: 'submitted', DRAFT: 'in progress', NOT_STARTED: 'not started' } as const

interface Props {
  reviewId: string
  myUserId: string
  canConfigure: boolean
  canReconcile: boolean
}

/** Included studies with their reports, who extracts each with which form, and how far each entry has got. */
export function StudiesBoard({ reviewId, myUserId, canConfigure, canReconcile }: Props) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const forms = useQuery(trpc.forms.list.queryOptions({ reviewId }))
  const [formId, setFormId] = useState<string | null>(null)
  const form = forms.data?.find((f) => f.id === formId) ?? forms.data?.[0]
  const studies = useQuery(trpc.studies.list.queryOptions({ reviewId }))
  const members = useQuery(trpc.member.list.queryOptions({ reviewId }))
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.studies.list.queryKey({ reviewId }) })
  const assign = useMutation(trpc.studies.assign.mutationOptions({ onSuccess: refresh }))
  const autoAssign = useMutation(trpc.studies.autoAssign.mutationOptions({ onSuccess: refresh }))
  const unlink = useMutation(trpc.studies.unlinkReport.mutationOptions({ onSuccess: refresh }))
  const link = useMutation(trpc.studies.linkReport.mutationOptions({ onSuccess: refresh }))
  const extractors = (members.data ?? []).filter((m) => m.role !== 'VIEWER')
  const error = formErrors(assign.error ?? autoAssign.error ?? unlink.error ?? link.error).message
  const { sort, onSort } = useTableSort()
  const rows = (studies.data ?? []).map((s) => {
    const assigned = form ? s.assignments.filter((a) => a.formId === form.id).map((a) => a.user) : []
    const entries = form ? s.entries.filter((e) => e.formId === form.id) : []
    const statusOf = (userId: string) => entries.find((e) => e.userId === userId)?.status ?? 'NOT_STARTED'
    const allIn = assigned.length > 0 && assigned.every((a) => statusOf(a.id) === 'SUBMITTED')
    const mine = assigned.some((a) => a.id === myUserId)
    // for sorting by progress: nobody assigned, then entries under way, then all in
    const progress = assigned.length === 0 ? -1 : allIn ? 2 + s._count.consensus / 1e6 : entries.filter((e) => e.status === 'SUBMITTED').length / assigned.length
    return { s, assigned, statusOf, allIn, mine, progress }
  })

  if (forms.data && forms.data.length === 0)
    return (
      <Card className="px-5 py-10 text-center">
        <p className="font-medium">No extraction form or quality tool yet.</p>
        <p className="mt-1 text-stone-600">
          {canConfigure ? (
            <Link className="font-medium text-accent-700 underline underline-offset-2" href={`/reviews/${reviewId}/forms`}>
              Set up a form from a template
            </Link>
          ) : (
            'A lead sets up the forms.'
          )}
        </p>
      </Card>
    )

  return (
    <Card>
      <CardHeader
        title={`Included studies (${studies.data?.length ?? '…'})`}
        description="Studies come from records included at full text. Each is extracted by two people independently; their entries stay hidden from each other until both have submitted."
        actions={
          <>
            <label className="flex items-center gap-2 text-ui">
              <span className="text-stone-600">Form</span>
              <Select aria-label="Form" value={form?.id ?? ''} onChange={(e) => setFormId(e.target.value)} className="h-8 py-0">
                {forms.data?.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name} ({f.kind === 'QUALITY' ? 'quality' : 'extraction'}, v{f.latest.version})
                  </option>
                ))}
              </Select>
            </label>
            {canConfigure && form ? (
              <Button size="sm" variant="secondary" pending={autoAssign.isPending} onClick={() => autoAssign.mutate({ reviewId, formId: form.id })}>
                Assign two people to every study
              </Button>
            ) : null}
          </>
        }
      />
      <div className="px-4 pt-2">
        <FormError message={error} />
      </div>
      <DataTable
        rows={rows}
        rowKey={(r) => r.s.id}
        loading={studies.isLoading}
        sort={sort}
        onSort={onSort}
        empty="No study yet: records included at full text appear here."
        rowProps={({ s }) => ({ 'data-testid': `study-${s.label}` })}
        columns={[
          {
            key: 'study',
            header: 'Study and reports',
            sortValue: ({ s }) => s.label,
            cell: ({ s }) => (
              <>
                <div className="font-medium">{s.label}</div>
                <ul className="mt-0.5 space-y-0.5 text-xs text-stone-600">
                  {s.reports.map((r) => (
                    <li key={r.record.id} className="flex items-start gap-2">
                      <span className="line-clamp-1">{r.record.title}</span>
                      {canConfigure && s.reports.length > 1 ? (
                        <button type="button" className="shrink-0 text-accent-700 underline" onClick={() => unlink.mutate({ reviewId, recordId: r.record.id })}>
                          unlink
                        </button>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {canConfigure && (studies.data?.length ?? 0) > 1 ? (
                  <label className="mt-1 flex items-center gap-1 text-xs text-stone-600">
                    Merge into
                    <select
                      className="rounded border border-stone-300 px-1 py-0.5"
                      value=""
                      onChange={(e) => e.target.value && s.reports[0] && link.mutate({ reviewId, studyId: e.target.value, recordId: s.reports[0].record.id })}
                    >
                      <option value="">another study…</option>
                      {studies.data
                        ?.filter((o) => o.id !== s.id)
                        .map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.label}
                          </option>
                        ))}
                    </select>
                  </label>
                ) : null}
              </>
            ),
          },
          {
            key: 'assigned',
            header: 'Assigned to',
            cell: ({ s, assigned }) => (
              <>
                {canConfigure && form ? (
                  <div className="flex flex-col gap-1">
                    {[0, 1].map((slot) => (
                      <select
                        key={slot}
                        aria-label={`Extractor ${slot + 1} for ${s.label}`}
                        disabled={assign.isPending || studies.isFetching}
                        className="rounded border border-stone-300 px-1.5 py-0.5 text-ui"
                        value={assigned[slot]?.id ?? ''}
                        onChange={(e) => {
                          const ids = assigned.map((a) => a.id)
                          ids[slot] = e.target.value
                          assign.mutate({ reviewId, studyId: s.id, formId: form.id, userIds: ids.filter(Boolean) })
                        }}
                      >
                        <option value="">—</option>
                        {extractors.map((m) => (
                          <option key={m.user.id} value={m.user.id} disabled={assigned.some((a, i) => i !== slot && a.id === m.user.id)}>
                            {m.user.name}
                          </option>
                        ))}
                      </select>
                    ))}
                  </div>
                ) : (
                  assigned.map((a) => a.name).join(', ') || '—'
                )}
              </>
            ),
          },
          {
            key: 'entries',
            header: 'Entries',
            sortValue: ({ progress }) => progress,
            cell: ({ s, assigned, statusOf, allIn }) => (
              <>
                <ul className="space-y-1">
                  {assigned.map((a) => (
                    <li key={a.id} className="flex items-center gap-1.5">
                      <span className="text-stone-700">{a.name}</span>
                      <Badge tone={statusTone[statusOf(a.id)]}>{statusText[statusOf(a.id)]}</Badge>
                    </li>
                  ))}
                </ul>
                {allIn ? <p className="mt-1 text-xs text-stone-600">{s._count.consensus} values agreed</p> : null}
              </>
            ),
          },
          {
            key: 'actions',
            header: '',
            srHeader: 'Actions',
            align: 'right',
            className: 'whitespace-nowrap',
            cell: ({ s, statusOf, allIn, mine }) => (
              <>
                {form && mine ? (
                  <Link className="font-medium text-accent-700 underline underline-offset-2" href={`/reviews/${reviewId}/studies/${s.id}/forms/${form.id}`}>
                    {statusOf(myUserId) === 'SUBMITTED' ? 'My entry' : 'Enter data'}
                  </Link>
                ) : null}
                {form && allIn && (mine || canReconcile) ? (
                  <Link className="ml-3 font-medium text-accent-700 underline underline-offset-2" href={`/reviews/${reviewId}/studies/${s.id}/forms/${form.id}/compare`}>
                    Compare and agree
                  </Link>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </Card>
  )
}
