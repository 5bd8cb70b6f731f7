import type { DtaStudy } from './dta-study'
import { InputError } from '../input-error'
import { zeroCellAddition, type ZeroCellScope } from '../effect-sizes/zero-cell-correction'

/**
 * Where the continuity correction for zero cells is added (methods.md, "Diagnostic test accuracy"):
 * - `none`: never (studies with a zero cell cannot enter the normal-approximation models);
 * - `proportion`: to x and n - x of a proportion (sensitivity or specificity) that is 0 or 1,
 *   as metafor's escalc does for measure "PLO" (its to = "only0", per proportion);
 * - `study`: to all four cells of a study that has a zero cell (mada's correction.control = "single";
 *   metafor's to = "only0" on the table);
 * - `all`: to every cell of every study when any study has a zero cell (mada's default, "all";
 *   metafor's to = "if0all", not its "all", which corrects every study unconditionally).
 */
export type ContinuityCorrectionScope = 'none' | 'proportion' | 'study' | 'all'
export const continuityCorrectionScopes: readonly ContinuityCorrectionScope[] = ['none', 'proportion', 'study', 'all']

export interface ContinuityCorrection {
  value: number
  scope: ContinuityCorrectionScope
}

/** mada::reitsma's default, used by the bivariate normal model when the caller gives none. */
export const defaultCorrection: ContinuityCorrection = { value: 0.5, scope: 'all' }

/** Cells after correction (no longer integers); `corrected` says whether anything was added. */
export interface CorrectedStudy extends DtaStudy {
  corrected: boolean
}

const hasZeroCell = (s: DtaStudy): boolean => s.tp === 0 || s.fp === 0 || s.fn === 0 || s.tn === 0

/** The escalc scope that corrects the same tables (proportion is handled per proportion). */
const tableScope: Record<ContinuityCorrectionScope, ZeroCellScope> = { none: 'none', proportion: 'only0', study: 'only0', all: 'if0all' }

/**
 * Adds `value` to cells as `scope` says. Example: with { value: 0.5, scope: 'proportion' } the study
 * tp 10, fn 0, fp 3, tn 40 becomes tp 10.5, fn 0.5, fp 3, tn 40 (only the sensitivity is corrected).
 */
export function applyContinuityCorrection(studies: readonly DtaStudy[], correction: ContinuityCorrection): CorrectedStudy[] {
  const { value, scope } = correction
  if (!(Number.isFinite(value) && value >= 0)) throw new InputError('correction value must be a non-negative number')
  const anyZero = studies.some(hasZeroCell)
  return studies.map((s) => {
    const out: CorrectedStudy = { id: s.id, tp: s.tp, fp: s.fp, fn: s.fn, tn: s.tn, corrected: false }
    if (scope === 'proportion') {
      const sens = zeroCellAddition('only0', value, s.tp === 0 || s.fn === 0, anyZero)
      const spec = zeroCellAddition('only0', value, s.tn === 0 || s.fp === 0, anyZero)
      out.tp += sens
      out.fn += sens
      out.tn += spec
      out.fp += spec
      out.corrected = sens > 0 || spec > 0
      return out
    }
    const add = zeroCellAddition(tableScope[scope], value, hasZeroCell(s), anyZero)
    out.tp += add
    out.fp += add
    out.fn += add
    out.tn += add
    out.corrected = add > 0
    return out
  })
}
