import { InputError } from '../input-error'
import { addRow, rowDot, type FeatureMatrix } from './feature-matrix'
import type { LinearModel, TrainingSet } from './linear-model'

/**
 * A loss of the margin z = x·w + b for a record with label y (0/1): its value, first derivative in z,
 * and (generalised) second derivative in z.
 */
export interface MarginLoss {
  value(z: number, y: number): number
  slope(z: number, y: number): number
  curvature(z: number, y: number): number
}

export interface LinearFitOptions {
  /** Inverse regularisation strength (liblinear's C). */
  C?: number
  /** Relative gradient-norm tolerance. */
  tolerance?: number
  maxIterations?: number
  /** Start from this model (warm start when retraining after a few new labels). */
  initial?: LinearModel
}

export interface NewtonOptions {
  C: number
  tolerance: number
  maxIterations: number
  initial?: LinearModel
}

export interface NewtonFit extends LinearModel {
  converged: boolean
  iterations: number
}

/**
 * Minimises ½(||w||² + b²) + C Σ_i s_i ℓ(x_i·w + b, y_i), liblinear's primal form with the intercept
 * as the weight of a constant feature 1 (penalised like the others), by truncated Newton: each step
 * solves (I + C Xᵀ D X) p = −g by conjugate gradients, D_i = s_i ℓ''(z_i), using the Hessian only in
 * products with vectors (two sparse passes each), stopped at a relative residual min(0.5, √||g||);
 * then a backtracking Armijo line search. Converged when ||g|| <= tolerance · ||g(0)||, liblinear's rule.
 * Reference: Lin, Weng & Keerthi, "Trust region Newton method for large-scale logistic regression",
 * JMLR 9 (2008) 627–650 (also for the squared-hinge SVM); Nocedal & Wright (2006), algorithm 7.1.
 * Weights of columns no training record uses are 0 (their gradient is the weight itself).
 */
export function newtonConjugateGradient(features: FeatureMatrix, training: TrainingSet, loss: MarginLoss, options: NewtonOptions): NewtonFit {
  const { C, tolerance, maxIterations } = options
  if (!(C > 0)) throw new InputError(`C must be positive (got ${C})`)
  if (options.initial !== undefined && options.initial.weights.length !== features.columns) throw new InputError('the initial model has the wrong number of weights')
  const keep: number[] = []
  for (let k = 0; k < training.rows.length; k++) if (training.sampleWeights[k]! > 0) keep.push(k)
  const y = Uint8Array.from(keep, (k) => training.labels[k]!)
  const cs = Float64Array.from(keep, (k) => C * training.sampleWeights[k]!)
  const m = keep.length
  // A weight whose column no training record uses has gradient w_j, so it is 0 at the optimum: solve
  // only for the columns the training rows use (a 50,000-record bigram matrix has millions of others).
  const { local, columns } = trainingColumns(
    features,
    Int32Array.from(keep, (k) => training.rows[k]!),
  )
  const V = columns.length

  // The parameter vector is (w over the used columns, b): index V holds the intercept.
  const theta = new Float64Array(V + 1)
  if (options.initial !== undefined) {
    for (let j = 0; j < V; j++) theta[j] = options.initial.weights[columns[j]!]!
    theta[V] = options.initial.intercept
  }
  const margins = (t: Float64Array, out: Float64Array) => {
    for (let i = 0; i < m; i++) out[i] = rowDot(local, i, t) + t[V]!
  }
  const objective = (t: Float64Array, z: Float64Array) => {
    let f = 0.5 * dot(t, t)
    for (let i = 0; i < m; i++) f += cs[i]! * loss.value(z[i]!, y[i]!)
    return f
  }
  // g = θ + Σ_i c_i ℓ'(z_i) (x_i, 1)
  const gradient = (t: Float64Array, z: Float64Array | null, g: Float64Array) => {
    g.set(t)
    for (let i = 0; i < m; i++) {
      const r = cs[i]! * loss.slope(z === null ? 0 : z[i]!, y[i]!)
      addRow(local, i, r, g)
      g[V]! += r
    }
  }
  const d = new Float64Array(m)
  const hessianTimes = (v: Float64Array, out: Float64Array) => {
    out.set(v)
    for (let i = 0; i < m; i++) {
      if (d[i] === 0) continue
      const r = d[i]! * (rowDot(local, i, v) + v[V]!)
      addRow(local, i, r, out)
      out[V]! += r
    }
  }

  const g = new Float64Array(V + 1)
  gradient(new Float64Array(V + 1), null, g)
  const g0 = Math.max(Math.sqrt(dot(g, g)), 1e-12)
  const z = new Float64Array(m)
  margins(theta, z)
  let f = objective(theta, z)
  const step = new Float64Array(V + 1)
  const trial = new Float64Array(V + 1)
  const zTrial = new Float64Array(m)
  let iterations = 0
  let converged = false
  for (; iterations <= maxIterations; iterations++) {
    gradient(theta, z, g)
    const gNorm = Math.sqrt(dot(g, g))
    if (gNorm <= tolerance * g0) {
      converged = true
      break
    }
    if (iterations === maxIterations) break
    for (let i = 0; i < m; i++) d[i] = cs[i]! * loss.curvature(z[i]!, y[i]!)
    conjugateGradient(hessianTimes, g, Math.min(0.5, Math.sqrt(gNorm)) * gNorm, step)
    const slope = dot(g, step)
    let size = 1
    let accepted = false
    for (let halvings = 0; halvings < 30 && !accepted; halvings++, size /= 2) {
      for (let j = 0; j <= V; j++) trial[j] = theta[j]! + size * step[j]!
      margins(trial, zTrial)
      const fTrial = objective(trial, zTrial)
      if (fTrial <= f + 1e-4 * size * slope) {
        theta.set(trial)
        z.set(zTrial)
        f = fTrial
        accepted = true
      }
    }
    if (!accepted) break
  }
  const weights = new Float64Array(features.columns)
  for (let j = 0; j < V; j++) weights[columns[j]!] = theta[j]!
  return { weights, intercept: theta[V]!, converged, iterations }
}

