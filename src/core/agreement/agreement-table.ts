import { InputError } from '../input-error'

export type Rating = string | number

/** Two raters' decisions cross-tabulated: counts[i][j] items rated categories[i] by rater 1 and categories[j] by rater 2. */
export interface AgreementTable {
  categories: string[]
  counts: number[][]
  n: number
  /** Items left out because a rating was missing (null or undefined). */
  missing: number
}

const isMissing = (v: unknown): boolean => v === null || v === undefined

/**
 * Cross-tabulates paired ratings (e.g. include / exclude / maybe from two screeners). Categories are
 * `categories` when given (unused ones count for PABAK and AC1), otherwise the distinct ratings of
 * both raters, sorted. Pairs with a missing rating are left out and counted, as irr::kappa2 does.
 *
 * Example: agreementTable(['in', 'out', 'out'], ['in', 'in', 'out']).counts is [[1, 0], [1, 1]].
 */
export function agreementTable(rater1: readonly (Rating | null | undefined)[], rater2: readonly (Rating | null | undefined)[], categories?: readonly Rating[]): AgreementTable {
  if (!Array.isArray(rater1) || !Array.isArray(rater2)) throw new InputError('ratings must be two arrays')
  if (categories !== undefined && !Array.isArray(categories)) throw new InputError('categories must be an array')
  if (rater1.length !== rater2.length) throw new InputError(`the raters rated different numbers of items (${rater1.length} and ${rater2.length})`)
  const check = (v: unknown, item: number, rater: number): void => {
    if (isMissing(v)) return
    if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) throw new InputError(`item ${item + 1}: rating of rater ${rater} must be a string or a finite number`)
  }
  rater1.forEach((v, i) => check(v, i, 1))
  rater2.forEach((v, i) => check(v, i, 2))
  // Pairs keep their item's position among all items, so messages name the item as the caller numbers it.
  const pairs: { item: number; a: string; b: string }[] = []
  rater1.forEach((a, i) => {
    const b = rater2[i]
    if (!isMissing(a) && !isMissing(b)) pairs.push({ item: i, a: String(a), b: String(b) })
  })
  const levels = categories ? categories.map(String) : [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort()
  if (new Set(levels).size !== levels.length) throw new InputError('categories must be distinct')
  const index = new Map(levels.map((c, i) => [c, i]))
  const counts = levels.map(() => new Array<number>(levels.length).fill(0))
  for (const { item, a, b } of pairs) {
    const ia = index.get(a)
    const ib = index.get(b)
    if (ia === undefined || ib === undefined) throw new InputError(`item ${item + 1}: rating "${ia === undefined ? a : b}" is not among the categories`)
    counts[ia]![ib]!++
  }
  if (pairs.length === 0) throw new InputError('no item was rated by both raters')
  return { categories: levels, counts, n: pairs.length, missing: rater1.length - pairs.length }
}
