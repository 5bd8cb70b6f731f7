/**
 * Effect sizes of single proportions (xi events out of ni, or xi and mi = ni − xi), as metafor's
 * escalc, after its zero-cell correction (add to xi and mi of the studies the scope selects):
 *   PR   yi = p,                 vi = p(1 − p)/n
 *   PLO  yi = log(p/(1 − p)),    vi = 1/x + 1/(n − x)
 *   PFT  Freeman–Tukey double arcsine yi = ½(asin√(x/(n + 1)) + asin√((x + 1)/(n + 1))),
 *        vi = 1/(4n + 2); metafor adds nothing for PFT unless a value is given.
 * Reference: metafor escalc(measure = "PR"/"PLO"/"PFT"); Freeman & Tukey 1950.
 *
 * Example: 16 of 17 (dat.pritz1997, Giannotta): PLO yi = log(16) = 2.7726, vi = 1.0625.
 */
import { InputError } from '../input-error'
import { checkComputed, missingReason, readNonNegative, type RawEffect, type StudyData } from './escalc-study'
import { zeroCellAddition, type ZeroCellScope } from './zero-cell-correction'

export type ProportionMeasure = 'PR' | 'PLO' | 'PFT'

/** metafor's transf.pft: the double arcsine of proportion p from n. */
export function freemanTukey(p: number, n: number): number {
  const x = p * n
  return 0.5 * (Math.asin(Math.sqrt(x / (n + 1))) + Math.asin(Math.sqrt((x + 1) / (n + 1))))
}

function readProportion(study: StudyData): { x: number; m: number } | { skip: string } {
  const x = readNonNegative(study, 'xi')
  const n = readNonNegative(study, 'ni')
  let m = readNonNegative(study, 'mi')
  if (x === undefined || (n === undefined && m === undefined)) {
    return { skip: missingReason([x === undefined ? 'xi' : '', n === undefined && m === undefined ? 'ni' : ''].filter(Boolean)) }
  }
  if (n !== undefined) {
    if (m !== undefined && x + m !== n) throw new InputError(`study "${study.id}": ni must equal xi + mi`)
    if (x > n) throw new InputError(`study "${study.id}": xi must not exceed ni`)
    m = n - x
  }
  if (x + (m as number) <= 0) throw new InputError(`study "${study.id}": ni must be a positive number`)
  return { x, m: m as number }
}

export function proportionEffects(measure: ProportionMeasure, studies: readonly StudyData[], correction: { value: number; to: ZeroCellScope }): RawEffect[] {
  const counts = studies.map(readProportion)
  const hasZero = (c: { x: number; m: number }): boolean => c.x === 0 || c.m === 0
  const anyZero = counts.some((c) => !('skip' in c) && hasZero(c))
  return counts.map((c) => {
    if ('skip' in c) return c
    const add = zeroCellAddition(correction.to, correction.value, hasZero(c), anyZero)
    const x = c.x + add
    const n = c.x + c.m + 2 * add
    const p = x / n
    let yi: number
    let vi: number
    if (measure === 'PR') {
      yi = p
      vi = (p * (1 - p)) / n
    } else if (measure === 'PLO') {
      yi = Math.log(p / (1 - p))
      vi = 1 / x + 1 / (n - x)
    } else {
      yi = 0.5 * (Math.asin(Math.sqrt(x / (n + 1))) + Math.asin(Math.sqrt((x + 1) / (n + 1))))
      vi = 1 / (4 * n + 2)
    }
    const reason = checkComputed(yi, vi)
    return reason ? { skip: reason } : { yi, vi, ni: c.x + c.m, corrected: add !== 0 }
  })
}
