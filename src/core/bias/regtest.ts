/**
 * Egger-type regression tests for funnel-plot asymmetry (metafor's regtest with predictor = "sei"):
 * - model "rma" (metafor's default): the meta-analytic model of the analysis (same tau2 method
 *   and test) with the standard error as moderator, yi = b0 + b1·sei_i + u_i + e_i; the test is
 *   the z (or knha t) test of b1.
 * - model "lm" (the classic Egger test): weighted least squares of yi on sei with weights 1/vi
 *   and a free residual variance, t test of b1 with k − 2 df (equivalent to regressing
 *   yi/sei on 1/sei and testing the intercept).
 * b0 is the "limit estimate" (the effect as sei → 0), reported with its CI.
 * Reference: Egger et al. 1997 (BMJ 315:629); Sterne & Egger 2005; metafor 3.8 regtest.
 *
 * Example: regtest({ yi, vi, method: 'REML' }) for dat.bcg → z ≈ −0.8033, p ≈ 0.4218.
 */
import { InputError } from '../input-error'
import { parseLevel } from '../spec-fields'
import { designWithIntercept } from '../univariate/design-matrix'
import { fitMixedEffects, validateOutcomes, type RmaMethod, type RmaTest } from '../univariate/mixed-effects-model'
import type { Tau2Control } from '../univariate/tau2-problem'
import { weightedRegressionTest } from './weighted-regression-test'

export interface RegtestInput {
  yi: readonly number[]
  vi: readonly number[]
  /** "rma" (default, metafor) or "lm" (classic Egger). */
  model?: 'rma' | 'lm'
  method?: RmaMethod
  test?: RmaTest
  /** 0.95 or 95 (default 0.95). */
  level?: number
  ids?: readonly string[]
  control?: Partial<Tau2Control>
}

export interface RegtestResult {
  model: 'rma' | 'lm'
  predictor: 'sei'
  /** z (rma with test z) or t statistic of the slope on sei. */
  statistic: number
  p: number
  /** Degrees of freedom of the t test, null for z. */
  df: number | null
  slope: number
  slope_se: number
  /** Limit estimate b0 and its CI. */
  est: number
  ci_lb: number
  ci_ub: number
  tau2: number
}

export function regtest(input: RegtestInput): RegtestResult {
  const { yi, vi } = input
  validateOutcomes(yi, vi, input.ids)
  const k = yi.length
  if (k < 3) throw new InputError("Egger's regression test needs at least 3 studies")
  const sei = vi.map((v) => Math.sqrt(v))
  const x = designWithIntercept(k, [{ name: 'sei', values: sei }])
  const model = input.model ?? 'rma'
  if (model === 'rma') {
    const fit = fitMixedEffects({ yi, vi, x, method: input.method, test: input.test, level: input.level, ids: input.ids, control: input.control })
    return {
      model,
      predictor: 'sei',
      statistic: fit.zval[1] as number,
      p: fit.pval[1] as number,
      df: fit.df,
      slope: fit.beta[1] as number,
      slope_se: fit.se[1] as number,
      est: fit.beta[0] as number,
      ci_lb: fit.ci_lb[0] as number,
      ci_ub: fit.ci_ub[0] as number,
      tau2: fit.tau2,
    }
  }
  const classic = weightedRegressionTest(
    sei,
    [...yi],
    vi.map((v) => 1 / v),
    parseLevel(input.level),
  )
  if (!classic) throw new InputError('the standard errors are all equal: the regression test is undefined')
  return {
    model,
    predictor: 'sei',
    statistic: classic.t,
    p: classic.p,
    df: classic.df,
    slope: classic.slope,
    slope_se: classic.slope_se,
    est: classic.intercept,
    ci_lb: classic.intercept_ci[0],
    ci_ub: classic.intercept_ci[1],
    tau2: 0,
  }
}
