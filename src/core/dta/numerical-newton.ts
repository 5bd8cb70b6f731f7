import { Matrix, cholesky, choleskySolve } from '../linalg/matrix'

export interface NumericalMaximum {
  x: number[]
  value: number
  /** Central-difference Hessian at x. */
  hessian: number[][]
  converged: boolean
  iterations: number
  warnings: string[]
}

/** Central-difference gradient (step `h`·max(1, |x_i|)) and Hessian (step 10·that), from 2n² + 1 evaluations. */
export function numericalDerivatives(f: (x: number[]) => number, x: readonly number[], h = 1e-5): { value: number; gradient: number[]; hessian: number[][] } {
  const n = x.length
  const at = (changes: [number, number][]): number => {
    const y = [...x]
    for (const [i, d] of changes) y[i]! += d
    return f(y)
  }
  const value = f([...x])
  const stepG = x.map((v) => h * Math.max(1, Math.abs(v)))
  const stepH = stepG.map((s) => 10 * s)
  const gradient = stepG.map((s, i) => (at([[i, s]]) - at([[i, -s]])) / (2 * s))
  const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  for (let i = 0; i < n; i++) {
    const si = stepH[i]!
    hessian[i]![i] = (at([[i, si]]) - 2 * value + at([[i, -si]])) / (si * si)
    for (let j = 0; j < i; j++) {
      const sj = stepH[j]!
      const v =
        (at([
          [i, si],
          [j, sj],
        ]) -
          at([
            [i, si],
            [j, -sj],
          ]) -
          at([
            [i, -si],
            [j, sj],
          ]) +
          at([
            [i, -si],
            [j, -sj],
          ])) /
        (4 * si * sj)
      hessian[i]![j] = v
      hessian[j]![i] = v
    }
  }
  return { value, gradient, hessian }
}

/**
 * Value and gradient from an analytic gradient, and the Hessian by differences of it: central
 * (2n calls, error O(h²)) or forward (n calls, error O(h), enough to steer Newton's steps).
 */
export function derivativesFromGradient(
  fg: (x: number[]) => { value: number; gradient: number[] },
  x: readonly number[],
  h = 1e-4,
  central = true,
): { value: number; gradient: number[]; hessian: number[][] } {
  const n = x.length
  const { value, gradient } = fg([...x])
  const columns = x.map((v, j) => {
    const s = (central ? h : h / 10) * Math.max(1, Math.abs(v))
    const up = [...x]
    up[j]! += s
    const gu = fg(up).gradient
    if (!central) return gu.map((g, i) => (g - gradient[i]!) / s)
    const down = [...x]
    down[j]! -= s
    const gd = fg(down).gradient
    return gu.map((g, i) => (g - gd[i]!) / (2 * s))
  })
  const hessian = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (columns[j]![i]! + columns[i]![j]!) / 2))
  return { value, gradient, hessian }
}

/**
 * Maximises a smooth function of a few parameters by Newton's method with Levenberg–Marquardt
 * damping and step halving, on central-difference derivatives of f, or, when `fg` gives the exact
 * gradient, on that gradient and forward differences of it (the returned Hessian is then forward
 * too). Used where analytic second derivatives would need derivatives of conditional modes (the
 * GLMM's Laplace and quadrature likelihoods).
 * Stops when the Newton decrement g'(−H)⁻¹g falls below `tolerance`·(1 + |f|).
 *
 * Example: maximizeNumerically((x) => -((x[0]! - 1) ** 2), [0]).x is [1] (to rounding).
 */
export function maximizeNumerically(
  f: (x: number[]) => number,
  x0: readonly number[],
  maxIterations = 100,
  tolerance = 1e-10,
  fg?: (x: number[]) => { value: number; gradient: number[] },
): NumericalMaximum {
  const derivatives = (x: readonly number[]): { value: number; gradient: number[]; hessian: number[][] } => (fg ? derivativesFromGradient(fg, x, 1e-4, false) : numericalDerivatives(f, x))
  let x = [...x0]
  let d = derivatives(x)
  if (!Number.isFinite(d.value)) throw new RangeError('the starting values give a non-finite objective')
  const warnings: string[] = []
  let converged = false
  let iterations = 0
  for (; iterations < maxIterations; iterations++) {
    const step = dampedNewtonStep(d.gradient, d.hessian)
    const decrement = step.reduce((s, v, i) => s + v * d.gradient[i]!, 0)
    if (decrement < tolerance * (1 + Math.abs(d.value))) {
      converged = true
      break
    }
    let t = 1
    let accepted = false
    for (let halving = 0; halving < 40; halving++) {
      const trial = x.map((v, i) => v + t * step[i]!)
      const value = f(trial)
      if (Number.isFinite(value) && value >= d.value) {
        x = trial
        accepted = true
        break
      }
      t /= 2
    }
    if (!accepted) {
      converged = Math.max(...d.gradient.map(Math.abs)) < 1e-4
      if (!converged) warnings.push('the line search failed before the maximum was reached')
      break
    }
    d = derivatives(x)
  }
  if (!converged && warnings.length === 0) warnings.push(`no convergence after ${maxIterations} iterations`)
  return { x, value: d.value, hessian: d.hessian, converged, iterations, warnings }
}

/** Newton step for a maximum, (−H + λI) δ = g, with the smallest λ (0 first) that makes −H + λI positive definite. */
export function dampedNewtonStep(g: readonly number[], h: readonly (readonly number[])[]): number[] {
  const n = g.length
  const scale = Math.max(1e-12, ...h.map((row, i) => Math.abs(row[i]!)))
  for (let lambda = 0, attempt = 0; attempt < 60; attempt++, lambda = lambda === 0 ? 1e-10 * scale : lambda * 10) {
    const m = new Matrix(n, n)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, -h[i]![j]! + (i === j ? lambda : 0))
    const l = cholesky(m)
    if (l) return choleskySolve(l, g)
  }
  return g.map((v) => v / scale)
}
