/**
 * Effect sizes of two groups' means (m1i, sd1i, n1i vs m2i, sd2i, n2i), as metafor's escalc:
 *   MD   yi = m1 − m2, vi = sd1²/n1 + sd2²/n2
 *   SMD  Hedges' g: yi = J·d, d = (m1 − m2)/s_pooled, s_pooled² = ((n1 − 1)sd1² + (n2 − 1)sd2²)/m,
 *        m = n1 + n2 − 2, exact J = Γ(m/2)/(√(m/2)·Γ((m − 1)/2)) (via lgamma),
 *        vi = 1/n1 + 1/n2 + yi²/(2(n1 + n2))  (metafor's default vtype = "LS")
 * Reference: Hedges 1981 (J Educ Stat 6:107); metafor escalc(measure = "MD"/"SMD") and .cmicalc.
 *
 * Example: dat.normand1999 Edinburgh (155, 55 ± 47 vs 156, 75 ± 64): MD yi = −20, vi = 40.5080.
 */
import { lgamma } from '../distributions/distributions'
import { checkComputed, missingReason, readNonNegative, readNumber, readPositive, type RawEffect, type StudyData } from './escalc-study'

/** Hedges' exact small-sample correction J(m), NaN for m <= 1 (metafor's .cmicalc). */
export function hedgesCorrection(m: number): number {
  if (m <= 1) return Number.NaN
  return Math.exp(lgamma(m / 2) - Math.log(Math.sqrt(m / 2)) - lgamma((m - 1) / 2))
}

export function continuousEffect(measure: 'MD' | 'SMD', study: StudyData): RawEffect {
  const m1 = readNumber(study, 'm1i')
  const m2 = readNumber(study, 'm2i')
  const sd1 = readNonNegative(study, 'sd1i')
  const sd2 = readNonNegative(study, 'sd2i')
  const n1 = readPositive(study, 'n1i')
  const n2 = readPositive(study, 'n2i')
  const fields = { m1i: m1, sd1i: sd1, n1i: n1, m2i: m2, sd2i: sd2, n2i: n2 }
  const missing = Object.entries(fields)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k)
  if (m1 === undefined || m2 === undefined || sd1 === undefined || sd2 === undefined || n1 === undefined || n2 === undefined) return { skip: missingReason(missing) }
  let yi: number
  let vi: number
  if (measure === 'MD') {
    yi = m1 - m2
    vi = (sd1 * sd1) / n1 + (sd2 * sd2) / n2
  } else {
    const m = n1 + n2 - 2
    if (m <= 1) return { skip: 'too few participants for the small-sample correction (n1i + n2i − 2 <= 1)' }
    const pooledSd = Math.sqrt(((n1 - 1) * sd1 * sd1 + (n2 - 1) * sd2 * sd2) / m)
    if (!(pooledSd > 0)) return { skip: 'the pooled standard deviation is zero' }
    yi = hedgesCorrection(m) * ((m1 - m2) / pooledSd)
    vi = 1 / n1 + 1 / n2 + (yi * yi) / (2 * (n1 + n2))
  }
  const reason = checkComputed(yi, vi)
  return reason ? { skip: reason } : { yi, vi, ni: n1 + n2, corrected: false }
}
