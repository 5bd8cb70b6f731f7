/**
 * What the common-effect pooling of 2x2 tables (Mantel–Haenszel, Peto) reports, and the parts
 * computed from the study-level outcomes as metafor's rma.mh and rma.peto compute them:
 * Q = Σ(yi − est)²/vi with k_yi − 1 df, I2 = max(0, 100(Q − df)/Q), H2 = Q/df, and the ML/REML
 * fit statistics of the common-effect model at est (one parameter):
 *   ML:   ll = −k/2·log 2π − ½Σlog vi − ½Σ(yi − est)²/vi,  dev = Σ(yi − est)²/vi
 *   REML: ll = −(k − 1)/2·log 2π + ½log k − ½Σlog vi − ½log Σ(1/vi) − ½Σ(yi − est)²/vi
 * Reference: metafor 3.8 rma.mh and rma.peto (the QE, I2, H2 and fit.stats parts, with REMLf = TRUE).
 *
 * Example: commonEffectHeterogeneity(rows, est).I2 is metafor's rma.mh(...)$I2.
 */
import { pnormTwoSided, qnorm } from '../distributions/distributions'
import type { EffectSizeRow, SkippedStudy } from '../effect-sizes/escalc-study'
import { fitStatistics, type FitStatistics } from './fit-statistics'
import { cochranQ, heterogeneityFromQ, type QBasedHeterogeneity } from './inverse-variance'
import type { PooledSummary } from './pooled-summary'

export interface CommonEffectPooling extends PooledSummary {
  method: 'MH' | 'PETO'
  /** Confidence level as a fraction (0.95). */
  level: number
  /** Tables entering the pooled estimate (metafor's k). */
  k: number
  /** Studies with a study-level outcome (metafor's k.yi). */
  k_yi: number
  /** Equal to the CI: a common-effect model has no between-study variance. */
  pi_lb: number
  pi_ub: number
  crit: number
  tau2: 0
  Qdf: number
  logLik: number
  deviance: number
  AIC: number
  BIC: number
  AICc: number
  fitStats: { ML: FitStatistics; REML: FitStatistics }
  /** Study-level outcomes (escalc) of the studies that have one. */
  rows: EffectSizeRow[]
  /** Studies not pooled at all (no complete table, or a group without participants), with the reason. */
  skipped: SkippedStudy[]
  /** Tables pooled without a study-level outcome (e.g. no events in either group, metafor's drop00), with the reason. */
  pooledWithoutOutcome: SkippedStudy[]
  /** Weights in percent of the studies in `rows` (share of all tables' weight). */
  weights: number[]
  tableIds: string[]
  tableWeights: number[]
  /** False when the pooled estimate is undefined (e.g. no events in one group across all tables). */
  converged: boolean
  warnings: string[]
}

/**
 * The Wald inference of a common-effect estimate: z test and normal CI, which is also the
 * prediction interval (tau2 = 0). `level` is a fraction.
 */
export function commonEffectInference(
  est: number,
  se: number,
  level: number,
): { est: number; se: number; zval: number; pval: number; ci_lb: number; ci_ub: number; pi_lb: number; pi_ub: number; crit: number; tau2: 0 } {
  const crit = qnorm(1 - (1 - level) / 2)
  const zval = est / se
  const [lb, ub] = [est - crit * se, est + crit * se]
  return { est, se, zval, pval: pnormTwoSided(zval), ci_lb: lb, ci_ub: ub, pi_lb: lb, pi_ub: ub, crit, tau2: 0 }
}

export function commonEffectHeterogeneity(rows: readonly EffectSizeRow[], est: number): QBasedHeterogeneity {
  return heterogeneityFromQ(
    cochranQ(
      rows.map((r) => r.yi),
      rows.map((r) => r.vi),
      est,
    ),
    rows.length - 1,
  )
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
  const ML = fitStatistics(llML, rss, 1, k)
  return { logLik: ML.ll, deviance: ML.dev, AIC: ML.AIC, BIC: ML.BIC, AICc: ML.AICc, fitStats: { ML, REML: fitStatistics(llREML, -2 * llREML, 1, k - 1) } }
}

/**
 * The parts of a table pooling that come from the study-level outcomes: fit statistics at est,
 * the rows and their weights, and who is pooled how — `skipped` are the studies whose table
 * cannot be pooled; of the pooled tables, those escalc gave no outcome are `pooledWithoutOutcome`
 * (never both). `percent` are the tables' weights in percent, in the order of `tableIds`.
 */
export function studyLevelParts(effects: { rows: EffectSizeRow[]; skipped: readonly SkippedStudy[] }, est: number, tableIds: string[], notPooled: readonly SkippedStudy[], percent: number[]) {
  const pooled = new Set(tableIds)
  return {
    ...commonEffectFitStatistics(effects.rows, est),
    rows: effects.rows,
    skipped: [...notPooled],
    pooledWithoutOutcome: effects.skipped.filter((s) => pooled.has(s.id)),
    weights: weightsOfRows(effects.rows, tableIds, percent),
    tableIds,
    tableWeights: percent,
  }
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
