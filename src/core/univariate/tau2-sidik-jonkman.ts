/**
 * Sidik–Jonkman (SJ) estimator of tau2: start from tau2₀ = Σ(yi − ȳ)²/k, weight by
 * 1/(vi + tau2₀) and set tau2 = tau2₀ · y'Py / (k − p) (always ≥ 0).
 * Reference: Sidik & Jonkman 2005 (J Biopharm Stat 15:823); metafor rma.uni(method = "SJ"),
 * standard error tau2₀/(k − p) · sqrt(2·tr(PVPV) + 4·tau2·tr(PPV) + 2·tau2²·tr(PP)).
 *
 * Example: dat.bcg log risk ratios give tau2 ≈ 0.3455 (metafor 3.8).
 */
import { InputError } from '../input-error'
import { ProjectionTraces, weightedLeastSquares } from './weighted-least-squares'
import type { Tau2Estimate, Tau2Problem } from './tau2-problem'

export function sidikJonkmanTau2(problem: Tau2Problem): Tau2Estimate {
  const { y, vi, x, control } = problem
  const { k, p } = x
  let tau2Start = control.tau2Init
  if (tau2Start === undefined) {
    let mean = 0
    for (let i = 0; i < k; i++) mean += y[i] as number
    mean /= k
    let ss = 0
    for (let i = 0; i < k; i++) ss += ((y[i] as number) - mean) ** 2
    tau2Start = ss / k
  }
  const w = new Float64Array(k)
  for (let i = 0; i < k; i++) w[i] = 1 / ((vi[i] as number) + tau2Start)
  const fit = weightedLeastSquares(x, y, w)
  if (!fit) throw new InputError('the model matrix is not of full rank')
  const tau2 = Math.max(0, (tau2Start * fit.rss) / (k - p))
  const traces = new ProjectionTraces(x, w, fit.xtwxInverse)
  const trPVPV = traces.tracePDPD(vi, vi)
  const trPPV = traces.tracePDPD(null, vi)
  const trPP = traces.tracePDPD(null, null)
  const se_tau2 = Math.sqrt(((tau2Start * tau2Start) / (k - p) ** 2) * (2 * trPVPV + 4 * tau2 * trPPV + 2 * tau2 * tau2 * trPP))
  return { tau2, se_tau2, converged: true, iterations: 0, warnings: [] }
}
