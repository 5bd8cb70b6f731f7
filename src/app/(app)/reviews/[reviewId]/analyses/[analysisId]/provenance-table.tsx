'use client'
import Link from 'next/link'
import { Card, CardHeader } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { useTableSort } from '@/components/ui/use-table-sort'
import type { AnalysisResultView } from './result-types'
import { describeCompound } from '@/core/forms/describe-value'

const show = (v: unknown) => {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'object') return describeCompound(v as Record<string, unknown>)
  return String(v)
}

/** Where every pooled number comes from: each study's agreed value, who entered what, and who agreed it. */
export function ProvenanceTable({ reviewId, result }: { reviewId: string; result: AnalysisResultView }) {
  const { sort, onSort } = useTableSort()
  return (
    <Card id="data">
      <CardHeader title="Data and provenance" description="The agreed value each study contributes, the values the two extractors entered, and how the value was agreed." />
      <DataTable
        rows={result.rows}
        rowKey={(r) => r.id}
        sort={sort}
        onSort={onSort}
        empty="No study has agreed data for this analysis yet."
        rowProps={(r) => ({ 'data-testid': `provenance-${r.id}` })}
        columns={[
          {
            key: 'study',
            header: 'Study',
            sortValue: (r) => r.id,
            cell: (r) => (
              <>
                <Link
                  className="font-medium text-accent-700 underline underline-offset-2"
                  href={`/reviews/${reviewId}/studies/${r.studyId}/forms/${result.spec.formId}/compare?show=all&field=${encodeURIComponent(r.path)}`}
                >
                  {r.id}
                </Link>
                {r.group ? <div className="text-xs text-stone-600">{r.group}</div> : null}
              </>
            ),
          },
          { key: 'value', header: 'Agreed value', className: 'tabular', cell: (r) => show(r.value) },
          {
            key: 'entered',
            header: 'Entered by',
            cell: (r) =>
              r.provenance?.entered.map((e) => (
                <div key={e.name} className="tabular">
                  <span className="text-stone-600">{e.name}:</span> {show(e.value)}
                </div>
              )),
          },
          {
            key: 'agreed',
            header: 'Agreed',
            className: 'text-stone-700',
            sortValue: (r) => r.provenance?.source ?? null,
            cell: (r) =>
              r.provenance
                ? r.provenance.source === 'agreement'
                  ? 'both entered the same'
                  : `${r.provenance.source === 'entry' ? 'chose one entry' : 'typed'}: ${r.provenance.decidedBy ?? '—'}`
                : '—',
          },
        ]}
      />
      {result.leftOut.length ? (
        <div className="border-t border-stone-200 px-4 py-2 text-ui">
          <p className="font-medium">Left out</p>
          <ul className="text-stone-700">
            {result.leftOut.map((l) => (
              <li key={l.studyId}>
                {l.label}: {l.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  )
}
