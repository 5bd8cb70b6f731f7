/**
 * Weighted least squares and the traces metafor's tau2 estimators need, all in O(k·p²):
 * with W = diag(w) and A = X'WX, the projection P = W − WXA⁻¹X'W is never formed; its
 * traces come from the row leverages h_i = x_i'A⁻¹x_i and p-by-p products
 * (tr(P D₁ P D₂) = Σw²d₁d₂ − 2Σw³h·d₁d₂ + tr(A⁻¹M₁A⁻¹M₂), M = X'diag(w²d)X).
 * Reference: metafor's rma.uni, which builds P as a k-by-k matrix (Viechtbauer 2005,
 * J Educ Behav Stat 30:261, eqs. for the DL, HE, ML and REML estimators).
 */
import { Matrix, cholesky, choleskySolve, inverseSpd, logDetFromCholesky } from '../linalg/matrix'
import type { DesignMatrix } from './design-matrix'

/** X' diag(d) X (d = null means the identity). */
export function weightedCrossproduct(x: DesignMatrix, d: ArrayLike<number> | null): Matrix {
  const { k, p, values } = x
  const out = new Matrix(p, p)
  const acc = out.data
  if (p === 1) {
    let s = 0
    for (let i = 0; i < k; i++) {
      const xi = values[i] as number
      s += (d === null ? 1 : (d[i] as number)) * xi * xi
    }
    acc[0] = s
    return out
  }
  for (let i = 0; i < k; i++) {
    const di = d === null ? 1 : (d[i] as number)
    const off = i * p
    for (let a = 0; a < p; a++) {
      const xa = (values[off + a] as number) * di
      if (xa === 0) continue
      for (let b = a; b < p; b++) acc[a * p + b]! += xa * (values[off + b] as number)
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) acc[a * p + b] = acc[b * p + a] as number
  return out
}

/** x_i' M x_i for every row i. */
export function rowQuadraticForms(x: DesignMatrix, m: Matrix): Float64Array {
  const { k, p, values } = x
  const out = new Float64Array(k)
  if (p === 1) {
    const m00 = m.get(0, 0)
    for (let i = 0; i < k; i++) {
      const xi = values[i] as number
      out[i] = m00 * xi * xi
    }
    return out
  }
  for (let i = 0; i < k; i++) {
    const off = i * p
    let s = 0
    for (let a = 0; a < p; a++) {
      const xa = values[off + a] as number
      if (xa === 0) continue
      let t = 0
      for (let b = 0; b < p; b++) t += m.get(a, b) * (values[off + b] as number)
      s += xa * t
    }
    out[i] = s
  }
  return out
}

export interface WeightedLeastSquares {
  beta: number[]
  /** A = X'WX */
  xtwx: Matrix
  /** A⁻¹: the covariance of beta when w = 1/(vi + tau2). */
  xtwxInverse: Matrix
  /** log det A */
  xtwxLogDet: number
  /** e = y − Xβ */
  residuals: Float64Array
  /** Σ w·e² (= y'Py) */
  rss: number
}

/** β = (X'WX)⁻¹X'Wy; null when X'WX is not positive definite. */
export function weightedLeastSquares(x: DesignMatrix, y: ArrayLike<number>, w: ArrayLike<number>): WeightedLeastSquares | null {
  const { k, p, values } = x
  if (p === 1) return weightedLeastSquaresOneColumn(x, y, w)
  const xtwx = weightedCrossproduct(x, w)
  const chol = cholesky(xtwx)
  if (!chol) return null
  const xtwy = new Array<number>(p).fill(0)
  for (let i = 0; i < k; i++) {
    const wy = (w[i] as number) * (y[i] as number)
    for (let a = 0; a < p; a++) xtwy[a]! += (values[i * p + a] as number) * wy
  }
  const beta = choleskySolve(chol, xtwy)
  const residuals = new Float64Array(k)
  let rss = 0
  for (let i = 0; i < k; i++) {
    let fitted = 0
    for (let a = 0; a < p; a++) fitted += (values[i * p + a] as number) * (beta[a] as number)
    const e = (y[i] as number) - fitted
    residuals[i] = e
    rss += (w[i] as number) * e * e
  }
  const xtwxInverse = inverseSpd(xtwx) as Matrix
  return { beta, xtwx, xtwxInverse, xtwxLogDet: logDetFromCholesky(chol), residuals, rss }
}

/** The p = 1 case (the intercept-only model) in two passes without allocation beyond e. */
function weightedLeastSquaresOneColumn(x: DesignMatrix, y: ArrayLike<number>, w: ArrayLike<number>): WeightedLeastSquares | null {
  const { k, values } = x
  let a = 0
  let b = 0
  for (let i = 0; i < k; i++) {
    const wx = (w[i] as number) * (values[i] as number)
    a += wx * (values[i] as number)
    b += wx * (y[i] as number)
  }
  if (!(a > 0)) return null
  const beta = b / a
  const residuals = new Float64Array(k)
  let rss = 0
  for (let i = 0; i < k; i++) {
    const e = (y[i] as number) - (values[i] as number) * beta
    residuals[i] = e
    rss += (w[i] as number) * e * e
  }
  const xtwx = new Matrix(1, 1, Float64Array.of(a))
  return { beta: [beta], xtwx, xtwxInverse: new Matrix(1, 1, Float64Array.of(1 / a)), xtwxLogDet: Math.log(a), residuals, rss }
}

function traceOfProduct(a: Matrix, b: Matrix): number {
  let s = 0
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) s += a.get(i, j) * b.get(j, i)
  return s
}

