/**
 * The figures of a published version, drawn from its data when a page asks for them (never stored):
 * the PRISMA 2020 flow diagram, each analysis's plots and each quality tool's robvis plots. The
 * generators check every number and escape every label they are given, so a version's data cannot
 * become markup; a figure whose data the generators refuse is reported as not drawn, with the reason.
 */
import 'server-only'
import { analysisPlots, type AnalysisPlots } from '@/core/analysis/plots'
import { prismaFlowSvg } from '@/core/prisma-flow/prisma-flow-svg'
import { trafficLightPlot } from '@/core/plots/traffic-light-plot'
import { summaryBarPlot } from '@/core/plots/summary-bar-plot'
import { riskOfBiasPlotInput } from '@/core/quality/summary'
import { InputError } from '@/core/input-error'
import type { DrawnSvg } from '@/core/plots/svg-document'
import type { Snapshot } from './snapshot-schema'

export type Figure = { svg: DrawnSvg; error: null } | { svg: null; error: string }

function draw(make: () => DrawnSvg): Figure {
  try {
    return { svg: make(), error: null }
  } catch (e) {
    if (e instanceof InputError || e instanceof TypeError || e instanceof RangeError) return { svg: null, error: `This figure could not be drawn: ${e.message}` }
    throw e
  }
}

export function prismaFigure(s: Snapshot): Figure {
  return draw(() => prismaFlowSvg(s.prismaFlow.counts, { title: `PRISMA 2020 flow diagram: ${s.review.title}` }))
}

export function analysisFigures(a: Snapshot['analyses'][number]): { name: keyof AnalysisPlots; figure: Figure }[] {
  let plots: AnalysisPlots
  try {
    plots = analysisPlots(a.spec, a.result, a.name)
  } catch (e) {
    return [
      {
        name: 'forest',
        figure: draw(() => {
          throw e
        }),
      },
    ]
  }
  return (['forest', 'pairedForest', 'sroc', 'funnel'] as const).filter((k) => plots[k]).map((k) => ({ name: k, figure: { svg: plots[k]!, error: null } }))
}

/**
 * A figure of a version by its download name: "prisma", "analysis-<n>-<forest|pairedForest|sroc|funnel>",
 * "quality-<n>-<traffic-light|summary>" (n counts from 1 in the order the page shows them).
 */
export function figureByName(s: Snapshot, name: string): Figure | null {
  if (name === 'prisma') return prismaFigure(s)
  const analysis = /^analysis-(\d+)-(forest|pairedForest|sroc|funnel)$/.exec(name)
  if (analysis) {
    const a = s.analyses[Number(analysis[1]) - 1]
    return (a && analysisFigures(a).find((f) => f.name === analysis[2])?.figure) ?? null
  }
  const quality = /^quality-(\d+)-(traffic-light|summary)$/.exec(name)
  if (quality) {
    const figures = s.forms.filter((f) => f.quality)[Number(quality[1]) - 1]
    const drawn = figures ? qualityFigures(figures) : null
    return drawn ? (quality[2] === 'summary' ? drawn.summary : drawn.trafficLight) : null
  }
  return null
}

export function qualityFigures(f: Snapshot['forms'][number]): { trafficLight: Figure; summary: Figure } | null {
  if (!f.quality) return null
  const input = riskOfBiasPlotInput(f.quality.domains, f.quality.studies)
  return { trafficLight: draw(() => trafficLightPlot(input)), summary: draw(() => summaryBarPlot(input)) }
}
