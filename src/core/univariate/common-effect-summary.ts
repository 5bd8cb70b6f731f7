/**
 * What the common-effect pooling of 2x2 tables (Mantel–Haenszel, Peto) reports, and the parts
 * computed from the study-level outcomes as metafor's rma.mh and rma.peto compute them:
 * Q = Σ(yi − est)²/vi with k_yi − 1 df, I2 = max(0, 100(Q − df)/Q), H2 = Q/df, and the ML/REML
 * fit statistics of the common-effect model at est (one parameter).
 *
 * Example: commonEffectHeterogeneity(rows, est).I2 is metafor's rma.mh(...)$I2.
 */
import { pchisqUpper } from '../distributions/distributions'
import type { EffectSizeRow, SkippedStudy } from '../effect-sizes/study-data'
import type { FitStatistics } from './mixed-effects-model'

export interface CommonEffectPooling {
  method: 'MH' | 'PETO'
  level: number
  /** Tables entering the pooled estimate (metafor's k). */
  k: number
  /** Studies with a study-level outcome (metafor's k.yi). */
  k_yi: number
  est: number
  se: number
  zval: number
  pval: number
  ci_lb: number
  ci_ub: number
  /** Equal to the CI: a common-effect model has no between-study variance. */
  pi_lb: number
  pi_ub: number
  crit: number
  tau2: 0
  Q: number
  Qdf: number
  Qp: number
  I2: number
  H2: number
  logLik: number
  deviance: number
  AIC: number
  BIC: number
  AICc: number
  fitStats: { ML: FitStatistics; REML: FitStatistics }
  /** Study-level outcomes (escalc) of the studies that have one. */
  rows: EffectSizeRow[]
  skipped: SkippedStudy[]
  /** Weights in percent of the studies in `rows` (share of all tables' weight). */
  weights: number[]
  tableIds: string[]
  tableWeights: number[]
  converged: true
  warnings: string[]
}

export function commonEffectHeterogeneity(rows: readonly EffectSizeRow[], est: number): { Q: number; Qdf: number; Qp: number; I2: number; H2: number } {
  const k = rows.length
  if (k <= 1) return { Q: 0, Qdf: Math.max(0, k - 1), Qp: 1, I2: 0, H2: 1 }
  let q = 0
  for (const r of rows) q += (r.yi - est) ** 2 / r.vi
  const Q = Math.max(0, q)
  return { Q, Qdf: k - 1, Qp: pchisqUpper(Q, k - 1), I2: Math.max(0, (100 * (Q - (k - 1))) / Q), H2: Q / (k - 1) }
}

export function commonEffectFitStatistics(
  rows: readonly EffectSizeRow[],
  est: number,
): { logLik: number; deviance: number; AIC: number; BIC: number; AICc: number; fitStats: { ML: FitStatistics; REML: FitStatistics } } {
  const k = rows.length
  let rss = 0
  let sumLogV = 0
  let sumW = 0
  for (const r of rows) {
    rss += (r.yi - est) ** 2 / r.vi
    sumLogV += Math.log(r.vi)
    sumW += 1 / r.vi
  }
  const log2pi = Math.log(2 * Math.PI)
  const llML = -0.5 * k * log2pi - 0.5 * sumLogV - 0.5 * rss
  const llREML = -0.5 * (k - 1) * log2pi + 0.5 * Math.log(k) - 0.5 * sumLogV - 0.5 * Math.log(sumW) - 0.5 * rss
  const devML = -2 * (llML - (-0.5 * k * log2pi - 0.5 * sumLogV))
  const stats = (ll: number, dev: number, n: number): FitStatistics => {
    const m = Math.max(n, 3)
    return { ll, dev, AIC: -2 * ll + 2, BIC: -2 * ll + Math.log(n), AICc: -2 * ll + (2 * m) / (m - 2) }
  }
  const ML = stats(llML, devML, k)
  return { logLik: ML.ll, deviance: ML.dev, AIC: ML.AIC, BIC: ML.BIC, AICc: ML.AICc, fitStats: { ML, REML: stats(llREML, -2 * llREML, k - 1) } }
}

/**
 * The table weights (percent) of the studies that have a study-level outcome. Rows and tables
 * are both in input order and every row has a table, so one merge walk matches them (no
 * hashing of 100,000 ids).
 */
export function weightsOfRows(rows: readonly EffectSizeRow[], tableIds: readonly string[], percent: readonly number[]): number[] {
  const out = new Array<number>(rows.length)
  let j = 0
  rows.forEach((row, i) => {
    while (j < tableIds.length && tableIds[j] !== row.id) j++
    out[i] = j < tableIds.length ? (percent[j] as number) : 0
  })
  return out
}
