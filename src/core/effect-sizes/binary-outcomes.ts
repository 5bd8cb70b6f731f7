/**
 * Effect sizes of 2x2 tables (group 1: ai events, bi non-events; group 2: ci, di), as metafor's
 * escalc computes them after its zero-cell correction (add to every cell of the studies the
 * scope selects):
 *   RR   yi = log((ai/n1)/(ci/n2))            vi = 1/ai − 1/n1 + 1/ci − 1/n2
 *   OR   yi = log(ai·di/(bi·ci))              vi = 1/ai + 1/bi + 1/ci + 1/di
 *   RD   yi = ai/n1 − ci/n2                   vi = p1(1 − p1)/n1 + p2(1 − p2)/n2
 *   PETO yi = (ai − E)/V, vi = 1/V with E = (ai + ci)·n1/N, V = (ai + ci)(bi + di)·n1·n2/(N²(N − 1))
 * Reference: metafor escalc (measure = "RR", "OR", "RD", "PETO"; vtype = "LS"); Yusuf et al. 1985
 * for Peto's method.
 *
 * Example: ai = 4, bi = 119, ci = 11, di = 128 (dat.bcg, Aronson 1948) gives RR yi = −0.8893,
 * vi = 0.3256.
 */
import { InputError } from '../input-error'
import { checkComputed, missingReason, readNonNegative, type RawEffect, type StudyData } from './escalc-study'
import { zeroCellAddition, type ZeroCellScope } from './zero-cell-correction'

export type BinaryMeasure = 'RR' | 'OR' | 'RD' | 'PETO'

export interface TwoByTwoTable {
  ai: number
  bi: number
  ci: number
  di: number
}

/** The table of a study, or the reason it has none (missing fields); InputError for inconsistent counts. */
export function readTwoByTwoTable(study: StudyData): TwoByTwoTable | { skip: string } {
  const ai = readNonNegative(study, 'ai')
  const ci = readNonNegative(study, 'ci')
  let bi = readNonNegative(study, 'bi')
  let di = readNonNegative(study, 'di')
  const n1i = readNonNegative(study, 'n1i')
  const n2i = readNonNegative(study, 'n2i')
  const missing: string[] = []
  if (ai === undefined) missing.push('ai')
  if (bi === undefined && n1i === undefined) missing.push('bi (or n1i)')
  if (ci === undefined) missing.push('ci')
  if (di === undefined && n2i === undefined) missing.push('di (or n2i)')
  if (missing.length > 0 || ai === undefined || ci === undefined) return { skip: missingReason(missing) }
  if (n1i !== undefined) {
    if (bi !== undefined && bi + ai !== n1i) throw new InputError(`study "${study.id}": n1i must equal ai + bi`)
    if (ai > n1i) throw new InputError(`study "${study.id}": ai must not exceed n1i`)
    bi = n1i - ai
  }
  if (n2i !== undefined) {
    if (di !== undefined && di + ci !== n2i) throw new InputError(`study "${study.id}": n2i must equal ci + di`)
    if (ci > n2i) throw new InputError(`study "${study.id}": ci must not exceed n2i`)
    di = n2i - ci
  }
  return { ai, bi: bi as number, ci, di: di as number }
}

/**
 * The table of a study that can enter any analysis, or why it cannot: missing fields, or no
 * participants at all (metafor gives NA for the analysis). A table with one empty group is kept, as
 * metafor keeps it: it counts in k for Mantel–Haenszel and Peto (adding nothing to their sums) and
 * its outcome comes from the correction added to its cells, with a note (emptyGroupNote).
 */
export function readUsableTable(study: StudyData): TwoByTwoTable | { skip: string } {
  const table = readTwoByTwoTable(study)
  if ('skip' in table) return table
  if (table.ai + table.bi + table.ci + table.di === 0) return { skip: 'the table has no participants' }
  return table
}

/** The note for a table with one empty group, or undefined. */
export function emptyGroupNote(t: TwoByTwoTable): string | undefined {
  const empty = t.ai + t.bi === 0 ? 1 : t.ci + t.di === 0 ? 2 : 0
  return empty === 0 ? undefined : `group ${empty} has no participants; the study's outcome rests on the correction added to its cells`
}

const hasZeroCell = (t: TwoByTwoTable): boolean => t.ai === 0 || t.bi === 0 || t.ci === 0 || t.di === 0

/** True for tables without events, or with only events, in both groups (metafor's drop00). */
export function isDoubleZero(t: TwoByTwoTable): boolean {
  return (t.ai === 0 && t.ci === 0) || (t.bi === 0 && t.di === 0)
}

function binaryEffect(measure: BinaryMeasure, t: TwoByTwoTable): { yi: number; vi: number } {
  const { ai, bi, ci, di } = t
  const n1 = ai + bi
  const n2 = ci + di
  const p1 = ai / n1
  const p2 = ci / n2
  switch (measure) {
    case 'RR':
      return { yi: Math.log(p1) - Math.log(p2), vi: 1 / ai - 1 / n1 + 1 / ci - 1 / n2 }
    case 'OR':
      return { yi: Math.log(p1 / (1 - p1)) - Math.log(p2 / (1 - p2)), vi: 1 / ai + 1 / bi + 1 / ci + 1 / di }
    case 'RD':
      return { yi: p1 - p2, vi: (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2 }
    case 'PETO': {
      const N = n1 + n2
      const expected = ((ai + ci) * n1) / N
      const variance = ((ai + ci) * (bi + di) * (n1 / N) * (n2 / N)) / (N - 1)
      return { yi: (ai - expected) / variance, vi: 1 / variance }
    }
  }
}

/** Effect sizes of every study (aligned with `studies`), or the reason a study is skipped. */
export function binaryEffects(measure: BinaryMeasure, studies: readonly StudyData[], correction: { value: number; to: ZeroCellScope; drop00: boolean }): RawEffect[] {
  const tables = studies.map((s) => {
    const table = readUsableTable(s)
    if ('skip' in table) return table
    if (correction.drop00 && isDoubleZero(table)) return { skip: table.ai === 0 ? 'no events in either group' : 'every participant had the event in both groups' }
    return table
  })
  const anyZero = tables.some((t) => !('skip' in t) && hasZeroCell(t))
  return tables.map((t) => {
    if ('skip' in t) return t
    const add = zeroCellAddition(correction.to, correction.value, hasZeroCell(t), anyZero)
    const corrected = { ai: t.ai + add, bi: t.bi + add, ci: t.ci + add, di: t.di + add }
    const { yi, vi } = binaryEffect(measure, corrected)
    const reason = checkComputed(yi, vi)
    if (reason) return { skip: reason }
    const note = emptyGroupNote(t)
    return { yi, vi, ni: t.ai + t.bi + t.ci + t.di, corrected: add !== 0, ...(note ? { note } : {}) }
  })
}
