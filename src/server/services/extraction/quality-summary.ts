/** The views of a quality assessment: consensus judgements per study and domain, shares per domain, and rater agreement. */
import 'server-only'
import type { EntryValues } from '@/core/forms/definition'
import { domainAgreement, judgementShares, qualityDomains, riskOfBiasPlotInput, studyJudgements } from '@/core/quality/summary'
import { prisma } from '@/server/db/client'
import { AppError } from '@/server/errors'
import type { RiskOfBiasInput } from '@/core/plots/risk-of-bias-judgements'
import { consensusValues } from './consensus'
import { latestVersion } from './forms'

export async function qualitySummary(reviewId: string, formId: string) {
  const { form, definition } = await latestVersion(reviewId, formId)
  if (form.kind !== 'QUALITY') throw new AppError('BAD_REQUEST', 'This form is not a quality-assessment tool.')
  const studies = await prisma().study.findMany({ where: { reviewId }, orderBy: { label: 'asc' }, select: { id: true, label: true } })
  const { byStudy } = await consensusValues(reviewId, formId)
  const rated = studies.filter((s) => byStudy.has(s.id)).map((s) => ({ id: s.id, label: s.label, values: byStudy.get(s.id)! }))
  const rows = studyJudgements(definition, rated)
  const pairs = await prisma().formEntry.groupBy({ by: ['studyId'], where: { formId, status: 'SUBMITTED' }, _count: { _all: true } })
  const entries = await prisma().formEntry.findMany({
    where: { formId, status: 'SUBMITTED', studyId: { in: pairs.filter((p) => p._count._all >= 2).map((p) => p.studyId) } },
    orderBy: { createdAt: 'asc' },
  })
  const byPair = new Map<string, EntryValues[]>()
  for (const e of entries) byPair.set(e.studyId, [...(byPair.get(e.studyId) ?? []), e.values as EntryValues])
  return {
    form,
    domains: qualityDomains(definition),
    studies: rated.map((s, i) => ({ id: s.id, ...rows[i]! })),
    risk: judgementShares(definition, rows, 'risk'),
    applicability: judgementShares(definition, rows, 'applicability'),
    agreement: domainAgreement(
      definition,
      [...byPair.values()].map(([a, b]) => ({ a: a!, b: b! })),
    ),
  }
}

/** The agreed judgements in the shape of the robvis plots (traffic light, summary bars). */
export async function riskOfBiasInput(reviewId: string, formId: string): Promise<RiskOfBiasInput & { title: string }> {
  const q = await qualitySummary(reviewId, formId)
  if (!q.studies.length) throw new AppError('PRECONDITION_FAILED', 'No study has agreed judgements yet.')
  return { title: q.form.name, ...riskOfBiasPlotInput(q.domains, q.studies) }
}
