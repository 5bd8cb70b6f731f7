/**
 * Probability distributions used by the meta-analysis core, taken from the stdlib project
 * (https://github.com/stdlib-js/stdlib) rather than written by hand. Names follow R
 * (pnorm, qnorm, pt, qt, pchisq, qchisq, pf) so code can be read beside metafor's.
 * Upper-tail helpers avoid 1 - cdf cancellation where stdlib offers no complement.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalPdf from '@stdlib/stats-base-dists-normal-pdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'
import tCdf from '@stdlib/stats-base-dists-t-cdf'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import chisqCdf from '@stdlib/stats-base-dists-chisquare-cdf'
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile'
import fCdf from '@stdlib/stats-base-dists-f-cdf'
import fQuantile from '@stdlib/stats-base-dists-f-quantile'
import hypergeometricCdf from '@stdlib/stats-base-dists-hypergeometric-cdf'
import gammaln from '@stdlib/math-base-special-gammaln'

/** Standard normal CDF, P(Z <= x). */
export const pnorm = (x: number): number => normalCdf(x, 0, 1)
/** Standard normal density. */
export const dnorm = (x: number): number => normalPdf(x, 0, 1)
/** Standard normal quantile. qnorm(0.975) = 1.959964. */
export const qnorm = (p: number): number => normalQuantile(p, 0, 1)
/** Two-sided p-value of a z statistic: 2·P(Z >= |z|). */
export const pnormTwoSided = (z: number): number => 2 * normalCdf(-Math.abs(z), 0, 1)

/** Student t CDF with df degrees of freedom. */
export const pt = (x: number, df: number): number => tCdf(x, df)
/** Student t quantile. */
export const qt = (p: number, df: number): number => tQuantile(p, df)
/** Two-sided p-value of a t statistic. */
export const ptTwoSided = (t: number, df: number): number => 2 * tCdf(-Math.abs(t), df)

/** Chi-squared CDF. */
export const pchisq = (x: number, df: number): number => chisqCdf(x, df)
/** Upper tail of the chi-squared distribution, P(X >= x). */
export const pchisqUpper = (x: number, df: number): number => (x <= 0 ? 1 : 1 - chisqCdf(x, df))
/** Chi-squared quantile. */
export const qchisq = (p: number, df: number): number => chisqQuantile(p, df)

/** F CDF. */
export const pf = (x: number, df1: number, df2: number): number => fCdf(x, df1, df2)
/** Upper tail of the F distribution, P(X >= x). */
export const pfUpper = (x: number, df1: number, df2: number): number => (x <= 0 ? 1 : 1 - fCdf(x, df1, df2))
/** F quantile. */
export const qf = (p: number, df1: number, df2: number): number => fQuantile(p, df1, df2)

/** Hypergeometric CDF P(X <= x) drawing n from a population of N containing K successes. */
export const phyper = (x: number, N: number, K: number, n: number): number => hypergeometricCdf(x, N, K, n)

/** Natural log of the gamma function. */
export const lgamma = (x: number): number => gammaln(x)
