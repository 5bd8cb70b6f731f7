/**
 * Leave-one-out sensitivity analysis (metafor's leave1out): the model refitted without each
 * study in turn, with the same method and test. A refit that fails (e.g. too few studies left)
 * gives a row of NaN, as metafor gives NA.
 *
 * Example: leaveOneOut({ yi, vi, ids, method: 'REML' })[0].est is the estimate without study 1.
 */
import { InputError } from '../input-error'
import type { PooledSummary } from './pooled-summary'
import { rma, type RmaInput } from './rma'

/** The summary values metafor's leave1out and cumul report per refit. */
export type RefitSummary = PooledSummary

export interface InfluenceRow extends RefitSummary {
  /** The study left out. */
  id: string
}

const failedRefit: RefitSummary = { est: NaN, se: NaN, zval: NaN, pval: NaN, ci_lb: NaN, ci_ub: NaN, Q: NaN, Qp: NaN, tau2: NaN, I2: NaN, H2: NaN }

/** Refit on subsets given by row indices; a subset the model cannot fit (an InputError) becomes a NaN row. */
export function refitSummary(fit: () => RefitSummary): RefitSummary {
  try {
    const { est, se, zval, pval, ci_lb, ci_ub, Q, Qp, tau2, I2, H2 } = fit()
    return { est, se, zval, pval, ci_lb, ci_ub, Q, Qp, tau2, I2, H2 }
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return failedRefit
  }
}

/** Leave each of `ids` out in turn; `fitWithout(keep)` refits on the kept row indices. */
export function leaveOneOutBy(ids: readonly string[], fitWithout: (keep: number[]) => RefitSummary): InfluenceRow[] {
  return ids.map((id, omitted) => {
    const keep = ids.map((_, i) => i).filter((i) => i !== omitted)
    return { id, ...refitSummary(() => fitWithout(keep)) }
  })
}

export function leaveOneOut(input: RmaInput): InfluenceRow[] {
  if (input.yi.length < 2) throw new InputError('leave-one-out needs at least 2 studies')
  const ids = input.ids ?? input.yi.map((_, i) => String(i + 1))
  return leaveOneOutBy(ids, (keep) => rma({ ...input, yi: keep.map((i) => input.yi[i] as number), vi: keep.map((i) => input.vi[i] as number), ids: keep.map((i) => ids[i] as string) }))
}
