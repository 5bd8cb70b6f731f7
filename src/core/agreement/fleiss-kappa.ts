import { InputError } from '../input-error'
import { pnormTwoSided } from '../distributions/distributions'
import type { Rating } from './agreement-table'

export interface FleissKappa {
  kappa: number
  /** Mean observed agreement P̄ and chance agreement P̄_e = Σ p_j². */
  po: number
  pe: number
  /** Standard error under H0: κ = 0 (Fleiss, Nee & Landis 1979), as irr::kappam.fleiss reports it. */
  se0: number
  z: number
  p: number
  subjects: number
  raters: number
  categories: string[]
  /** Per category: share p_j of all ratings and its kappa κ_j (Fleiss 1971), with se₀ = √(2/(N m (m − 1))). */
  byCategory: { category: string; proportion: number; kappa: number; se0: number }[]
}

/**
 * Fleiss' kappa for m ≥ 2 raters who each rate every one of N subjects (Fleiss, Psychol Bull
 * 1971;76:378-382): with n_ij the raters putting subject i in category j, p_j = Σ_i n_ij/(N m),
 * P_i = (Σ_j n_ij² − m)/(m(m − 1)), κ = (P̄ − P̄_e)/(1 − P̄_e), P̄_e = Σ_j p_j². The standard error
 * under H0 is that of irr::kappam.fleiss (Fleiss, Nee & Landis, Psychol Bull 1979;86:974-977):
 *   se₀ = √(2/(N m (m − 1))) · √((Σ p_j q_j)² − Σ p_j q_j (q_j − p_j)) / Σ p_j q_j, q_j = 1 − p_j.
 * Input: one row per subject, one column per rater.
 *
 * Example: the 10-subject, 14-rater, 5-category table of Fleiss' kappa on Wikipedia gives κ = 0.210.
 */
export function fleissKappa(ratings: readonly (readonly Rating[])[], categories?: readonly Rating[]): FleissKappa {
  if (!Array.isArray(ratings) || ratings.length === 0) throw new InputError('ratings must be a non-empty array of subjects')
  const m = Array.isArray(ratings[0]) ? ratings[0].length : 0
  if (m < 2) throw new InputError('Fleiss kappa needs at least two raters per subject')
  ratings.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== m) throw new InputError(`subject ${i + 1}: must have ratings from all ${m} raters`)
    row.forEach((v, r) => {
      if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) throw new InputError(`subject ${i + 1}: rating of rater ${r + 1} must be a string or a finite number`)
    })
  })
  const levels = categories ? categories.map(String) : [...new Set(ratings.flat().map(String))].sort()
  const index = new Map(levels.map((c, j) => [c, j]))
  const subjects = ratings.length
  const counts = ratings.map((row, i) => {
    const c = new Array<number>(levels.length).fill(0)
    for (const v of row) {
      const j = index.get(String(v))
      if (j === undefined) throw new InputError(`subject ${i + 1}: rating "${String(v)}" is not among the categories`)
      c[j]!++
    }
    return c
  })
  const total = subjects * m
  const pj = levels.map((_, j) => counts.reduce((s, c) => s + c[j]!, 0) / total)
  const po = counts.reduce((s, c) => s + (c.reduce((t, v) => t + v * v, 0) - m) / (m * (m - 1)), 0) / subjects
  const pe = pj.reduce((s, v) => s + v * v, 0)
  if (!(pe < 1)) throw new InputError('Fleiss kappa is undefined when every rating is in one category')
  const kappa = (po - pe) / (1 - pe)
  const pq = pj.reduce((s, v) => s + v * (1 - v), 0)
  const pqqp = pj.reduce((s, v) => s + v * (1 - v) * (1 - 2 * v), 0)
  const se0 = Math.sqrt((2 / (pq * pq * total * (m - 1))) * (pq * pq - pqqp))
  const seCategory = Math.sqrt(2 / (total * (m - 1)))
  const byCategory = levels.map((category, j) => {
    const p = pj[j]!
    const disagreement = counts.reduce((s, c) => s + c[j]! * (m - c[j]!), 0)
    return { category, proportion: p, kappa: p > 0 && p < 1 ? 1 - disagreement / (total * (m - 1) * p * (1 - p)) : NaN, se0: seCategory }
  })
  return { kappa, po, pe, se0, z: kappa / se0, p: pnormTwoSided(kappa / se0), subjects, raters: m, categories: levels, byCategory }
}