/** The training rows as a matrix of their own whose columns are only those they use. */
function trainingColumns(features: FeatureMatrix, rows: Int32Array): { local: FeatureMatrix; columns: Int32Array } {
  const localOf = new Map<number, number>()
  const columns: number[] = []
  const rowStart = new Int32Array(rows.length + 1)
  let nnz = 0
  for (let i = 0; i < rows.length; i++) nnz += features.rowStart[rows[i]! + 1]! - features.rowStart[rows[i]!]!
  const column = new Int32Array(nnz)
  const value = new Float32Array(nnz)
  let out = 0
  rows.forEach((row, i) => {
    for (let p = features.rowStart[row]!; p < features.rowStart[row + 1]!; p++) {
      const c = features.column[p]!
      let j = localOf.get(c)
      if (j === undefined) {
        j = columns.length
        localOf.set(c, j)
        columns.push(c)
      }
      column[out] = j
      value[out] = features.value[p]!
      out++
    }
    rowStart[i + 1] = out
  })
  const local: FeatureMatrix = { rows: rows.length, columns: columns.length, rowStart, column, value, vocabulary: [], idf: new Float64Array(0) }
  return { local, columns: Int32Array.from(columns) }
}

/** Solves H s = −g approximately by conjugate gradients, stopping when ||H s + g|| <= tol. */
function conjugateGradient(hessianTimes: (v: Float64Array, out: Float64Array) => void, g: Float64Array, tol: number, s: Float64Array): void {
  const n = g.length
  s.fill(0)
  const r = Float64Array.from(g, (x) => -x)
  const p = r.slice()
  const hp = new Float64Array(n)
  let rr = dot(r, r)
  for (let k = 0; k < 250 && Math.sqrt(rr) > tol; k++) {
    hessianTimes(p, hp)
    const a = rr / dot(p, hp)
    for (let j = 0; j < n; j++) {
      s[j]! += a * p[j]!
      r[j]! -= a * hp[j]!
    }
    const rrNew = dot(r, r)
    const beta = rrNew / rr
    rr = rrNew
    for (let j = 0; j < n; j++) p[j] = r[j]! + beta * p[j]!
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!
  return s
}
