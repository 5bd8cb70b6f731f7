/**
 * Runs a defined analysis on studies' consensus values with the core's models: the bivariate model,
 * the GLMM or separate univariate pooling for diagnostic accuracy (analyzeDta), any univariate measure
 * otherwise (analyzeUnivariate), with subgroups, a risk-of-bias sensitivity analysis (studies left out
 * before fitting) and leave-one-out. A model that cannot be fitted (too few studies) is reported as an
 * error in the result, not thrown: the page shows it and the review goes on.
 */
import type { FormDefinition } from '../forms/definition'
import { analyzeDta, type DtaAnalysis } from '../dta/analyze-dta'
import { analyzeUnivariate, type UnivariateAnalysis } from '../univariate/analyze-univariate'
import { InputError } from '../input-error'
import type { AnalysisSpec } from './spec'
import { analysisRows, type AnalysisRow, type LeftOut, type StudyValues } from './analysis-rows'

export interface LeaveOneOutRow {
  omitted: string
  est: number
  ci_lb: number
  ci_ub: number
  /** DTA: the specificity beside the sensitivity in est/ci */
  spec?: number
  spec_ci_lb?: number
  spec_ci_ub?: number
}

export interface AnalysisResult {
  kind: AnalysisSpec['kind']
  rows: AnalysisRow[]
  leftOut: LeftOut[]
  dta: DtaAnalysis | null
  univariate: UnivariateAnalysis | null
  leaveOneOut: LeaveOneOutRow[] | null
  error: string | null
}

function dtaInput(spec: AnalysisSpec, rows: AnalysisRow[]) {
  const groups = rows.map((r) => r.group)
  return {
    type: 'dta',
    model: spec.model,
    method: spec.model === 'univariate' ? spec.method : spec.method === 'ML' ? 'ML' : 'REML',
    ...(spec.model === 'univariate' ? { test: spec.test } : {}),
    studies: rows.map((r) => ({ id: r.id, tp: r.value.tp, fp: r.value.fp, fn: r.value.fn, tn: r.value.tn, ...(spec.subgroup ? { covariate: r.group ?? 'not reported' } : {}) })),
    ...(spec.subgroup && new Set(groups).size > 1 ? { covariate: { type: 'categorical' } } : {}),
  }
}

function univariateStudy(spec: AnalysisSpec, r: AnalysisRow): Record<string, unknown> {
  const v = r.value as Record<string, number>
  const base = { id: r.id, ...(spec.subgroup ? { group: r.group ?? 'not reported' } : {}) }
  switch (spec.measure) {
    case 'ZCOR':
    case 'COR':
      return { ...base, ri: v.r, ni: v.n }
    case 'GEN':
      return { ...base, yi: v.mean, sei: v.sd! / Math.sqrt(v.n!) }
    case 'RR':
    case 'OR':
    case 'RD':
      return { ...base, ai: v.events1, n1i: v.total1, ci: v.events2, n2i: v.total2 }
    case 'MD':
    case 'SMD':
      return { ...base, m1i: v.mean1, sd1i: v.sd1, n1i: v.n1, m2i: v.mean2, sd2i: v.sd2, n2i: v.n2 }
    case 'PLO':
    case 'PR':
    case 'PFT':
      if ('events' in v) return { ...base, xi: v.events, ni: v.total }
      return spec.proportionOf === 'specificity' ? { ...base, xi: v.tn, ni: v.tn! + v.fp! } : { ...base, xi: v.tp, ni: v.tp! + v.fn! }
  }
}

function univariateInput(spec: AnalysisSpec, rows: AnalysisRow[], withExtras: boolean) {
  return {
    type: 'univariate',
    measure: spec.measure,
    method: spec.method,
    test: spec.test,
    bias: withExtras && rows.length >= 3,
    studies: rows.map((r) => univariateStudy(spec, r)),
  }
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

export function runAnalysis(spec: AnalysisSpec, definition: FormDefinition, studies: StudyValues[], riskDomain?: string): AnalysisResult {
  const { rows, leftOut } = analysisRows(spec, definition, studies, riskDomain)
  const result: AnalysisResult = { kind: spec.kind, rows, leftOut, dta: null, univariate: null, leaveOneOut: null, error: null }
  try {
    if (spec.kind === 'dta') {
      result.dta = analyzeDta(dtaInput(spec, rows))
      if (spec.leaveOneOut && rows.length > 3 && result.dta.sens !== null)
        result.leaveOneOut = rows.map((omitted) => {
          const fit = analyzeDta(
            dtaInput(
              { ...spec, subgroup: null },
              rows.filter((r) => r !== omitted),
            ),
          )
          // a model without estimates (e.g. the GLMM when the other studies are completely separated) gives an empty row
          const [sensLb, sensUb] = fit.sens_ci ?? [Number.NaN, Number.NaN]
          const [specLb, specUb] = fit.spec_ci ?? [Number.NaN, Number.NaN]
          return { omitted: omitted.id, est: fit.sens ?? Number.NaN, ci_lb: sensLb, ci_ub: sensUb, spec: fit.spec ?? Number.NaN, spec_ci_lb: specLb, spec_ci_ub: specUb }
        })
    } else {
      result.univariate = analyzeUnivariate(univariateInput(spec, rows, true))
      if (spec.leaveOneOut && rows.length > 2)
        result.leaveOneOut = rows.map((omitted) => {
          const fit = analyzeUnivariate(
            univariateInput(
              { ...spec, subgroup: null },
              rows.filter((r) => r !== omitted),
              false,
            ),
          )
          return { omitted: omitted.id, est: fit.transformed.est, ci_lb: fit.transformed.ci_lb, ci_ub: fit.transformed.ci_ub }
        })
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e
    result.error = message(e)
  }
  return result
}
