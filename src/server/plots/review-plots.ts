/**
 * The plots of a review, each drawn by the core from the review's data: the same SVG is shown in the
 * pages, downloaded as SVG or PNG, and put on the public page.
 */
import 'server-only'
import { summaryBarPlot } from '@/core/plots/summary-bar-plot'
import { trafficLightPlot } from '@/core/plots/traffic-light-plot'
import { AppError } from '@/server/errors'
import { riskOfBiasInput } from '@/server/services/extraction/quality-summary'
import { computeAnalysis } from '@/server/services/analysis/analyses'
import { analysisPlots } from '@/core/analysis/plots'
import { prismaFlowSvg } from '@/core/prisma-flow/prisma-flow-svg'
import { prismaFlow } from '@/server/services/publication/versions'
import { prisma } from '@/server/db/client'

export const plotKinds = ['risk-of-bias-traffic-light', 'risk-of-bias-summary', 'analysis-forest', 'analysis-paired-forest', 'analysis-sroc', 'analysis-funnel', 'prisma-flow'] as const
const analysisPlotOf = { 'analysis-forest': 'forest', 'analysis-paired-forest': 'pairedForest', 'analysis-sroc': 'sroc', 'analysis-funnel': 'funnel' } as const
export type PlotKind = (typeof plotKinds)[number]

export async function reviewPlotSvg(reviewId: string, kind: PlotKind, params: URLSearchParams): Promise<{ svg: string; name: string }> {
  const formId = params.get('formId') ?? ''
  switch (kind) {
    case 'risk-of-bias-traffic-light': {
      const input = await riskOfBiasInput(reviewId, formId)
      return { svg: trafficLightPlot(input), name: `${input.title}-traffic-light` }
    }
    case 'risk-of-bias-summary': {
      const input = await riskOfBiasInput(reviewId, formId)
      return { svg: summaryBarPlot(input), name: `${input.title}-summary` }
    }
    case 'prisma-flow': {
      const review = await prisma().review.findUniqueOrThrow({ where: { id: reviewId }, select: { title: true } })
      const scope = params.get('scope')
      const { counts } = await prismaFlow(reviewId, scope === 'update' || scope === 'whole' ? scope : undefined)
      return { svg: prismaFlowSvg(counts, { title: `PRISMA 2020 flow diagram: ${review.title}` }), name: 'prisma-2020-flow-diagram' }
    }
    default: {
      const analysis = await computeAnalysis(reviewId, params.get('analysisId') ?? '')
      const svg = analysisPlots(analysis.spec, analysis, analysis.name)[analysisPlotOf[kind]]
      if (!svg) throw new AppError('NOT_FOUND', 'This analysis has no such plot.')
      return { svg, name: `${analysis.name}-${analysisPlotOf[kind]}` }
    }
  }
}
