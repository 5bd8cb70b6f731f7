/**
 * Begg and Mazumdar's rank correlation test for funnel-plot asymmetry (metafor's ranktest):
 * Kendall's tau between the standardised deviates (yi − θ)/√(vi − v̄) and the variances vi,
 * θ the common-effect estimate and v̄ = 1/Σ(1/vi); p-value exact without ties (as metafor's
 * cor.test(..., exact = TRUE)), normal with ties (and beyond n = 170, where R returns NaN).
 * Reference: Begg & Mazumdar 1994 (Biometrics 50:1088); metafor 3.8 ranktest.
 *
 * Example: ranktest({ yi, vi }) for dat.bcg log risk ratios → tau = 0.0256, p = 0.9524 (exact).
 */
import { InputError } from '../input-error'
import { inverseVarianceMean } from '../univariate/inverse-variance'
import { validateOutcomes } from '../univariate/mixed-effects-model'
import { kendallTau, type KendallTest } from './kendall-tau'

export function ranktest(input: { yi: readonly number[]; vi: readonly number[]; ids?: readonly string[] }): KendallTest {
  const { yi, vi } = input
  validateOutcomes(yi, vi, input.ids)
  if (yi.length < 2) throw new InputError('the rank correlation test needs at least 2 studies')
  const { mean: theta, sumW } = inverseVarianceMean(yi, vi)
  const vb = 1 / sumW
  const deviates = yi.map((y, i) => (y - theta) / Math.sqrt((vi[i] as number) - vb))
  return kendallTau(deviates, [...vi])
}
