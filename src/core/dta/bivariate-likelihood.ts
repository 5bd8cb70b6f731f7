import { InputError } from '../input-error'
import type { BivariateLogitData } from './logit-accuracy'
import { Matrix, inverseSpd, cholesky, logDetFromCholesky } from '../linalg/matrix'
import { bivariateDerivatives } from './bivariate-likelihood-derivatives'

/**
 * Design of the bivariate model: p coefficients, and for study i a 2 x p block whose first row
 * predicts logit sensitivity and second row logit specificity. Stored flat: x[(2i + r)·p + c].
 */
export interface BivariateDesign {
  columns: string[]
  p: number
  x: Float64Array
}

/** Intercept-only design (mada's reitsma(formula = ~ 1), metafor's mods = ~ factor(outcome) - 1). */
export function interceptDesign(k: number): BivariateDesign {
  const x = new Float64Array(k * 4)
  for (let i = 0; i < k; i++) {
    x[4 * i] = 1
    x[4 * i + 3] = 1
  }
  return { columns: ['sens', 'spec'], p: 2, x }
}

/** The between-study covariance Σ = [[s11, s12], [s12, s22]] of (logit sens, logit spec). */
export type Sigma2x2 = readonly [number, number, number]

export interface BivariateLikelihood {
  logLik: number
  beta: number[]
  /** (X' W X)^-1, the covariance of beta. */
  vcov: Matrix
  /** Derivatives of logLik with respect to (s11, s12, s22), when requested. */
  gradient?: [number, number, number]
  hessian?: number[][]
}

/**
 * Profile (RE)ML log-likelihood of the bivariate random-effects model
 * y_i ~ N(X_i β, Σ + S_i), with β profiled out by generalised least squares, and optionally its
 * exact gradient and Hessian with respect to the three elements of Σ. Every sum runs over studies in
 * 2x2 blocks, so one evaluation is O(k p²) and no k x k matrix is formed.
 *
 * With P = W − W X A X' W, A = (X'WX)^-1, u = W(y − Xβ̂) and Q = P (REML) or W (ML):
 *   ∂ℓ/∂σ_j = −½ tr(Q D_j) + ½ u' D_j u,  ∂²ℓ/∂σ_j∂σ_l = ½ tr(Q D_j Q D_l) − (D_j u)' P (D_l u)
 * (Harville 1977; Searle, Casella & McCulloch 1992, ch. 6). The log-likelihood includes metafor's
 * constants (rma.mv: −½(n − p) log 2π + ½ log|X'X| for REML), so values compare with logLik(rma.mv).
 * Returns null when some Σ + S_i is not positive definite.
 *
 * Example: bivariateLikelihood(data, interceptDesign(k), [1.38, -0.64, 0.41], 'REML', true)
 */
export function bivariateLikelihood(data: BivariateLogitData, design: BivariateDesign, sigma: Sigma2x2, method: 'REML' | 'ML', derivatives: boolean): BivariateLikelihood | null {
  const k = data.ySens.length
  const { p, x } = design
  const [s11, s12, s22] = sigma
  const reml = method === 'REML'
  const w = new Float64Array(3 * k) // W_i as (w11, w12, w22)
  const xtwx = new Matrix(p, p)
  const xtwy = new Array<number>(p).fill(0)
  const xtx = new Matrix(p, p)
  let sumLogDet = 0
  for (let i = 0; i < k; i++) {
    const v11 = s11 + (data.vSens[i] as number)
    const v22 = s22 + (data.vSpec[i] as number)
    const det = v11 * v22 - s12 * s12
    if (!(v11 > 0 && det > 0)) return null
    const w11 = v22 / det
    const w12 = -s12 / det
    const w22 = v11 / det
    w[3 * i] = w11
    w[3 * i + 1] = w12
    w[3 * i + 2] = w22
    sumLogDet += Math.log(det)
    const y1 = data.ySens[i] as number
    const y2 = data.ySpec[i] as number
    const o = 2 * i * p
    for (let a = 0; a < p; a++) {
      const xa1 = x[o + a] as number
      const xa2 = x[o + p + a] as number
      const wa1 = xa1 * w11 + xa2 * w12
      const wa2 = xa1 * w12 + xa2 * w22
      xtwy[a]! += wa1 * y1 + wa2 * y2
      for (let b = 0; b < p; b++) {
        xtwx.data[a * p + b]! += wa1 * (x[o + b] as number) + wa2 * (x[o + p + b] as number)
        if (reml) xtx.data[a * p + b]! += xa1 * (x[o + b] as number) + xa2 * (x[o + p + b] as number)
      }
    }
  }
  const vcov = inverseSpd(xtwx)
  const cholXtwx = cholesky(xtwx)
  if (!vcov || !cholXtwx) return null
  const beta = vcov.multiplyVector(xtwy)
  const u = new Float64Array(2 * k)
  let rss = 0
  for (let i = 0; i < k; i++) {
    const o = 2 * i * p
    let f1 = 0
    let f2 = 0
    for (let a = 0; a < p; a++) {
      f1 += (x[o + a] as number) * (beta[a] as number)
      f2 += (x[o + p + a] as number) * (beta[a] as number)
    }
    const r1 = (data.ySens[i] as number) - f1
    const r2 = (data.ySpec[i] as number) - f2
    const u1 = (w[3 * i] as number) * r1 + (w[3 * i + 1] as number) * r2
    const u2 = (w[3 * i + 1] as number) * r1 + (w[3 * i + 2] as number) * r2
    u[2 * i] = u1
    u[2 * i + 1] = u2
    rss += r1 * u1 + r2 * u2
  }
  const n = 2 * k
  let logLik: number
  if (reml) {
    const cholXtx = cholesky(xtx)
    if (!cholXtx) throw new InputError('the design of the bivariate model is rank deficient')
    logLik = -0.5 * (n - p) * Math.log(2 * Math.PI) + 0.5 * logDetFromCholesky(cholXtx) - 0.5 * sumLogDet - 0.5 * logDetFromCholesky(cholXtwx) - 0.5 * rss
  } else {
    logLik = -0.5 * n * Math.log(2 * Math.PI) - 0.5 * sumLogDet - 0.5 * rss
  }
  if (!derivatives) return { logLik, beta, vcov }
  const d = bivariateDerivatives(data, design, w, u, vcov, reml)
  return { logLik, beta, vcov, gradient: d.gradient, hessian: d.hessian }
}
