/**
 * Rescaling of outcomes whose magnitude is extreme. The models square and cube weights 1/(vi + tau2)
 * (traces of P), which under- or overflows in double precision once the variances are far from 1
 * (vi ~ 1e-110, or yi ~ 1e150 with vi ~ 1: w² = 0, the REML step is −∞/0). The model is scale
 * equivariant — with yi·c and vi·c² every estimate scales by c, tau2 by c², and Q, I², z and p stay
 * — so the core fits (yi/s, vi/s²) and scales the results back.
 *
 * s² is a power of two, 2^(128·round(log2(m)/128)) for the magnitude m of the variances, so:
 * data within 2^±64 of 1 are never rescaled (results are metafor's, convergence thresholds in the
 * data's units); scaling by a power of two is exact, so for c = 2^(64j), |j| <= 7, the fit of
 * (c·yi, c²·vi) is the fit of (yi, vi) times c, bit for bit. Beyond 2^±896 the nearest even power
 * of two up to 2^±1020 is used, so s² stays finite.
 *
 * Example: varianceScale(Math.log2(3e-200)) === 2 ** -640 (the variances become ~2e-7);
 * varianceScale(Math.log2(0.3)) === 1
 */

const quantum = 128
const maxExponent = 896

/** The power of two s² to divide variances by, for variances (or squared spreads) of magnitude 2^log2Magnitude. */
export function varianceScale(log2Magnitude: number): number {
  if (!Number.isFinite(log2Magnitude)) return 1
  const exponent = quantum * Math.round(log2Magnitude / quantum)
  if (Math.abs(exponent) <= maxExponent) return 2 ** exponent
  return 2 ** Math.max(-1020, Math.min(1020, 2 * Math.round(log2Magnitude / 2)))
}

/** The largest of the values (a loop: spreading 10⁵ values into Math.max overflows the stack). */
export function largest(values: ArrayLike<number>): number {
  let m = Number.NEGATIVE_INFINITY
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > m) m = values[i] as number
  return m
}

/** The smallest of the values. */
export function smallest(values: ArrayLike<number>): number {
  let m = Number.POSITIVE_INFINITY
  for (let i = 0; i < values.length; i++) if ((values[i] as number) < m) m = values[i] as number
  return m
}
