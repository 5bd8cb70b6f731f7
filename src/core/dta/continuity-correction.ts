import type { DtaStudy } from './dta-study'

/**
 * Where the continuity correction for zero cells is added (methods.md, "Diagnostic test accuracy"):
 * - `none`: never (studies with a zero cell cannot enter the normal-approximation models);
 * - `proportion`: to x and n - x of a proportion (sensitivity or specificity) that is 0 or 1,
 *   as metafor's escalc does for measure "PLO";
 * - `study`: to all four cells of a study that has a zero cell (mada's correction.control = "single");
 * - `all`: to every cell of every study when any study has a zero cell (mada's default, "all").
 */
export type CorrectionScope = 'none' | 'proportion' | 'study' | 'all'

export interface ContinuityCorrection {
  value: number
  scope: CorrectionScope
}

/** mada::reitsma's default, used by the bivariate normal model when the caller gives none. */
export const defaultCorrection: ContinuityCorrection = { value: 0.5, scope: 'all' }

/** Cells after correction (no longer integers); `corrected` says whether anything was added. */
export interface CorrectedStudy extends DtaStudy {
  corrected: boolean
}

const hasZeroCell = (s: DtaStudy): boolean => s.tp === 0 || s.fp === 0 || s.fn === 0 || s.tn === 0

/**
 * Adds `value` to cells as `scope` says. Example: with { value: 0.5, scope: 'proportion' } the study
 * tp 10, fn 0, fp 3, tn 40 becomes tp 10.5, fn 0.5, fp 3, tn 40 (only the sensitivity is corrected).
 */
export function applyContinuityCorrection(studies: readonly DtaStudy[], correction: ContinuityCorrection): CorrectedStudy[] {
  const { value, scope } = correction
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError('correction value must be a non-negative number')
  const anyZero = studies.some(hasZeroCell)
  return studies.map((s) => {
    const out: CorrectedStudy = { id: s.id, tp: s.tp, fp: s.fp, fn: s.fn, tn: s.tn, corrected: false }
    if (value === 0 || scope === 'none') return out
    if (scope === 'all' ? anyZero : scope === 'study' ? hasZeroCell(s) : false) {
      out.tp += value
      out.fp += value
      out.fn += value
      out.tn += value
      out.corrected = true
    } else if (scope === 'proportion') {
      if (s.tp === 0 || s.fn === 0) {
        out.tp += value
        out.fn += value
        out.corrected = true
      }
      if (s.tn === 0 || s.fp === 0) {
        out.tn += value
        out.fp += value
        out.corrected = true
      }
    }
    return out
  })
}
