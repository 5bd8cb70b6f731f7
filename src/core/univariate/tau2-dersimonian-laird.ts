/**
 * DerSimonian–Laird (DL) estimator of tau2: with FE weights w = 1/vi and
 * P = W − WX(X'WX)⁻¹X'W, tau2 = (Q − (k − p)) / tr(P), truncated at 0 (for the intercept-only
 * model tr(P) = Σw − Σw²/Σw).
 * Reference: DerSimonian & Laird 1986 (Control Clin Trials 7:177); metafor rma.uni(method = "DL"),
 * standard error sqrt((2(k − p) + 4·tau2·tr(P) + 2·tau2²·tr(PP)) / tr(P)²).
 *
 * Example: dat.bcg log risk ratios give tau2 ≈ 0.3088 (metafor 3.8).
 */
import { InputError } from '../input-error'
import { ProjectionTraces, weightedLeastSquares } from './weighted-least-squares'
import type { Tau2Estimate, Tau2Problem } from './tau2-problem'

export function derSimonianLairdTau2(problem: Tau2Problem): Tau2Estimate {
  const { y, vi, x } = problem
  const { k, p } = x
  const w = new Float64Array(k)
  for (let i = 0; i < k; i++) w[i] = 1 / (vi[i] as number)
  const fit = weightedLeastSquares(x, y, w)
  if (!fit) throw new InputError('the model matrix is not of full rank')
  const traces = new ProjectionTraces(x, w, fit.xtwxInverse)
  const trP = traces.traceP()
  const tau2 = Math.max(0, (fit.rss - (k - p)) / trP)
  const trPP = traces.tracePDPD(null, null)
  const se_tau2 = Math.sqrt((2 * (k - p) + 4 * tau2 * trP + 2 * tau2 * tau2 * trPP) / (trP * trP))
  return { tau2, se_tau2, converged: true, iterations: 0, warnings: [] }
}