/** Traces of products with P = W − WXA⁻¹X'W for one weight vector w. */
export class ProjectionTraces {
  private leverageCache: Float64Array | null = null

  constructor(
    private readonly x: DesignMatrix,
    private readonly w: ArrayLike<number>,
    private readonly xtwxInverse: Matrix,
  ) {}

  /** h_i = x_i'A⁻¹x_i, computed once and only for p > 1 (for p = 1 it is x_i²/A). */
  private get leverage(): Float64Array {
    this.leverageCache ??= rowQuadraticForms(this.x, this.xtwxInverse)
    return this.leverageCache
  }

  /** tr(P D) (d = null: tr P). */
  traceP(d: ArrayLike<number> | null = null): number {
    const { k, p, values } = this.x
    let s = 0
    if (p === 1) {
      const aInv = this.xtwxInverse.get(0, 0)
      for (let i = 0; i < k; i++) {
        const wi = this.w[i] as number
        const di = d === null ? 1 : (d[i] as number)
        const xi = values[i] as number
        s += wi * di - wi * wi * aInv * xi * xi * di
      }
      return s
    }
    const leverage = this.leverage
    for (let i = 0; i < k; i++) {
      const wi = this.w[i] as number
      const di = d === null ? 1 : (d[i] as number)
      s += wi * di - wi * wi * (leverage[i] as number) * di
    }
    return s
  }

  /** tr(P D₁ P D₂) (null: identity). */
  tracePDPD(d1: ArrayLike<number> | null, d2: ArrayLike<number> | null): number {
    const { k } = this.x
    if (this.x.p === 1) return this.tracePDPDOneColumn(d1, d2)
    const leverage = this.leverage
    let s = 0
    const m1w = new Float64Array(k)
    const m2w = new Float64Array(k)
    for (let i = 0; i < k; i++) {
      const wi = this.w[i] as number
      const a = d1 === null ? 1 : (d1[i] as number)
      const b = d2 === null ? 1 : (d2[i] as number)
      s += wi * wi * a * b - 2 * wi * wi * wi * (leverage[i] as number) * a * b
      m1w[i] = wi * wi * a
      m2w[i] = wi * wi * b
    }
    const left = this.xtwxInverse.multiply(weightedCrossproduct(this.x, m1w))
    const right = this.xtwxInverse.multiply(weightedCrossproduct(this.x, m2w))
    return s + traceOfProduct(left, right)
  }

  private tracePDPDOneColumn(d1: ArrayLike<number> | null, d2: ArrayLike<number> | null): number {
    const { k, values } = this.x
    const aInv = this.xtwxInverse.get(0, 0)
    let s = 0
    let m1 = 0
    let m2 = 0
    for (let i = 0; i < k; i++) {
      const wi = this.w[i] as number
      const xi = values[i] as number
      const xi2 = xi * xi
      const a = d1 === null ? 1 : (d1[i] as number)
      const b = d2 === null ? 1 : (d2[i] as number)
      const w2 = wi * wi
      s += w2 * a * b - 2 * w2 * wi * aInv * xi2 * a * b
      m1 += w2 * a * xi2
      m2 += w2 * b * xi2
    }
    return s + aInv * m1 * aInv * m2
  }
}
