/**
 * The one tolerance table for comparisons with R (metafor 3.8, lme4), as ../shared/notes/methods.md
 * states it: relative differences, with an absolute floor for values that are (near) zero.
 */
export const tolerance = {
  /** rma.uni, rma.mh, rma.peto, escalc, regtest, ranktest, trimfill, agreement statistics */
  univariate: 1e-5,
  /** bivariate normal model (Reitsma), REML and ML */
  bivariate: 1e-4,
  /** bivariate binomial GLMM (lme4::glmer, Laplace) */
  glmm: 1e-3,
} as const

/** Values whose magnitude is below this are compared absolutely (e.g. tau2 = 0, rho near 0). */
export const absoluteFloor = 1e-8

/** True when `actual` agrees with `expected` within `rel` (relative), or absolutely near zero. */
export function agrees(actual: number, expected: number, rel: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual)
  if (!Number.isFinite(expected)) return actual === expected
  const scale = Math.max(Math.abs(expected), absoluteFloor / rel)
  return Math.abs(actual - expected) <= rel * scale
}
