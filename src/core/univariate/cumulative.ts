/**
 * Cumulative meta-analysis (metafor's cumul): the model refitted on the first 1, 2, ..., k
 * studies in the given order (e.g. by publication year), same method and test. With one study
 * tau2 = 0 and the z test is used, as metafor does.
 *
 * Example: cumulative({ yi, vi, ids }, orderByYear)[k - 1] equals the full analysis.
 */
import { InputError } from '../input-error'
import { rma, type RmaInput } from './rma'
import { refitSummary, type RefitSummary } from './leave-one-out'

export interface CumulativeRow extends RefitSummary {
  /** The study added at this step. */
  id: string
  k: number
}

/** Add `ids` one at a time in the given order; `fitFirst(rows)` refits on those row indices. */
export function cumulativeBy(ids: readonly string[], order: readonly number[], fitFirst: (rows: number[]) => RefitSummary): CumulativeRow[] {
  if (order.length !== ids.length || new Set(order).size !== ids.length || order.some((i) => !(i >= 0 && i < ids.length))) throw new InputError('order must list every study index exactly once')
  return order.map((row, step) => {
    const rows = order.slice(0, step + 1)
    return { id: ids[row] as string, k: step + 1, ...refitSummary(() => fitFirst(rows)) }
  })
}

/** Cumulative analysis in the order of `order` (row indices; default: as given). */
export function cumulative(input: RmaInput, order?: readonly number[]): CumulativeRow[] {
  const ids = input.ids ?? input.yi.map((_, i) => String(i + 1))
  return cumulativeBy(ids, order ?? ids.map((_, i) => i), (rows) =>
    rma({ ...input, yi: rows.map((i) => input.yi[i] as number), vi: rows.map((i) => input.vi[i] as number), ids: rows.map((i) => ids[i] as string) }),
  )
}
