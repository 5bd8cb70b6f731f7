/**
 * What every tau2 estimator of the univariate random-effects model receives and returns.
 * Names follow metafor's rma.uni (method = "DL", "HE", "SJ", "ML", "REML", "PM") and its
 * control list (threshold, maxiter, stepadj, tau2.init, tau2.max, tol).
 */
import type { DesignMatrix } from './design-matrix'

export const tau2Methods = ['DL', 'HE', 'SJ', 'ML', 'REML', 'PM'] as const
export type Tau2Method = (typeof tau2Methods)[number]

export interface Tau2Control {
  /** Starting value for the iterative estimators (metafor: tau2.init). */
  tau2Init?: number
  /** Convergence criterion on the change in tau2 (metafor: threshold = 1e-5). */
  threshold: number
  /** metafor: maxiter = 100. */
  maxIterations: number
  /** Fisher scoring step multiplier (metafor: stepadj = 1). */
  stepAdjust: number
  /** Upper end of the PM search interval (metafor: max(100, 10·mad(yi)²), see defaultTau2Max). */
  tau2Max?: number
  /** uniroot tolerance for PM and the log-likelihood check tolerance (metafor: tol = eps^0.25). */
  tolerance: number
  /** Set tau2 = 0 when the likelihood there beats the Fisher scoring optimum (metafor: ll0check). */
  ll0check: boolean
}

export interface Tau2Problem {
  /** yi centred at their mean, as metafor estimates tau2 (Ymc). */
  y: Float64Array
  vi: Float64Array
  x: DesignMatrix
  control: Tau2Control
}

export interface Tau2Estimate {
  tau2: number
  /** Standard error of tau2 as metafor reports it for this estimator. */
  se_tau2: number
  converged: boolean
  iterations: number
  warnings: string[]
}

/** metafor's default control values (tau2Max is left to defaultTau2Max unless given). */
export function defaultTau2Control(overrides: Partial<Tau2Control> = {}): Tau2Control {
  return {
    threshold: 1e-5,
    maxIterations: 100,
    stepAdjust: 1,
    tolerance: Number.EPSILON ** 0.25,
    ll0check: true,
    ...overrides,
  }
}

/** metafor's default upper end of the tau2 search: max(100, 10·mad(yi)²). */
export function defaultTau2Max(yi: ArrayLike<number>): number {
  const mad = medianAbsoluteDeviation(yi)
  return Math.max(100, 10 * mad * mad)
}

/** Median of a typed array, sorting it in place (native numeric sort). */
function medianInPlace(values: Float64Array): number {
  values.sort()
  const n = values.length
  if (n === 0) return Number.NaN
  const mid = Math.floor(n / 2)
  return n % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2
}

/** R's mad(): 1.4826 · median |y − median(y)|. */
export function medianAbsoluteDeviation(yi: ArrayLike<number>): number {
  const m = medianInPlace(Float64Array.from(yi))
  const deviations = new Float64Array(yi.length)
  for (let i = 0; i < yi.length; i++) deviations[i] = Math.abs((yi[i] as number) - m)
  return 1.4826 * medianInPlace(deviations)
}
