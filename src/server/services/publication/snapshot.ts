/**
 * What a published version holds, computed once when it is published: the review's question, searches,
 * included studies with their reports, the agreed extraction and quality data, every analysis with its
 * settings, results and plots, the summary-of-findings rows, and the PRISMA 2020 counts and diagram. The
 * public page reads only this, so a version looks the same forever, whatever changes later.
 */
import type { EntryValues } from '@/core/forms/definition'
import type { AnalysisSpec } from '@/core/analysis/spec'
import { analysisPlots, measureLabel } from '@/core/analysis/plots'
import { prismaFlowSvg } from '@/core/prisma-flow/prisma-flow-svg'
import { trafficLightPlot } from '@/core/plots/traffic-light-plot'
import { summaryBarPlot } from '@/core/plots/summary-bar-plot'
import { prisma } from '@/server/db/client'
import { listAnalyses, computeSpec } from '../analysis/analyses'
import { consensusValues } from '../extraction/consensus'
import { listForms, latestVersion } from '../extraction/forms'
import { qualitySummary, riskOfBiasInput } from '../extraction/quality-summary'
import { prismaCounts, type PreviousVersion } from './prisma-counts'
import { summaryOfFindings } from './summary-of-findings'

export const ferriteVersion = '0.1.0'

export async function buildSnapshot(reviewId: string, previous?: PreviousVersion) {
  const db = prisma()
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { title: true, question: true, slug: true, isDemo: true } })
  const [imports, studies, forms, analyses] = await Promise.all([
    db.importBatch.findMany({ where: { reviewId }, orderBy: { searchDate: 'asc' }, select: { source: true, sourceKind: true, searchDate: true, recordCount: true, searchQuery: true } }),
    db.study.findMany({
      where: { reviewId },
      orderBy: [{ label: 'asc' }, { id: 'asc' }],
      select: { id: true, label: true, reports: { select: { record: { select: { title: true, authors: true, year: true, journal: true, volume: true, issue: true, pages: true, doi: true, pmid: true, abstract: true } } } } },
    }),
    listForms(reviewId),
    listAnalyses(reviewId),
  ])
  const formData = await Promise.all(
    forms.map(async (f) => {
      const [{ definition, version }, values] = await Promise.all([latestVersion(reviewId, f.id), consensusValues(reviewId, f.id)])
      const quality = f.kind === 'QUALITY' && values.byStudy.size ? await qualitySummary(reviewId, f.id) : null
      const rob = quality ? await riskOfBiasInput(reviewId, f.id) : null
      return {
        id: f.id,
        name: f.name,
        kind: f.kind,
        version,
        definition,
        consensus: Object.fromEntries(values.byStudy) as Record<string, EntryValues>,
        quality: quality && rob ? { domains: quality.domains, studies: quality.studies, risk: quality.risk, applicability: quality.applicability, svg: { trafficLight: trafficLightPlot(rob), summary: summaryBarPlot(rob) } } : null,
      }
    }),
  )
  const results = await Promise.all(
    analyses.map(async (a) => {
      const result = await computeSpec(reviewId, a.spec)
      return { id: a.id, name: a.name, spec: a.spec as AnalysisSpec, measure: measureLabel(a.spec), result, plots: analysisPlots(a.spec, result, a.name), summary: summaryOfFindings(a.spec, result) }
    }),
  )
  const flow = await prismaCounts(reviewId, previous)
  return {
    ferriteVersion,
    review,
    searches: imports,
    studies: studies.map((s) => ({ id: s.id, label: s.label, reports: s.reports.map((r) => r.record) })),
    forms: formData,
    analyses: results,
    prisma: { ...flow, svg: prismaFlowSvg(flow.counts, { title: `PRISMA 2020 flow diagram: ${review.title}` }) },
  }
}

export type Snapshot = Awaited<ReturnType<typeof buildSnapshot>>
