import { InputError } from '../input-error'
import { pnormTwoSided, qnorm } from '../distributions/distributions'
import { parseLevel } from '../spec-fields'
import type { AgreementTable } from './agreement-table'

export interface CohenKappa {
  kappa: number
  /** Observed agreement p_o and chance agreement p_e = Σ p_i. p_.i. */
  po: number
  pe: number
  /** Large-sample standard error of Fleiss, Cohen & Everitt (1969), for the CI. */
  se: number
  /** κ̂ ± z·se, cut to [−1, 1] where it crosses a bound (see `ciTruncated`). */
  ci: [number, number]
  /** The Wald interval crossed −1 or 1 and was cut there: say so where the interval is shown. */
  ciTruncated: boolean
  /** Standard error under H0: κ = 0 (same paper), for the z test. */
  se0: number
  z: number
  p: number
  /** Prevalence- and bias-adjusted kappa, (q·p_o − 1)/(q − 1) (Byrt, Bishop & Carlin 1993). */
  pabak: number
  n: number
  categories: string[]
  /** Set when kappa is undefined for these ratings (then kappa, its SE, CI, z and p are NaN). */
  undefinedReason?: string
}

/**
 * Cohen's kappa (Educ Psychol Meas 1960;20:37-46), κ = (p_o − p_e)/(1 − p_e), with the standard
 * errors of Fleiss, Cohen & Everitt (Psychol Bull 1969;72:323-327):
 *   var(κ̂) = [Σ_i p_ii(1 − (p_i. + p_.i)(1 − κ̂))² + (1 − κ̂)² Σ_{i≠j} p_ij(p_.i + p_j.)² − (κ̂ − p_e(1 − κ̂))²] / (n(1 − p_e)²)
 *   var₀(κ̂) = [p_e + p_e² − Σ_i p_i. p_.i (p_i. + p_.i)] / (n(1 − p_e)²)
 * The CI is κ̂ ± z·se cut to [−1, 1], kappa's range (the Wald interval can cross it when κ̂ is near 1
 * and n small; R's psych::cohen.kappa leaves it uncut), the test z = κ̂/se₀. PABAK uses q = the number of categories of the table.
 *
 * Example: for 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o = 0.7, p_e = 0.5, κ = 0.4.
 */
export function cohensKappa(table: AgreementTable, level = 0.95): CohenKappa {
  const { counts, n, categories } = table
  const q = categories.length
  if (q < 2) throw new InputError('kappa needs at least two categories')
  const p = counts.map((row) => row.map((c) => c / n))
  const row = p.map((r) => r.reduce((s, v) => s + v, 0))
  const col = categories.map((_, j) => p.reduce((s, r) => s + r[j]!, 0))
  let po = 0
  let pe = 0
  for (let i = 0; i < q; i++) {
    po += p[i]![i]!
    pe += row[i]! * col[i]!
  }
  // Both raters used one and the same category for every item: kappa is 0/0, undefined (PABAK is not).
  if (!(pe < 1))
    return {
      kappa: NaN,
      po,
      pe,
      se: NaN,
      ci: [NaN, NaN],
      ciTruncated: false,
      se0: NaN,
      z: NaN,
      p: NaN,
      pabak: (q * po - 1) / (q - 1),
      n,
      categories,
      undefinedReason: 'both raters used a single category',
    }
  const kappa = (po - pe) / (1 - pe)
  let a = 0
  let b = 0
  let c0 = 0
  for (let i = 0; i < q; i++) {
    a += p[i]![i]! * (1 - (row[i]! + col[i]!) * (1 - kappa)) ** 2
    for (let j = 0; j < q; j++) if (i !== j) b += p[i]![j]! * (col[i]! + row[j]!) ** 2
    c0 += row[i]! * col[i]! * (row[i]! + col[i]!)
  }
  const denominator = n * (1 - pe) ** 2
  const variance = (a + (1 - kappa) ** 2 * b - (kappa - pe * (1 - kappa)) ** 2) / denominator
  const variance0 = (pe + pe * pe - c0) / denominator
  const se = Math.sqrt(Math.max(variance, 0))
  const se0 = Math.sqrt(Math.max(variance0, 0))
  const zq = qnorm(1 - (1 - parseLevel(level)) / 2)
  const [ci, ciTruncated] = withinUnit(kappa - zq * se, kappa + zq * se)
  return {
    kappa,
    po,
    pe,
    se,
    ci,
    ciTruncated,
    se0,
    z: kappa / se0,
    p: pnormTwoSided(kappa / se0),
    pabak: (q * po - 1) / (q - 1),
    n,
    categories,
  }
}

/** An interval cut to [−1, 1], and whether it had to be. */
export function withinUnit(lo: number, hi: number): [[number, number], boolean] {
  return [[Math.max(lo, -1), Math.min(hi, 1)], lo < -1 || hi > 1]
}
