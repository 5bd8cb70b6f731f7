/**
 * Univariate meta-analysis of outcomes yi with sampling variances vi: the common-effect (FE)
 * and random-effects models, mirroring metafor's rma.uni without moderators plus predict().
 * RE: yi = μ + u_i + e_i, u_i ~ N(0, tau2), tau2 by DL, HE, SJ, ML, REML (default) or PM;
 * est = Σwi·yi/Σwi with wi = 1/(vi + tau2), se = 1/√Σwi (times √s2w for test = "knha").
 * Prediction interval: est ± crit·√(se² + tau2), crit from the test's distribution (metafor's
 * predict.rma; for FE it coincides with the CI, which metafor does not print).
 * I2 = 100·tau2/(tau2 + s²), H2 = (tau2 + s²)/s², s² = (k − 1)Σw/((Σw)² − Σw²), w = 1/vi.
 * Reference: Viechtbauer 2010 (J Stat Softw 36(3)); metafor 3.8 rma.uni, predict.rma, weights.rma.uni.
 *
 * Example:
 *   rma({ yi: [-0.89, -1.59, -1.35], vi: [0.33, 0.19, 0.42], method: 'DL' })
 *   → { est, se, ci_lb, ci_ub, pi_lb, pi_ub, tau2, I2, H2, Q, Qp, weights, converged, ... }
 *
 * Input errors (lengths, non-finite yi, vi <= 0) throw an InputError naming the study; failure to
 * converge is reported in `converged`, `iterations` and `warnings`.
 */
import { InputError } from '../input-error'
import { interceptOnlyDesign } from './design-matrix'
import { fitMixedEffects, type FitStatistics, type RmaMethod, type RmaTest } from './mixed-effects-model'
import type { PooledSummary } from './pooled-summary'
import type { Tau2Control } from './tau2-problem'

export type { RmaMethod, RmaTest } from './mixed-effects-model'

export interface RmaInput {
  yi: readonly number[]
  vi: readonly number[]
  /** FE, DL, HE, SJ, ML, REML (default) or PM. */
  method?: RmaMethod
  /** "z" (default) or "knha" (Hartung–Knapp–Sidik–Jonkman). */
  test?: RmaTest
  /** Confidence level: 0.95 or 95, metafor's convention (default 0.95, see parseLevel). */
  level?: number
  /** Study labels, used to name a study in error messages. */
  ids?: readonly string[]
  /** Fix tau2 at this value instead of estimating it. */
  tau2?: number
  control?: Partial<Tau2Control>
}

export interface RmaResult extends PooledSummary {
  method: RmaMethod
  test: RmaTest
  /** Confidence level as a fraction (0.95). */
  level: number
  k: number
  pi_lb: number
  pi_ub: number
  /** t degrees of freedom (k − 1) for knha, null for z. */
  df: number | null
  crit: number
  tau: number
  se_tau2: number | null
  /** Cochran's Q (FE weights) has k − 1 df. */
  Qdf: number
  /** Typical within-study variance s². */
  vt: number
  /** Weights in percent (100·wi/Σwi). */
  weights: number[]
  yi: number[]
  vi: number[]
  sei: number[]
  /** metafor's logLik/deviance/AIC/BIC/AICc (REML column for REML, ML column otherwise). */
  logLik: number
  deviance: number
  AIC: number
  BIC: number
  AICc: number
  fitStats: { ML: FitStatistics; REML: FitStatistics }
  converged: boolean
  iterations: number
  warnings: string[]
}

export function rma(input: RmaInput): RmaResult {
  if (!Array.isArray(input?.yi) || !Array.isArray(input.vi)) throw new InputError('yi and vi must be arrays of numbers')
  const fit = fitMixedEffects({ ...input, x: interceptOnlyDesign(input.yi.length) })
  const est = fit.beta[0] as number
  const se = fit.se[0] as number
  const half = fit.crit * Math.sqrt(se * se + fit.tau2)
  // explicit loops: Array.prototype.map/Array.from with a callback cost ~60 ns per study
  let sumW = 0
  for (let i = 0; i < fit.k; i++) sumW += fit.wi[i] as number
  const weights = new Array<number>(fit.k)
  const sei = new Array<number>(fit.k)
  for (let i = 0; i < fit.k; i++) {
    weights[i] = (100 * (fit.wi[i] as number)) / sumW
    sei[i] = Math.sqrt(input.vi[i] as number)
  }
  const chosen = fit.method === 'REML' ? fit.fitStats.REML : fit.fitStats.ML
  return {
    method: fit.method,
    test: fit.test,
    level: fit.level,
    k: fit.k,
    est,
    se,
    zval: fit.zval[0] as number,
    pval: fit.pval[0] as number,
    ci_lb: fit.ci_lb[0] as number,
    ci_ub: fit.ci_ub[0] as number,
    pi_lb: est - half,
    pi_ub: est + half,
    df: fit.df,
    crit: fit.crit,
    tau2: fit.tau2,
    tau: Math.sqrt(fit.tau2),
    se_tau2: fit.se_tau2,
    I2: fit.I2,
    H2: fit.H2,
    Q: fit.QE,
    Qdf: fit.QEdf,
    Qp: fit.QEp,
    vt: fit.vt,
    weights,
    yi: [...input.yi],
    vi: [...input.vi],
    sei,
    logLik: chosen.ll,
    deviance: chosen.dev,
    AIC: chosen.AIC,
    BIC: chosen.BIC,
    AICc: chosen.AICc,
    fitStats: fit.fitStats,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings: fit.warnings,
  }
}
