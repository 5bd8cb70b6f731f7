/**
 * The summary every pooled fit reports, in metafor's names (rma.uni, rma.mh, rma.peto, and the
 * rows of leave1out and cumul): the estimate with its Wald test and CI, Cochran's Q with its
 * p-value, tau2, I² and H². The fits extend it with what they add (prediction interval, fit
 * statistics, weights...).
 */
export interface PooledSummary {
  est: number
  se: number
  /** z or t statistic of est. */
  zval: number
  pval: number
  ci_lb: number
  ci_ub: number
  Q: number
  Qp: number
  tau2: number
  I2: number
  H2: number
}

/** A PooledSummary with the prediction interval, the study count and convergence, as subgroup tables show it. */
export interface PooledFitSummary extends PooledSummary {
  k: number
  pi_lb: number
  pi_ub: number
  converged: boolean
  warnings: string[]
}
