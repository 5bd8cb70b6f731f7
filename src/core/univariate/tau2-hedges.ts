/**
 * Hedges (HE) estimator of tau2, the unweighted method of moments: with the OLS residual
 * projection P = I − X(X'X)⁻¹X', tau2 = (y'Py − tr(PV)) / (k − p), truncated at 0.
 * Reference: Hedges 1983 (Psychol Bull 93:388); metafor rma.uni(method = "HE"), including its
 * standard error sqrt((2·tr(PVPV) + 4·tau2·tr(PV) + 2·tau2²·(k − p)) / (k − p)²).
 *
 * Example: dat.bcg log risk ratios give tau2 ≈ 0.3286 (metafor 3.8).
 */
import { InputError } from '../input-error'
import { ProjectionTraces, weightedLeastSquares } from './weighted-least-squares'
import type { Tau2Estimate, Tau2Problem } from './tau2-problem'

export function hedgesTau2(problem: Tau2Problem, withStandardError = true): Tau2Estimate {
  const { y, vi, x } = problem
  const { k, p } = x
  const ones = new Float64Array(k).fill(1)
  const fit = weightedLeastSquares(x, y, ones)
  if (!fit) throw new InputError('the model matrix is not of full rank')
  const traces = new ProjectionTraces(x, ones, fit.xtwxInverse)
  const trPV = traces.traceP(vi)
  const tau2 = Math.max(0, (fit.rss - trPV) / (k - p))
  if (!withStandardError) return { tau2, se_tau2: Number.NaN, converged: true, iterations: 0, warnings: [] }
  const trPVPV = traces.tracePDPD(vi, vi)
  const se_tau2 = Math.sqrt((2 * trPVPV + 4 * tau2 * trPV + 2 * tau2 * tau2 * (k - p)) / (k - p) ** 2)
  return { tau2, se_tau2, converged: true, iterations: 0, warnings: [] }
}
