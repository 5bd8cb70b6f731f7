/**
 * Paule–Mandel (PM, "empirical Bayes") estimator of tau2: the root of the generalised Q
 * statistic, Σ wi(τ²)·(yi − x_i'β(τ²))² = k − p with wi(τ²) = 1/(vi + τ²), searched on
 * [0, tau2Max] with R's uniroot (Brent) at metafor's tolerance; tau2 = 0 when Q(0) < k − p.
 * Reference: Paule & Mandel 1982 (J Res Natl Bur Stand 87:377); metafor rma.uni(method = "PM"),
 * standard error sqrt(2k²/(k − p)) / Σwi.
 *
 * Example: dat.bcg log risk ratios give tau2 ≈ 0.3181 (metafor 3.8).
 */
import { InputError } from '../input-error'
import { weightedLeastSquares } from './weighted-least-squares'
import { zeroin } from './zeroin'
import { defaultTau2Max, type Tau2Estimate, type Tau2Problem } from './tau2-problem'

export function pauleMandelTau2(problem: Tau2Problem): Tau2Estimate {
  const { y, vi, x, control } = problem
  const { k, p } = x
  const target = k - p
  const w = new Float64Array(k)
  const generalisedQ = (tau2: number): number => {
    for (let i = 0; i < k; i++) w[i] = 1 / ((vi[i] as number) + tau2)
    const fit = weightedLeastSquares(x, y, w)
    if (!fit) throw new InputError('the model matrix is not of full rank')
    return fit.rss
  }
  // metafor takes mad() of yi; the centred y the estimators receive have the same mad
  const tau2Max = control.tau2Max ?? defaultTau2Max(y)
  const warnings: string[] = []
  let tau2: number
  let converged = true
  let iterations = 0
  const atZero = generalisedQ(0)
  if (atZero < target) {
    tau2 = 0
  } else {
    const atMax = generalisedQ(tau2Max)
    if (atMax > target) {
      converged = false
      tau2 = tau2Max
      warnings.push(`Paule–Mandel: Q(tau2) stays above k − p up to tau2Max = ${tau2Max}; increase tau2Max or use another method`)
    } else {
      const root = zeroin((t) => generalisedQ(t) - target, 0, tau2Max, atZero - target, atMax - target, control.tolerance, control.maxIterations)
      tau2 = root.root
      iterations = root.iterations
      if (root.iterations < 0) {
        converged = false
        iterations = control.maxIterations
        warnings.push(`Paule–Mandel: root search did not converge in ${control.maxIterations} iterations`)
      }
    }
  }
  tau2 = Math.max(0, tau2)
  let sumW = 0
  for (let i = 0; i < k; i++) sumW += 1 / ((vi[i] as number) + tau2)
  const se_tau2 = Math.sqrt((2 * k * k) / (k - p) / (sumW * sumW))
  return { tau2, se_tau2, converged, iterations, warnings }
}
