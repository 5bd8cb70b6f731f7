import { InputError } from '../input-error'
import type { BivariateLogitData } from './logit-accuracy'
import { bivariateLikelihood, interceptDesign, type BivariateDesign, type Sigma2x2 } from './bivariate-likelihood'
import { newtonAscent } from './numerical-newton'

export interface BivariateNormalOptions {
  method?: 'REML' | 'ML'
  /** Defaults to the intercept-only design (summary sensitivity and specificity). */
  design?: BivariateDesign
  maxIterations?: number
}

export interface BivariateNormalFit {
  method: 'REML' | 'ML'
  k: number
  columns: string[]
  /** β: for the intercept-only design (logit sens, logit spec). */
  coefficients: number[]
  vcov: number[][]
  tau2Sens: number
  tau2Spec: number
  /** Between-study covariance of logit sens and logit spec. */
  covariance: number
  /** Correlation of logit sens and logit spec (mada reports the one with logit FPR: opposite sign). */
  rho: number
  logLik: number
  converged: boolean
  iterations: number
  warnings: string[]
}

/** Σ = L L' with L = [[a, 0], [b, c]]: any (a, b, c) gives a valid Σ, and the boundary ρ = ±1 is c = 0. */
const sigmaOf = ([a, b, c]: number[]): Sigma2x2 => [a! * a!, a! * b!, b! * b! + c! * c!]

/**
 * Bivariate random-effects model of Reitsma et al. (J Clin Epidemiol 2005;58:982-990):
 * (logit sens_i, logit spec_i) ~ N(X_i β, Σ + S_i), Σ unstructured, by REML (default) or ML.
 * Equals metafor::rma.mv(yi, V, mods = ~ factor(outcome) - 1, random = ~ factor(outcome) | study,
 * struct = "UN") on the stacked data, and mada::reitsma.
 *
 * Σ is parameterised by its Cholesky factor so that every iterate is positive semi-definite and a
 * boundary optimum (τ² = 0, ρ = ±1) is an ordinary stationary point; Newton's method uses the exact
 * Hessian (bivariateLikelihood), with Levenberg–Marquardt damping and step halving, started from
 * moment estimates, and checked against the boundary ρ = ±1, where a second maximum can lie.
 * Non-convergence is reported in `converged` and `warnings`, never thrown.
 *
 * Example: fitBivariateNormal(toLogitData(applyContinuityCorrection(studies, defaultCorrection)).data)
 */
export function fitBivariateNormal(data: BivariateLogitData, options: BivariateNormalOptions = {}): BivariateNormalFit {
  const method = options.method ?? 'REML'
  const k = data.ySens.length
  const design = options.design ?? interceptDesign(k)
  if (design.x.length !== 2 * k * design.p) throw new InputError('the design does not match the number of studies')
  if (2 * k <= design.p + 3) throw new InputError(`the bivariate model needs more studies: k = ${k} for ${design.p} coefficients and 3 variance parameters`)
  const maxIterations = options.maxIterations ?? 200
  // The (RE)ML surface can have a second maximum on the boundary ρ = ±1 (few studies): besides the
  // moment start, fit the boundary (c = 0) with the sign of the first fit's ρ, and when the first fit
  // lies on the boundary, from an interior start (ρ = 0). Keep the highest (with its convergence).
  const first = newtonFromStart(data, design, method, startingValues(data), false, maxIterations)
  const [a1, b1, c1] = first.theta as [number, number, number]
  const sB = Math.sqrt(b1 * b1 + c1 * c1)
  const sign = a1 * b1 >= 0 ? 1 : -1
  const runs = [first, newtonFromStart(data, design, method, [Math.abs(a1) || 0.1, sign * (sB || 0.1), 0], true, maxIterations)]
  if (Math.abs(c1) < 1e-3 * (sB || 1)) {
    const [a0, b0, c0] = startingValues(data) as [number, number, number]
    runs.push(newtonFromStart(data, design, method, [a0, 0, Math.sqrt(b0 * b0 + c0 * c0)], false, maxIterations))
  }
  const best = runs.reduce((m, r) => (r.current.logLik > m.current.logLik + 1e-10 * Math.abs(m.current.logLik) ? r : m))
  const { theta, current, converged } = best
  const warnings = [...best.warnings]
  const iterations = runs.reduce((s, r) => s + r.iterations, 0)
  const [s11, s12, s22] = sigmaOf(theta)
  const rho = s11 > 0 && s22 > 0 ? Math.max(-1, Math.min(1, s12 / Math.sqrt(s11 * s22))) : 0
  if (s11 < 1e-8 || s22 < 1e-8) warnings.push('a between-study variance is estimated at (or near) zero')
  else if (Math.abs(rho) > 1 - 1e-6) warnings.push('the between-study correlation is estimated at the boundary (rho = ±1)')
  return {
    method,
    k,
    columns: design.columns,
    coefficients: current.beta,
    vcov: current.vcov.toRows(),
    tau2Sens: s11,
    tau2Spec: s22,
    covariance: s12,
    rho,
    logLik: current.logLik,
    converged,
    iterations,
    warnings,
  }
}

