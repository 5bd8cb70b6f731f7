/**
 * Newton's method for the maximum of a smooth function of a few parameters (the DTA likelihoods),
 * with Levenberg–Marquardt damping (Levenberg 1944, Q Appl Math 2:164; Marquardt 1963, J SIAM
 * 11:431: the smallest λ that makes −H + λI positive definite) and step halving (a backtracking line
 * search, Nocedal & Wright 2006, Numerical Optimization, §3.1 and §3.4), plus the finite-difference
 * gradients and Hessians the GLMM likelihoods need (central differences, Nocedal & Wright §8.1).
 * One loop, newtonAscent, serves the bivariate normal model (exact derivatives) and the GLMM
 * (numerical ones); non-convergence is reported in `converged` and `warnings`.
 */
import { InputError } from '../input-error'
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

/** What newtonAscent needs from the objective. */
export interface NewtonProblem<T> {
  /** The objective at x, with whatever else the caller keeps (null outside the domain or non-finite). */
  at(x: number[]): T | null
  value(point: T): number
  /** Gradient and Hessian at an accepted point; the steps follow them. */
  slope(x: number[], point: T): { gradient: number[]; hessian: number[][] }
}

export interface NewtonOptions {
  maxIterations: number
  /** Converged before a step when the Newton decrement g'(−H)⁻¹g is below this·(1 + |f|). */
  decrementTolerance?: number
  /** Converged after a step that raised f by less than gain·(1 + |f|) and moved every x_i by less than move·(1e-4 + |x_i|). */
  stepTolerance?: { gain: number; move: number }
  /** When no halved step raises f: converged if every |g_i| is below this (a maximum up to rounding). */
  gradientTolerance: number
  /** Accept a step whose value is at least f − slack·|f| (flat within rounding at the maximum); default 0. */
  slack?: number
  /** Message when `at(x0)` is null. */
  invalidStart: string
}

export interface NewtonResult<T> {
  x: number[]
  point: T
  gradient: number[]
  hessian: number[][]
  converged: boolean
  /** Accepted steps. */
  iterations: number
  warnings: string[]
}

/**
 * Damped Newton ascent: from x0, step δ = (−H + λI)⁻¹g (dampedNewtonStep), halved up to 40 times
 * until f does not fall, until a stopping rule of `options` holds.
 *
 * Example: newtonAscent({ at: (x) => ({ x }), value: (p) => -((p.x[0]! - 1) ** 2),
 *   slope: (x) => ({ gradient: [-2 * (x[0]! - 1)], hessian: [[-2]] }) }, [0],
 *   { maxIterations: 20, decrementTolerance: 1e-12, gradientTolerance: 1e-8, invalidStart: 'bad start' }).x is [1]
 */
export function newtonAscent<T>(problem: NewtonProblem<T>, x0: readonly number[], options: NewtonOptions): NewtonResult<T> {
  let x = [...x0]
  const start = problem.at(x)
  if (start === null) throw new InputError(options.invalidStart)
  let point: T = start
  let { gradient, hessian } = problem.slope(x, point)
  const warnings: string[] = []
  const slack = options.slack ?? 0
  let converged = false
  let iterations = 0
  while (iterations < options.maxIterations) {
    const value = problem.value(point)
    const step = dampedNewtonStep(gradient, hessian)
    if (options.decrementTolerance !== undefined) {
      const decrement = step.reduce((sum, v, i) => sum + v * gradient[i]!, 0)
      if (decrement < options.decrementTolerance * (1 + Math.abs(value))) {
        converged = true
        break
      }
    }
    let accepted: { x: number[]; point: T } | null = null
    for (let halving = 0, t = 1; halving < 40 && accepted === null; halving++, t /= 2) {
      const trial = x.map((v, i) => v + t * step[i]!)
      const next = problem.at(trial)
      if (next !== null && problem.value(next) >= value - slack * Math.abs(value)) accepted = { x: trial, point: next }
    }
    if (accepted === null) {
      converged = largestMagnitude(gradient) < options.gradientTolerance
      if (!converged) warnings.push('the line search failed before the maximum was reached')
      break
    }
    iterations++
    const gain = problem.value(accepted.point) - value
    let moved = 0
    accepted.x.forEach((v, i) => (moved = Math.max(moved, Math.abs(v - x[i]!) / (1e-4 + Math.abs(v)))))
    x = accepted.x
    point = accepted.point
    ;({ gradient, hessian } = problem.slope(x, point))
    const tolerance = options.stepTolerance
    if (tolerance && Math.abs(gain) < tolerance.gain * (1 + Math.abs(problem.value(point))) && moved < tolerance.move) {
      converged = true
      break
    }
  }
  if (!converged && warnings.length === 0) warnings.push(`no convergence after ${options.maxIterations} iterations`)
  return { x, point, gradient, hessian, converged, iterations, warnings }
}

const largestMagnitude = (values: readonly number[]): number => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0)

/**
 * Maximises f by newtonAscent on central-difference derivatives of f, or, when `fg` gives the exact
 * gradient, on that gradient and forward differences of it (the returned Hessian is then forward
 * too). Used where analytic second derivatives would need derivatives of conditional modes (the
 * GLMM's Laplace and quadrature likelihoods). Stops when the Newton decrement g'(−H)⁻¹g falls below
 * `tolerance`·(1 + |f|).
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
  const result = newtonAscent<number>(
    {
      at: (x) => {
        const value = f(x)
        return Number.isFinite(value) ? value : null
      },
      value: (value) => value,
      slope: (x) => (fg ? derivativesFromGradient(fg, x, 1e-4, false) : numericalDerivatives(f, x)),
    },
    x0,
    { maxIterations, decrementTolerance: tolerance, gradientTolerance: 1e-4, invalidStart: 'the starting values give a non-finite objective' },
  )
  return { x: result.x, value: result.point, hessian: result.hessian, converged: result.converged, iterations: result.iterations, warnings: result.warnings }
}

/** Newton step for a maximum, (−H + λI) δ = g, with the smallest λ (0 first) that makes −H + λI positive definite. */
export function dampedNewtonStep(g: readonly number[], h: readonly (readonly number[])[]): number[] {
  const n = g.length
  let scale = 1e-12
  h.forEach((row, i) => (scale = Math.max(scale, Math.abs(row[i]!))))
  for (let lambda = 0, attempt = 0; attempt < 60; attempt++, lambda = lambda === 0 ? 1e-10 * scale : lambda * 10) {
    const m = new Matrix(n, n)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, -h[i]![j]! + (i === j ? lambda : 0))
    const l = cholesky(m)
    if (l) return choleskySolve(l, g)
  }
  return g.map((v) => v / scale)
}
