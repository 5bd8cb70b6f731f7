/**
 * The funnel-asymmetry regressions that are ordinary weighted least squares with a free residual
 * variance, as R's summary(lm(y ~ x, weights = w)) reports them: y = b0 + b1·x, standard errors
 * σ̂·√diag((X'WX)⁻¹) with σ̂² = Σwi(yi − b0 − b1·xi)²/(k − 2), and t tests with k − 2 df.
 *   Egger's classic test (Egger et al. 1997, BMJ 315:629): y = yi, x = sei, w = 1/vi;
 *   Deeks' test (Deeks, Macaskill & Irwig 2005, J Clin Epidemiol 58:882): y = ln DOR, x = 1/√ESS, w = ESS.
 * Null when x does not vary (the slope is undefined).
 *
 * Example: weightedRegressionTest([1, 2, 3, 4], [1.1, 1.9, 3.2, 3.9], [1, 1, 1, 1]).slope ≈ 0.96
 */
import { ptTwoSided, qt } from '../distributions/distributions'
import { designWithIntercept } from '../univariate/design-matrix'
import { largest, smallest } from '../univariate/rescaling'
import { weightedLeastSquares } from '../univariate/weighted-least-squares'

export interface WeightedRegressionTest {
  intercept: number
  intercept_se: number
  /** CI of the intercept at the given level, with the t quantile on k − 2 df. */
  intercept_ci: [number, number]
  slope: number
  slope_se: number
  /** t statistic of the slope and its two-sided p-value on k − 2 df. */
  t: number
  df: number
  p: number
}

/** `level` is a fraction (0.95). Needs k >= 3 points. */
export function weightedRegressionTest(x: readonly number[], y: readonly number[], w: readonly number[], level = 0.95): WeightedRegressionTest | null {
  const k = x.length
  if (!(largest(x) > smallest(x))) return null
  const fit = weightedLeastSquares(designWithIntercept(k, [{ name: 'x', values: x }]), y, w)
  if (!fit) return null
  const df = k - 2
  const sigma2 = fit.rss / df
  const [interceptSe, slopeSe] = fit.xtwxInverse.diag().map((v) => Math.sqrt(v * sigma2)) as [number, number]
  const [intercept, slope] = fit.beta as [number, number]
  const t = slope / slopeSe
  const crit = qt(1 - (1 - level) / 2, df)
  return {
    intercept,
    intercept_se: interceptSe,
    intercept_ci: [intercept - crit * interceptSe, intercept + crit * interceptSe],
    slope,
    slope_se: slopeSe,
    t,
    df,
    p: ptTwoSided(t, df),
  }
}
