/**
 * The choice of tau2 estimator (metafor's rma.uni method = "DL", "HE", "SJ", "ML", "REML", "PM"),
 * and the rescaling of the estimation problem when the spread of the outcomes dwarfs their
 * variances. ML and REML start from the HE estimate, as metafor does.
 *
 * Example: estimateTau2('REML', problem, { maxVariance: 0.4, maxAbsY: 1.1 }).tau2
 */
import { derSimonianLairdTau2 } from './tau2-dersimonian-laird'
import type { Tau2Estimate, Tau2Method, Tau2Problem } from './tau2-problem'
import { fisherScoringTau2 } from './tau2-fisher-scoring'
import { hedgesTau2 } from './tau2-hedges'
import { pauleMandelTau2 } from './tau2-paule-mandel'
import { sidikJonkmanTau2 } from './tau2-sidik-jonkman'

function runEstimator(method: Tau2Method, problem: Tau2Problem): Tau2Estimate {
  switch (method) {
    case 'DL':
      return derSimonianLairdTau2(problem)
    case 'HE':
      return hedgesTau2(problem)
    case 'SJ':
      return sidikJonkmanTau2(problem)
    case 'PM':
      return pauleMandelTau2(problem)
    case 'ML':
    case 'REML':
      return fisherScoringTau2(problem, method, hedgesTau2(problem, false).tau2)
  }
}

/** tau2 by `method`; `extremes` are the largest vi and |y| of the problem (see estimateOnScale). */
export function estimateTau2(method: Tau2Method, problem: Tau2Problem, extremes: { maxVariance: number; maxAbsY: number }): Tau2Estimate {
  const run = (scaled: Tau2Problem): Tau2Estimate => runEstimator(method, scaled)
  return method === 'ML' || method === 'REML' || method === 'SJ' ? estimateOnScale(problem, run, extremes) : run(problem)
}

/**
 * Runs `estimate` on (y/t, vi/t²) when the spread of y dwarfs the variances (by more than 2^32 in
 * standard-deviation terms, see rescaling.ts) and returns tau2 and its standard error in the units
 * of the data. With yi ~ 1e150 and vi ~ 1, tau2 ~ 1e300 and the weights 1/(vi + tau2) ~ 1e-300
 * square to 0. Only for the estimators whose weights include tau2 (ML, REML, SJ): DL and PM need
 * 1/vi itself, which this would push towards overflow. The control's starting value and search
 * bound are rescaled too; the convergence threshold then applies in the rescaled units.
 */
function estimateOnScale(
  problem: Tau2Problem,
  estimate: (scaled: Tau2Problem) => Tau2Estimate,
  /** The largest vi and the largest |y| of the problem (the caller has them from its own loops). */
  extremes: { maxVariance: number; maxAbsY: number },
): Tau2Estimate {
  const log2MaxV = Math.log2(extremes.maxVariance)
  const magnitude = Math.max(log2MaxV, 2 * Math.log2(extremes.maxAbsY))
  if (!Number.isFinite(magnitude) || Math.abs(magnitude) < 64) return estimate(problem)
  // An even exponent keeps t exact; the variances stay above 2^-1000, so 1/vi (the ll0check) stays finite.
  const t2 = 2 ** Math.min(2 * Math.round(magnitude / 2), 2 * Math.floor((log2MaxV + 1000) / 2), 1020)
  const t = Math.sqrt(t2)
  const { control } = problem
  const result = estimate({
    y: problem.y.map((v) => v / t),
    vi: problem.vi.map((v) => v / t2),
    x: problem.x,
    control: {
      ...control,
      ...(control.tau2Init === undefined ? {} : { tau2Init: control.tau2Init / t2 }),
      ...(control.tau2Max === undefined ? {} : { tau2Max: control.tau2Max / t2 }),
    },
  })
  return { ...result, tau2: result.tau2 * t2, se_tau2: result.se_tau2 * t2 }
}
