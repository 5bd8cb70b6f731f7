import { largest, smallest } from '../univariate/rescaling'
import { integrate, type Integral } from './adaptive-quadrature'
import { expit, logit } from '../distributions/logistic'

/** Parameters of the hierarchical SROC model (Rutter & Gatsonis, Stat Med 2001;20:2865-2884). */
export interface HsrocParameters {
  Lambda: number
  Theta: number
  beta: number
  sigma2_alpha: number
  sigma2_theta: number
}

/**
 * HSROC parameters implied by a bivariate fit (Harbord et al., Biostatistics 2007;8:239-251), with
 * σ_A, σ_B the between-study SDs of logit sens and logit spec and σ_AB their covariance:
 * β = ln(σ_B/σ_A); Λ = (σ_B/σ_A)^½ μ_A + (σ_A/σ_B)^½ μ_B; Θ = ½[(σ_B/σ_A)^½ μ_A − (σ_A/σ_B)^½ μ_B];
 * σ²_α = 2(σ_Aσ_B + σ_AB); σ²_θ = ½(σ_Aσ_B − σ_AB). As mada's summary.reitsma, with the signs for spec.
 * Null when a between-study variance is zero (the curve is then undefined).
 *
 * Example: on mada's AuditC data (REML, correction 0.5 to all cells) Λ = 3.262, β = −0.610.
 */
export function hsrocParameters(muA: number, muB: number, tau2A: number, tau2B: number, covAB: number): HsrocParameters | null {
  if (!(tau2A > 1e-12 && tau2B > 1e-12)) return null
  const sA = Math.sqrt(tau2A)
  const sB = Math.sqrt(tau2B)
  const rBA = Math.sqrt(sB / sA)
  const rAB = Math.sqrt(sA / sB)
  return {
    Lambda: rBA * muA + rAB * muB,
    Theta: 0.5 * (rBA * muA - rAB * muB),
    beta: Math.log(sB / sA),
    sigma2_alpha: 2 * (sA * sB + covAB),
    sigma2_theta: 0.5 * (sA * sB - covAB),
  }
}

/** Rutter–Gatsonis SROC curve: logit TPR = Λ·e^(−β/2) + e^(−β)·logit FPR; it passes through the summary point. */
export function srocSensitivity(h: HsrocParameters, fpr: number): number {
  return expit(h.Lambda * Math.exp(-h.beta / 2) + Math.exp(-h.beta) * logit(fpr))
}

/** Points [fpr, tpr] of the SROC curve on a grid of FPR from 0 to 1 (ends included) for plotting. */
export function srocCurve(h: HsrocParameters, points = 101): [number, number][] {
  return Array.from({ length: points }, (_, i) => {
    const fpr = i / (points - 1)
    return [fpr, fpr === 0 ? 0 : fpr === 1 ? 1 : srocSensitivity(h, fpr)] as [number, number]
  })
}

// Beyond |t| = 40 on the logit-FPR scale the integrand is below e^−40 ≈ 4e−18.
const logitLimit = 40

/**
 * ∫ TPR d(FPR) of the SROC curve between two FPRs, computed on the logit scale (FPR = expit(t),
 * dFPR = FPR(1 − FPR) dt), where the integrand is smooth, by adaptive Gauss–Kronrod to 1e−10.
 * mada's AUC() averages the curve at FPR = 0.01, ..., 0.99 instead, (s₁/2 + s₂ + … + s₉₈ + s₉₉/2)/99,
 * leaving out the ends, so it prints values up to about 0.01 apart (AuditC: 0.887 against 0.888 here);
 * tests/reference/edge-cases.R computes both.
 */
export function srocArea(h: HsrocParameters, fromFpr = 0, toFpr = 1): Integral {
  const intercept = h.Lambda * Math.exp(-h.beta / 2)
  const slope = Math.exp(-h.beta)
  const lower = fromFpr <= 0 ? -logitLimit : Math.max(-logitLimit, logit(fromFpr))
  const upper = toFpr >= 1 ? logitLimit : Math.min(logitLimit, logit(toFpr))
  if (upper <= lower) return { value: 0, error: 0, converged: true }
  const integrand = (t: number): number => {
    const x = expit(t)
    return expit(intercept + slope * t) * x * (1 - x)
  }
  // split at the centre of the FPR density so both tails are resolved
  const split = Math.min(upper, Math.max(lower, 0))
  const left = integrate(integrand, lower, split, 5e-11)
  const right = integrate(integrand, split, upper, 5e-11)
  return { value: left.value + right.value, error: left.error + right.error, converged: left.converged && right.converged }
}

export interface AreaUnderCurve {
  auc: number
  /** ∫ over the observed FPR range, and that divided by the range's width (mada's "normalised pAUC"). */
  pauc: number
  pauc_normalised: number | null
  pauc_fpr_range: [number, number]
  /** False when the adaptive quadrature of either area ran out of subintervals before 1e-10. */
  converged: boolean
}

/** AUC over FPR 0..1 and partial AUC over the range of the studies' observed (uncorrected) FPRs. */
export function areaUnderCurve(h: HsrocParameters, observedFpr: readonly number[]): AreaUnderCurve {
  const from = smallest(observedFpr)
  const to = largest(observedFpr)
  const partial = srocArea(h, from, to)
  const whole = srocArea(h)
  const pauc = partial.value
  return { auc: whole.value, pauc, pauc_normalised: to > from ? pauc / (to - from) : null, pauc_fpr_range: [from, to], converged: whole.converged && partial.converged }
}
