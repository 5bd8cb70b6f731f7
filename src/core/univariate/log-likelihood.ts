/**
 * Log-likelihood of the normal–normal (mixed-effects) meta-analysis model at a given tau2,
 * as metafor's rma.uni computes it, with wi = 1/(vi + tau2) and β the WLS estimate:
 *   ML:   −k/2·log(2π) − ½Σlog(vi + tau2) − ½Σwi(yi − x_i'β)²
 *   REML: −(k − p)/2·log(2π) [+ ½·log det X'X] − ½Σlog(vi + tau2) − ½·log det X'WX − ½Σwi(yi − x_i'β)²
 * The bracketed term is metafor's REMLf = TRUE constant, used for the reported fit statistics
 * but not in the ll0check comparison.
 *
 * Example: dat.bcg log risk ratios, REML fit: ll(REML) ≈ −12.2024 (metafor 3.8).
 */
import { weightedCrossproduct, weightedLeastSquares } from './weighted-least-squares'
import { cholesky, logDetFromCholesky } from '../linalg/matrix'
import type { DesignMatrix } from './design-matrix'

export type LikelihoodKind = 'ML' | 'REML'

export function logLikelihood(x: DesignMatrix, y: ArrayLike<number>, vi: ArrayLike<number>, tau2: number, kind: LikelihoodKind, includeXtXConstant: boolean): number {
  const { k, p } = x
  const w = new Float64Array(k)
  let sumLogV = 0
  for (let i = 0; i < k; i++) {
    const v = (vi[i] as number) + tau2
    w[i] = 1 / v
    sumLogV += Math.log(v)
  }
  const fit = weightedLeastSquares(x, y, w)
  if (!fit) return Number.NaN
  if (kind === 'ML') return -0.5 * k * Math.log(2 * Math.PI) - 0.5 * sumLogV - 0.5 * fit.rss
  let ll = -0.5 * (k - p) * Math.log(2 * Math.PI) - 0.5 * sumLogV - 0.5 * fit.xtwxLogDet - 0.5 * fit.rss
  if (includeXtXConstant) {
    const chol = cholesky(weightedCrossproduct(x, null))
    if (chol) ll += 0.5 * logDetFromCholesky(chol)
  }
  return ll
}
