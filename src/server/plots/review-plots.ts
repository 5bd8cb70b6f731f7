/**
 * The plots of a review, each drawn by the core from the review's data: the same SVG is shown in the
 * pages, downloaded as SVG or PNG, and put on the public page.
 */
import { summaryBarPlot } from '@/core/plots/summary-bar-plot'
import { trafficLightPlot } from '@/core/plots/traffic-light-plot'
import type { RiskOfBiasInput, RobJudgement } from '@/core/plots/risk-of-bias-judgements'
import { AppError } from '@/server/errors'
import { qualitySummary } from '@/server/services/extraction/quality-summary'

const judgement = (v: string | null | undefined): RobJudgement => (v ? (v as RobJudgement) : null)

export async function riskOfBiasInput(reviewId: string, formId: string): Promise<RiskOfBiasInput & { title: string }> {
  const q = await qualitySummary(reviewId, formId)
  const risk = q.domains.filter((d) => d.risk && d.id !== 'overall')
  const applicability = q.domains.filter((d) => d.applicability)
  const overall = q.domains.some((d) => d.id === 'overall')
  if (!q.studies.length) throw new AppError('PRECONDITION_FAILED', 'No study has agreed judgements yet.')
  return {
    title: q.form.name,
    domains: risk.map((d) => d.title),
    applicabilityDomains: applicability.length ? applicability.map((d) => d.title) : undefined,
    studies: q.studies.map((s) => ({
      label: s.label,
      judgements: risk.map((d) => judgement(s.risk[d.id])),
      overall: overall ? judgement(s.risk.overall) : undefined,
      applicability: applicability.length ? applicability.map((d) => judgement(s.applicability[d.id])) : undefined,
    })),
  }
}

export const plotKinds = ['risk-of-bias-traffic-light', 'risk-of-bias-summary'] as const
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
  }
}
