'use client'
import Link from 'next/link'
import { Card, CardHeader } from '@/components/ui/card'
import type { AnalysisResultView } from './result-types'

const show = (v: unknown) => {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k.toUpperCase()} ${String(x)}`)
      .join(' · ')
  return String(v)
}

/** Where every pooled number comes from: each study's agreed value, who entered what, and who agreed it. */
export function ProvenanceTable({ reviewId, result }: { reviewId: string; result: AnalysisResultView }) {
  return (
    <Card id="data">
      <CardHeader title="Data and provenance" description="The agreed value each study contributes, the values the two extractors entered, and how the value was agreed." />
      <table className="w-full text-left text-[13px]">
        <thead className="text-xs text-stone-600">
          <tr className="border-b border-stone-200">
            <th scope="col" className="px-4 py-1.5 font-medium">
              Study
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Agreed value
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              Entered by
            </th>
            <th scope="col" className="px-4 py-1.5 font-medium">
              Agreed
            </th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr key={r.id} className="border-b border-stone-100 align-top" data-testid={`provenance-${r.id}`}>
              <td className="px-4 py-1.5">
                <Link className="font-medium text-accent-700 underline underline-offset-2" href={`/reviews/${reviewId}/studies/${r.studyId}/forms/${result.spec.formId}/compare`}>
                  {r.id}
                </Link>
                {r.group ? <div className="text-xs text-stone-600">{r.group}</div> : null}
              </td>
              <td className="px-2 py-1.5 tabular">{show(r.value)}</td>
              <td className="px-2 py-1.5">
                {r.provenance?.entered.map((e) => (
                  <div key={e.name} className="tabular">
                    <span className="text-stone-600">{e.name}:</span> {show(e.value)}
                  </div>
                ))}
              </td>
              <td className="px-4 py-1.5 text-stone-700">
                {r.provenance
                  ? r.provenance.source === 'agreement'
                    ? 'both entered the same'
                    : `${r.provenance.source === 'entry' ? 'chose one entry' : 'typed'}: ${r.provenance.decidedBy ?? '—'}`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.leftOut.length ? (
        <div className="border-t border-stone-200 px-4 py-2 text-[13px]">
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
