import { qnorm } from '../distributions/distributions'
import { expit } from '../distributions/logistic'

export interface SummaryPoint {
  logit_sens: number
  logit_spec: number
  se_logit_sens: number
  se_logit_spec: number
  /** Covariance of the two estimated logits. */
  cov_logit: number
  sens: number
  sens_ci: [number, number]
  spec: number
  spec_ci: [number, number]
  dor: number
  dor_ci: [number, number]
  lr_pos: number
  lr_pos_ci: [number, number]
  lr_neg: number
  lr_neg_ci: [number, number]
  /** The normal quantile of the level. */
  z_critical: number
  /** The quantile every interval here uses: z_critical, or a t quantile with interval_df df (knha). */
  interval_critical: number
  interval_df: number | null
}

/**
 * Summary sensitivity and specificity with Wald CIs on the logit scale, back-transformed, and the
 * derived ratios with CIs by the delta method on the log scale from the covariance V of (μ_A, μ_B),
 * as mada and the Cochrane handbook (ch. 10) do:
 *   log DOR = μ_A + μ_B, gradient (1, 1);
 *   log LR+ = log expit(μ_A) − log(1 − expit(μ_B)), gradient (1 − sens, spec);
 *   log LR− = log(1 − expit(μ_A)) − log expit(μ_B), gradient (−sens, −(1 − spec)).
 *
 * The intervals use the normal quantile, or the t quantile given as `critical` (the univariate
 * model with test "knha", whose pooled logits have t intervals with k − 1 df), so that every
 * interval of one analysis uses the same distribution.
 *
 * Example: summaryPoint([2.0997, 1.2637], vcov).sens is 0.891 (mada's AuditC data).
 */
export function summaryPoint(mu: readonly [number, number], vcov: readonly (readonly number[])[], level = 0.95, critical?: { value: number; df: number }): SummaryPoint {
  const [muA, muB] = mu
  const vA = vcov[0]![0]!
  const vB = vcov[1]![1]!
  const cAB = vcov[0]![1]!
  const zCritical = qnorm(1 - (1 - level) / 2)
  const crit = critical?.value ?? zCritical
  const seA = Math.sqrt(vA)
  const seB = Math.sqrt(vB)
  const sens = expit(muA)
  const spec = expit(muB)
  const onLogScale = (estimate: number, g: [number, number]): [number, [number, number]] => {
    const se = Math.sqrt(g[0] * g[0] * vA + 2 * g[0] * g[1] * cAB + g[1] * g[1] * vB)
    return [Math.exp(estimate), [Math.exp(estimate - crit * se), Math.exp(estimate + crit * se)]]
  }
  const [dor, dorCi] = onLogScale(muA + muB, [1, 1])
  const logLrPos = Math.log(sens) - Math.log(1 - spec)
  const logLrNeg = Math.log(1 - sens) - Math.log(spec)
  const [lrPos, lrPosCi] = onLogScale(logLrPos, [1 - sens, spec])
  const [lrNeg, lrNegCi] = onLogScale(logLrNeg, [-sens, -(1 - spec)])
  return {
    logit_sens: muA,
    logit_spec: muB,
    se_logit_sens: seA,
    se_logit_spec: seB,
    cov_logit: cAB,
    sens,
    sens_ci: [expit(muA - crit * seA), expit(muA + crit * seA)],
    spec,
    spec_ci: [expit(muB - crit * seB), expit(muB + crit * seB)],
    dor,
    dor_ci: dorCi,
    lr_pos: lrPos,
    lr_pos_ci: lrPosCi,
    lr_neg: lrNeg,
    lr_neg_ci: lrNegCi,
    z_critical: zCritical,
    interval_critical: crit,
    interval_df: critical?.df ?? null,
  }
}
