/**
 * The logistic function and its relatives, in one place for the effect sizes (PLO), the DTA models
 * and the GLMM likelihood. Written to stay finite where the naive formulas overflow: expit(−800)
 * is e^−800 rather than 0/0, log1pExp(800) is 800 rather than Infinity.
 * R equivalents: qlogis (logit), plogis (expit), log1pexp in Rmpfr / lme4's internals.
 *
 * Example: expit(logit(0.8)) === 0.8 (to rounding); log1pExp(0) === Math.LN2
 */

/** log(p / (1 − p)). */
export const logit = (p: number): number => Math.log(p / (1 - p))

/** 1 / (1 + e^−x), evaluated without overflow for either sign of x. */
export const expit = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)))

/** log(1 + e^x), accurate for large |x|. */
export const log1pExp = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)))
