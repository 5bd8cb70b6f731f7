'use client'
import { useMemo, useState } from 'react'
import Link from 'next/link'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useSubscription } from '@trpc/tanstack-react-query'
import { analysisPlots } from '@/core/analysis/plots'
import { measureLabel } from '@/core/analysis/spec'
import type { DrawnSvg } from '@/core/plots/svg-document'
import { SvgImageFigure } from '@/components/svg-image-figure'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { useTRPC } from '@/lib/trpc/client'
import { ResultSummary } from '@/components/analysis/result-summary'
import { ProvenanceTable } from './provenance-table'
import { formatClock } from '@/lib/format'

const captions: Record<string, string> = { forest: 'Forest plot', 'paired-forest': 'Paired forest plot: sensitivity and specificity', sroc: 'Summary ROC plot', funnel: 'Funnel plot' }

function Figure({ svg, name, href }: { svg: DrawnSvg | null; name: string; href: string }) {
  return svg ? <SvgImageFigure svg={svg} caption={captions[name] ?? name} downloadHref={href} testId={`plot-${name}`} /> : null
}

/** One analysis, recomputed and redrawn whenever the review's agreed data change (server-sent events). */
export function AnalysisView({ reviewId, analysisId, canManage }: { reviewId: string; analysisId: string; canManage: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const result = useQuery(trpc.analyses.result.queryOptions({ reviewId, analysisId }))
  const [live, setLive] = useState<'connecting' | 'live' | 'offline'>('connecting')
  useSubscription(
    trpc.analyses.changes.subscriptionOptions(
      { reviewId },
      {
        onStarted: () => setLive('live'),
        onError: () => setLive('offline'),
        onData: () => void queryClient.invalidateQueries({ queryKey: trpc.analyses.result.queryKey({ reviewId, analysisId }) }),
      },
    ),
  )
  const data = result.data
  const plots = useMemo(() => (data ? analysisPlots(data.spec, data, data.name) : null), [data])
  if (!data || !plots) return <Card className="px-5 py-10 text-center text-stone-600">Computing…</Card>
  const href = (plot: string) => `/api/reviews/${reviewId}/plots/${plot}?analysisId=${analysisId}`
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold">{data.name}</h2>
        <span className="text-ui text-stone-600">{measureLabel(data.spec)}</span>
        <Badge tone={live === 'live' ? 'good' : live === 'offline' ? 'warn' : 'neutral'}>{live === 'live' ? 'live' : live === 'offline' ? 'not live: reload to update' : 'connecting'}</Badge>
        <span className="text-xs text-stone-600" data-testid="computed-at">
          computed {formatClock(data.computedAt)} from form version {data.formVersion}
        </span>
        {canManage ? (
          <Link className="ml-auto text-ui font-medium text-accent-700 underline underline-offset-2" href={`/reviews/${reviewId}/analyses/${analysisId}/edit`}>
            Edit analysis
          </Link>
        ) : null}
      </div>
      {data.error ? (
        <Card className="border-amber-300 bg-amber-50 px-4 py-3 text-ui text-amber-950" role="alert">
          The model could not be fitted: {data.error}
        </Card>
      ) : (
        <ResultSummary result={data} provenanceHref="#data" />
      )}
      <div className="grid gap-4 2xl:grid-cols-2">
        {plots.forest || plots.pairedForest ? (
          <Card className="2xl:col-span-2">
            <CardHeader title={plots.forest ? 'Forest plot' : 'Paired forest plot'} />
            <CardBody>
              <Figure svg={plots.forest ?? plots.pairedForest} name={plots.forest ? 'forest' : 'paired-forest'} href={href(plots.forest ? 'analysis-forest' : 'analysis-paired-forest')} />
            </CardBody>
          </Card>
        ) : null}
        {plots.sroc ? (
          <Card>
            <CardHeader title="Summary ROC" description="Studies sized by sample size; summary point with 95% confidence and prediction regions; the SROC curve over the observed range." />
            <CardBody>
              <Figure svg={plots.sroc} name="sroc" href={href('analysis-sroc')} />
            </CardBody>
          </Card>
        ) : null}
        {plots.funnel ? (
          <Card>
            <CardHeader
              title="Funnel plot"
              description={
                data.spec.kind === 'dta' ? "Deeks' test for small-study effects (asymmetry when p < 0.10)." : "Egger's regression test (metafor's regtest); trim-and-fill studies as open circles."
              }
            />
            <CardBody>
              <Figure svg={plots.funnel} name="funnel" href={href('analysis-funnel')} />
            </CardBody>
          </Card>
        ) : null}
      </div>
      <ProvenanceTable reviewId={reviewId} result={data} />
    </div>
  )
}
