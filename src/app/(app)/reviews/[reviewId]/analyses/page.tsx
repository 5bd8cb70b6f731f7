import type { Metadata } from 'next'
import Link from 'next/link'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { Card, CardHeader } from '@/components/ui/card'
import { measureLabel } from '@/core/analysis/spec'
import { orNotFound } from '@/app/_lib/page-access'
import { Badge } from '@/components/ui/badge'
import { AnalysisActions } from './analysis-actions'

export const metadata: Metadata = { title: 'Analyses' }
export const dynamic = 'force-dynamic'

export default async function AnalysesPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const caller = await serverCaller()
  const [{ role }, analyses] = await orNotFound(Promise.all([caller.review.get({ reviewId }), caller.analyses.list({ reviewId })]))
  const manage = can(role, 'analysis.manage')
  return (
    <Card>
      <CardHeader
        title="Analyses"
        description="Pooled from agreed data only; every open analysis page updates as soon as agreed data change."
        actions={
          manage ? (
            <Link href={`/reviews/${reviewId}/analyses/new`} className="inline-flex h-8 items-center rounded-md bg-accent-700 px-3 text-ui font-medium text-white hover:bg-accent-800">
              New analysis
            </Link>
          ) : null
        }
      />
      <ul className="divide-y divide-stone-100">
        {analyses.map((a) => (
          <li key={a.id} className="flex items-center gap-3 pr-4 hover:bg-stone-50" data-testid={`analysis-${a.name}`}>
            <Link href={`/reviews/${reviewId}/analyses/${a.id}`} className="flex min-w-0 flex-1 items-center gap-3 px-4 py-2.5">
              <span className="font-medium">{a.name}</span>
              <span className="text-ui text-stone-600">
                {measureLabel(a.spec)}
                {a.spec.kind === 'dta' ? ` · ${a.spec.model === 'glmm' ? 'bivariate GLMM' : a.spec.model === 'univariate' ? 'separate pooling' : 'bivariate model'}` : ` · ${a.spec.method}`}
                {a.spec.subgroup ? ' · subgroups' : ''}
                {a.spec.excludeRisk ? ' · risk-of-bias sensitivity analysis' : ''}
              </span>
              {a.publication === 'changed' ? (
                <Badge tone="warn" title={`The name or settings differ from version ${a.since}; the public page shows version ${a.since}'s until the next version is published.`}>
                  changed since version {a.since}
                </Badge>
              ) : a.publication === 'new' ? (
                <Badge tone="accent">new since version {a.since}</Badge>
              ) : null}
            </Link>
            {manage ? <AnalysisActions reviewId={reviewId} analysisId={a.id} name={a.name} /> : null}
          </li>
        ))}
      </ul>
      {analyses.length === 0 ? <p className="px-4 py-6 text-center text-stone-600">No analyses yet.</p> : null}
    </Card>
  )
}
