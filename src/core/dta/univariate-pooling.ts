import { rma, type RmaMethod, type RmaResult, type RmaTest } from '../univariate/rma'
import type { BivariateLogitData } from './logit-accuracy'
import { expit } from '../distributions/logistic'

export interface PooledProportion {
  /** Pooled logit and its back-transformed proportion with CI and prediction interval. */
  logit: number
  se: number
  estimate: number
  ci: [number, number]
  pi: [number, number]
  tau2: number
  I2: number
  Q: number
  Qp: number
  converged: boolean
  warnings: string[]
  /** The full univariate fit, metafor's field names. */
  fit: RmaResult
}

/**
 * Separate univariate random-effects meta-analyses of logit sensitivity and logit specificity
 * (any τ² estimator of rma: DL, HE, SJ, ML, REML, PM; test z or knha), ignoring their correlation —
 * the approach the bivariate model replaces, kept for comparison and for k too small for it.
 * R: rma(yi, vi, method = ..., data = escalc("PLO", ...)) for each outcome.
 *
 * Example: poolSensSpecSeparately(data, 'DL').sens.estimate
 */
export function poolSensSpecSeparately(data: BivariateLogitData, method: RmaMethod = 'REML', test: RmaTest = 'z', level = 0.95): { sens: PooledProportion; spec: PooledProportion } {
  const pool = (yi: Float64Array, vi: Float64Array): PooledProportion => {
    const fit = rma({ yi: Array.from(yi), vi: Array.from(vi), method, test, level, ids: data.ids })
    return {
      logit: fit.est,
      se: fit.se,
      estimate: expit(fit.est),
      ci: [expit(fit.ci_lb), expit(fit.ci_ub)],
      pi: [expit(fit.pi_lb), expit(fit.pi_ub)],
      tau2: fit.tau2,
      I2: fit.I2,
      Q: fit.Q,
      Qp: fit.Qp,
      converged: fit.converged,
      warnings: fit.warnings,
      fit,
    }
  }
  return { sens: pool(data.ySens, data.vSens), spec: pool(data.ySpec, data.vSpec) }
}
