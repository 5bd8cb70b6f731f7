/**
 * metafor's fit statistics of an rma.uni model (fitstats(), logLik(), AIC(), BIC()), both columns:
 *   ML:   ll = −k/2·log 2π − ½Σlog(vi + tau2) − ½RSS,  dev = −2(ll − Σ log φ(0; vi)) (0 if k <= p;
 *         −2ll when a vi is 0, as metafor)
 *   REML: ll = −(k − p)/2·log 2π + ½log|X'X| − ½Σlog(vi + tau2) − ½log|X'WX| − ½RSS,  dev = −2ll
 * AIC = −2ll + 2m, BIC = −2ll + m·log n, AICc = −2ll + 2m·max(n, m + 2)/(max(n, m + 2) − m − 1),
 * with m parameters (p, plus 1 for an estimated tau2) and n = k (ML) or k − p (REML).
 * Reference: metafor 3.8 rma.uni (REMLf = TRUE).
 * For a model fitted to rescaled data (yi/s, vi/s², see rescaling.ts) `logVarianceScale` = log s²
 * restores the log-likelihoods of the data as given: Σlog(vi + tau2) grows by k·log s² and
 * log det X'WX shrinks by p·log s², while RSS does not change.
 *
 * Example: dat.bcg log risk ratios, REML: ll = −12.2024, AIC = 28.4047.
 */
import type { DesignMatrix } from './design-matrix'

/** One column of metafor's fitstats(). */
export interface FitStatistics {
  ll: number
  dev: number
  AIC: number
  BIC: number
  AICc: number
}

export function fitStatistics(ll: number, dev: number, parms: number, n: number): FitStatistics {
  const m = Math.max(n, parms + 2)
  return { ll, dev, AIC: -2 * ll + 2 * parms, BIC: -2 * ll + parms * Math.log(n), AICc: -2 * ll + (2 * parms * m) / (m - parms - 1) }
}

export function modelFitStatistics(model: {
  x: DesignMatrix
  vi: ArrayLike<number>
  tau2: number
  /** Σwi(yi − x_i'β)² with wi = 1/(vi + tau2). */
  rss: number
  xtwxLogDet: number
  /** log det X'X (metafor's REMLf constant). */
  xtxLogDet: number
  /** Σlog(vi + tau2). */
  sumLogV: number
  parms: number
  /** log s² when the model was fitted to (yi/s, vi/s²); 0 otherwise. */
  logVarianceScale?: number
}): { ML: FitStatistics; REML: FitStatistics } {
  const { x, vi, tau2, rss, parms } = model
  const { k, p } = x
  const shift = model.logVarianceScale ?? 0
  const sumLogV = model.sumLogV + k * shift
  const log2pi = Math.log(2 * Math.PI)
  const llML = -0.5 * k * log2pi - 0.5 * sumLogV - 0.5 * rss
  const llREML = -0.5 * (k - p) * log2pi + 0.5 * model.xtxLogDet - 0.5 * sumLogV - 0.5 * (model.xtwxLogDet - p * shift) - 0.5 * rss
  let sumLogVi = 0
  if (tau2 === 0) sumLogVi = sumLogV
  else {
    for (let i = 0; i < k; i++) sumLogVi += Math.log(vi[i] as number)
    sumLogVi += k * shift
  }
  // metafor drops the saturated model's term when a variance is 0 (its log-likelihood is infinite)
  const saturated = Number.isFinite(sumLogVi) ? -0.5 * k * log2pi - 0.5 * sumLogVi : 0
  const devML = k > p ? -2 * (llML - saturated) : 0
  return { ML: fitStatistics(llML, devML, parms, k), REML: fitStatistics(llREML, -2 * llREML, parms, k - p) }
}
