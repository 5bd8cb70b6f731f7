/**
 * Summary-of-findings rows (as in Cochrane reviews): for diagnostic accuracy, pooled sensitivity and
 * specificity and what they mean in 1,000 people tested at the median prevalence of the studies (true
 * and false positives and negatives, with ranges from the confidence intervals); otherwise the pooled
 * estimate with its confidence and prediction intervals and heterogeneity.
 */
import 'server-only'
import type { AnalysisSpec } from '@/core/analysis/spec'
import type { AnalysisResult } from '@/core/analysis/run-analysis'

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export function summaryOfFindings(spec: AnalysisSpec, result: AnalysisResult) {
  const d = result.dta
  if (d && d.sens !== null && d.spec !== null && d.sens_ci && d.spec_ci) {
    const participants = d.studies.reduce((s, x) => s + x.tp + x.fp + x.fn + x.tn, 0)
    const prevalence = median(d.studies.map((x) => (x.tp + x.fn) / (x.tp + x.fp + x.fn + x.tn)))
    const withCondition = 1000 * prevalence
    const without = 1000 - withCondition
    const r = Math.round
    return {
      kind: 'dta' as const,
      studies: d.k,
      participants,
      sens: [d.sens, d.sens_ci[0], d.sens_ci[1]] as const,
      spec: [d.spec, d.spec_ci[0], d.spec_ci[1]] as const,
      auc: d.auc,
      prevalence,
      per1000: {
        truePositives: [r(withCondition * d.sens), r(withCondition * d.sens_ci[0]), r(withCondition * d.sens_ci[1])],
        falseNegatives: [r(withCondition * (1 - d.sens)), r(withCondition * (1 - d.sens_ci[1])), r(withCondition * (1 - d.sens_ci[0]))],
        trueNegatives: [r(without * d.spec), r(without * d.spec_ci[0]), r(without * d.spec_ci[1])],
        falsePositives: [r(without * (1 - d.spec)), r(without * (1 - d.spec_ci[1])), r(without * (1 - d.spec_ci[0]))],
      },
    }
  }
  const u = result.univariate
  if (u)
    return {
      kind: 'univariate' as const,
      studies: u.k,
      participants: u.studies.reduce((s, x) => s + (x.ni ?? 0), 0),
      measure: spec.measure,
      estimate: [u.transformed.est, u.transformed.ci_lb, u.transformed.ci_ub] as const,
      prediction: [u.transformed.pi_lb, u.transformed.pi_ub] as const,
      I2: u.I2,
      tau2: u.tau2,
    }
  return null
}
