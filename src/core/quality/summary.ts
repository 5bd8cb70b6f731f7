/**
 * Summaries of a quality assessment, as robvis draws them: the judgement of every study in every
 * domain (the "traffic light"), the share of studies per judgement per domain (the summary bars), risk of
 * bias and, for QUADAS-2, applicability concerns; and the agreement of two raters per domain (Cohen's
 * kappa from the agreement module).
 */
import type { EntryValues, FormDefinition, RowValues } from '../forms/definition'
import { twoRaterAgreement } from '../agreement/two-rater-agreement'
import type { RiskOfBiasInput, RobJudgement } from '../plots/risk-of-bias-judgements'

export interface QualityDomain {
  id: string
  title: string
  /** the domain has a risk-of-bias judgement (role risk_of_bias) and/or an applicability one */
  risk: boolean
  applicability: boolean
}

export type Judgement = string | null

export interface StudyJudgements {
  label: string
  risk: Record<string, Judgement>
  applicability: Record<string, Judgement>
}

export function qualityDomains(tool: FormDefinition): QualityDomain[] {
  return tool.sections
    .filter((s) => !s.repeat && s.fields.some((f) => f.role === 'risk_of_bias' || f.role === 'applicability'))
    .map((s) => ({ id: s.id, title: s.title, risk: s.fields.some((f) => f.role === 'risk_of_bias'), applicability: s.fields.some((f) => f.role === 'applicability') }))
}

const judgementOf = (tool: FormDefinition, values: EntryValues, domainId: string, role: 'risk_of_bias' | 'applicability'): Judgement => {
  const field = tool.sections.find((s) => s.id === domainId)?.fields.find((f) => f.role === role)
  if (!field) return null
  const stored = (values[domainId] as RowValues | undefined)?.[field.id] as { value?: unknown } | string | undefined
  const value = typeof stored === 'object' && stored !== null ? stored.value : stored
  return typeof value === 'string' && value ? value : null
}

export function studyJudgements(tool: FormDefinition, studies: { label: string; values: EntryValues }[]): StudyJudgements[] {
  const domains = qualityDomains(tool)
  return studies.map((s) => ({
    label: s.label,
    risk: Object.fromEntries(domains.filter((d) => d.risk).map((d) => [d.id, judgementOf(tool, s.values, d.id, 'risk_of_bias')])),
    applicability: Object.fromEntries(domains.filter((d) => d.applicability).map((d) => [d.id, judgementOf(tool, s.values, d.id, 'applicability')])),
  }))
}

const robJudgement = (v: Judgement | undefined): RobJudgement => (v ? (v as RobJudgement) : null)

/**
 * The agreed judgements in the shape of the robvis plots (traffic light, summary bars): the risk-of-bias
 * domains (an "overall" domain as the overall column) and the applicability domains. The plots check
 * the judgements they are given.
 */
export function riskOfBiasPlotInput(domains: readonly QualityDomain[], studies: readonly StudyJudgements[]): RiskOfBiasInput {
  const risk = domains.filter((d) => d.risk && d.id !== 'overall')
  const applicability = domains.filter((d) => d.applicability)
  const overall = domains.some((d) => d.id === 'overall')
  return {
    domains: risk.map((d) => d.title),
    applicabilityDomains: applicability.length ? applicability.map((d) => d.title) : undefined,
    studies: studies.map((s) => ({
      label: s.label,
      judgements: risk.map((d) => robJudgement(s.risk[d.id])),
      overall: overall ? robJudgement(s.risk.overall) : undefined,
      applicability: applicability.length ? applicability.map((d) => robJudgement(s.applicability[d.id])) : undefined,
    })),
  }
}

export interface DomainShares {
  domainId: string
  title: string
  /** judgement value -> number of studies (null judgements counted as "no_information") */
  counts: Record<string, number>
  /** judgement value -> percent of studies */
  percent: Record<string, number>
}

export function judgementShares(tool: FormDefinition, rows: StudyJudgements[], kind: 'risk' | 'applicability'): DomainShares[] {
  return qualityDomains(tool)
    .filter((d) => d[kind])
    .map((d) => {
      const counts: Record<string, number> = {}
      for (const r of rows) {
        const j = r[kind][d.id] ?? 'no_information'
        counts[j] = (counts[j] ?? 0) + 1
      }
      const total = rows.length || 1
      return { domainId: d.id, title: d.title, counts, percent: Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, (100 * n) / total])) }
    })
}

export interface DomainAgreement {
  domainId: string
  title: string
  kind: 'risk' | 'applicability'
  studies: number
  observedAgreement: number
  kappa: number
  kappaCi: [number, number]
  /** The interval was cut at kappa's bound (−1 or 1). */
  kappaCiTruncated: boolean
}

/**
 * Cohen's kappa of two raters' judgements per domain, over the studies both rated.
 * Example: two raters who agree on 8 of 10 QUADAS-2 patient-selection judgements.
 */
export function domainAgreement(tool: FormDefinition, pairs: { a: EntryValues; b: EntryValues }[]): DomainAgreement[] {
  const out: DomainAgreement[] = []
  for (const d of qualityDomains(tool))
    for (const kind of ['risk', 'applicability'] as const) {
      if (!d[kind]) continue
      const role = kind === 'risk' ? 'risk_of_bias' : 'applicability'
      const a: string[] = []
      const b: string[] = []
      for (const p of pairs) {
        const x = judgementOf(tool, p.a, d.id, role)
        const y = judgementOf(tool, p.b, d.id, role)
        if (x && y) a.push(x), b.push(y)
      }
      if (!a.length) continue
      const options = tool.sections
        .find((s) => s.id === d.id)!
        .fields.find((f) => f.role === role)!
        .options!.map((o) => o.value)
      const { cohen } = twoRaterAgreement(a, b, { categories: options })
      out.push({ domainId: d.id, title: d.title, kind, studies: a.length, observedAgreement: cohen.po, kappa: cohen.kappa, kappaCi: cohen.ci, kappaCiTruncated: cohen.ciTruncated })
    }
  return out
}
