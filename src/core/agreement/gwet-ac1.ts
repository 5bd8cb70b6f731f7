import { InputError } from '../input-error'
import { pnormTwoSided, qnorm } from '../distributions/distributions'
import { parseLevel } from '../spec-fields'
import type { AgreementTable } from './agreement-table'
import { withinUnit } from './cohen-kappa'

export interface GwetAc1 {
  ac1: number
  po: number
  /** Chance agreement p_e = Σ_k π_k(1 − π_k)/(q − 1), π_k the mean of the two raters' marginals. */
  pe: number
  se: number
  /** AC1 ± z·se, cut to [−1, 1] where it crosses a bound (see `ciTruncated`). */
  ci: [number, number]
  ciTruncated: boolean
  z: number
  p: number
  n: number
}

/**
 * Gwet's AC1 for two raters (Gwet, Br J Math Stat Psychol 2008;61:29-48), which unlike kappa stays
 * high when agreement is high but one category is rare (e.g. inclusions in screening):
 * AC1 = (p_o − p_e)/(1 − p_e), p_e = Σ_k π_k(1 − π_k)/(q − 1), π_k = (p_k. + p_.k)/2.
 * Variance (Gwet 2008, with sampling fraction f = 0, as irrCAC's gwet.ac1.table):
 *   v = [p_o(1 − p_o) − 4(1 − AC1)(Σ_k p_kk(1 − π_k)/(q − 1) − p_o p_e)
 *        + 4(1 − AC1)²(Σ_k Σ_l p_kl(1 − (π_k + π_l)/2)²/(q − 1)² − p_e²)] / (n(1 − p_e)²).
 * The CI is AC1 ± z·se with the normal quantile (irrCAC uses t with n − 1 df: the same for large n),
 * cut to [−1, 1] where it crosses a bound.
 *
 * Example: for 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o = 0.7, p_e = 0.495, AC1 = 0.406.
 */
export function gwetAc1(table: AgreementTable, level = 0.95): GwetAc1 {
  const { counts, n, categories } = table
  const q = categories.length
  if (q < 2) throw new InputError('AC1 needs at least two categories')
  const p = counts.map((row) => row.map((c) => c / n))
  const pi = categories.map((_, k) => (p[k]!.reduce((s, v) => s + v, 0) + p.reduce((s, r) => s + r[k]!, 0)) / 2)
  let po = 0
  let pe = 0
  for (let k = 0; k < q; k++) {
    po += p[k]![k]!
    pe += pi[k]! * (1 - pi[k]!)
  }
  pe /= q - 1
  const ac1 = (po - pe) / (1 - pe)
  let diagonal = 0
  let cross = 0
  for (let k = 0; k < q; k++) {
    diagonal += p[k]![k]! * (1 - pi[k]!)
    for (let l = 0; l < q; l++) cross += p[k]![l]! * (1 - (pi[k]! + pi[l]!) / 2) ** 2
  }
  diagonal /= q - 1
  cross /= (q - 1) ** 2
  const variance = (po * (1 - po) - 4 * (1 - ac1) * (diagonal - po * pe) + 4 * (1 - ac1) ** 2 * (cross - pe * pe)) / (n * (1 - pe) ** 2)
  const se = Math.sqrt(Math.max(variance, 0))
  const z = qnorm(1 - (1 - parseLevel(level)) / 2)
  const [ci, ciTruncated] = withinUnit(ac1 - z * se, ac1 + z * se)
  return { ac1, po, pe, se, ci, ciTruncated, z: ac1 / se, p: pnormTwoSided(ac1 / se), n }
}