interface NewtonRun {
  theta: number[]
  current: NonNullable<ReturnType<typeof bivariateLikelihood>>
  converged: boolean
  iterations: number
  warnings: string[]
}

/** Newton's method on the Cholesky entries (a, b, c) from `theta`; with `boundary`, c stays 0 (ρ = ±1). */
function newtonFromStart(data: BivariateLogitData, design: BivariateDesign, method: 'REML' | 'ML', start: number[], boundary: boolean, maxIterations: number): NewtonRun {
  const result = newtonAscent(
    {
      at: (theta) => bivariateLikelihood(data, design, sigmaOf(theta), method, true),
      value: (point) => point.logLik,
      slope: (theta, point) => {
        const { g, h } = toCholeskyScale(theta, point.gradient!, point.hessian!)
        if (boundary) {
          g[2] = 0
          h[2] = [0, 0, -1]
          h[0]![2] = 0
          h[1]![2] = 0
        }
        return { gradient: g, hessian: h }
      },
    },
    start,
    {
      maxIterations,
      stepTolerance: { gain: 1e-11, move: 1e-7 },
      gradientTolerance: 1e-6,
      slack: 1e-12,
      invalidStart: 'the starting values of the bivariate model are not valid',
    },
  )
  return { theta: result.x, current: result.point, converged: result.converged, iterations: result.iterations, warnings: result.warnings }
}

/** Moment-type start: spread of the observed logits beyond their sampling variance, and their correlation. */
function startingValues(data: BivariateLogitData): number[] {
  const k = data.ySens.length
  const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / k
  const mA = mean(data.ySens)
  const mB = mean(data.ySpec)
  let sAA = 0
  let sBB = 0
  let sAB = 0
  for (let i = 0; i < k; i++) {
    const dA = (data.ySens[i] as number) - mA
    const dB = (data.ySpec[i] as number) - mB
    sAA += dA * dA
    sBB += dB * dB
    sAB += dA * dB
  }
  const tau2A = Math.max(sAA / (k - 1) - mean(data.vSens), 0.1 * mean(data.vSens), 0.01)
  const tau2B = Math.max(sBB / (k - 1) - mean(data.vSpec), 0.1 * mean(data.vSpec), 0.01)
  const r = sAA > 0 && sBB > 0 ? Math.max(-0.9, Math.min(0.9, sAB / Math.sqrt(sAA * sBB))) : 0
  const a = Math.sqrt(tau2A)
  const sB = Math.sqrt(tau2B)
  return [a, r * sB, Math.sqrt(1 - r * r) * sB]
}

/** Chain rule from (s11, s12, s22) to the Cholesky entries (a, b, c); Σ is quadratic in them. */
function toCholeskyScale(theta: number[], g: readonly number[], h: readonly (readonly number[])[]): { g: number[]; h: number[][] } {
  const [a, b, c] = theta as [number, number, number]
  const jac = [
    [2 * a, 0, 0],
    [b, a, 0],
    [0, 2 * b, 2 * c],
  ]
  const gL = [0, 1, 2].map((q) => jac[0]![q]! * g[0]! + jac[1]![q]! * g[1]! + jac[2]![q]! * g[2]!)
  const hL = [0, 1, 2].map((q) =>
    [0, 1, 2].map((r) => {
      let s = 0
      for (let m = 0; m < 3; m++) for (let n = 0; n < 3; n++) s += jac[m]![q]! * h[m]![n]! * jac[n]![r]!
      return s
    }),
  )
  hL[0]![0]! += 2 * g[0]!
  hL[0]![1]! += g[1]!
  hL[1]![0]! += g[1]!
  hL[1]![1]! += 2 * g[2]!
  hL[2]![2]! += 2 * g[2]!
  return { g: gL, h: hL }
}
