/**
 * Inverse-variance pooling and Cochran's Q with the heterogeneity statistics derived from it, shared
 * by the common-effect summaries (Mantel–Haenszel, Peto), the residual heterogeneity of rma, the
 * test for subgroup differences and the rank correlation test:
 *   θ = Σwi·yi/Σwi with wi = 1/vi;  Q = Σwi(yi − c)² around a centre c (θ, or e.g. the MH estimate);
 *   Qp = P(χ²(df) ≥ Q);  I² = max(0, 100·(Q − df)/Q);  H² = Q/df.
 * Reference: Cochran 1954 (Biometrics 10:101); Higgins & Thompson 2002 (Stat Med 21:1539), the
 * Q-based I² and H² metafor reports for common-effect models (rma.uni method "FE", rma.mh, rma.peto).
 *
 * Example: inverseVarianceMean([0.1, 0.3], [0.01, 0.04]).mean === 0.14; heterogeneityFromQ(12, 4).I2 ≈ 66.7
 */
import { pchisqUpper } from '../distributions/distributions'

export interface QBasedHeterogeneity {
  Q: number
  Qdf: number
  Qp: number
  I2: number
  H2: number
}

/** θ = Σyi/vi / Σ1/vi and Σ1/vi. */
export function inverseVarianceMean(estimates: ArrayLike<number>, variances: ArrayLike<number>): { mean: number; sumW: number } {
  let sumW = 0
  let sumWY = 0
  for (let i = 0; i < estimates.length; i++) {
    const w = 1 / (variances[i] as number)
    sumW += w
    sumWY += w * (estimates[i] as number)
  }
  return { mean: sumWY / sumW, sumW }
}

/** Cochran's Q around `centre`: Σ(yi − centre)²/vi. */
export function cochranQ(estimates: ArrayLike<number>, variances: ArrayLike<number>, centre: number): number {
  let q = 0
  for (let i = 0; i < estimates.length; i++) q += ((estimates[i] as number) - centre) ** 2 / (variances[i] as number)
  return q
}

/** Qp, I² and H² from Q with df degrees of freedom (Q = 0, Qp = 1, I² = 0, H² = 1 without df). */
export function heterogeneityFromQ(q: number, df: number): QBasedHeterogeneity {
  if (!(df > 0)) return { Q: 0, Qdf: Math.max(0, df), Qp: 1, I2: 0, H2: 1 }
  const Q = Math.max(0, q)
  return { Q, Qdf: df, Qp: pchisqUpper(Q, df), I2: Math.max(0, (100 * (Q - df)) / Q), H2: Q / df }
}
