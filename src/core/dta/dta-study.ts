/**
 * One diagnostic accuracy study as a 2x2 table against the reference standard:
 * tp and fn among the diseased, fp and tn among the non-diseased.
 */
import { InputError } from '../input-error'

export interface DtaStudy {
  id: string
  tp: number
  fp: number
  fn: number
  tn: number
}

const cells = ['tp', 'fp', 'fn', 'tn'] as const

/**
 * Throws an InputError naming the study and field when a table is not a valid 2x2 table of counts:
 * every cell a non-negative integer, at least one diseased and one non-diseased participant, ids unique.
 */
export function assertDtaStudies(studies: readonly DtaStudy[], minimum = 1): void {
  if (!Array.isArray(studies)) throw new InputError('studies must be an array')
  if (studies.length < minimum) throw new InputError(`at least ${minimum} studies are needed, got ${studies.length}`)
  const seen = new Set<string>()
  for (const s of studies) {
    if (typeof s.id !== 'string' || s.id.length === 0) throw new InputError('every study needs a non-empty id')
    if (seen.has(s.id)) throw new InputError(`study "${s.id}": id is not unique`)
    seen.add(s.id)
    for (const c of cells) {
      const v = s[c]
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new InputError(`study "${s.id}": ${c} must be a non-negative integer`)
    }
    if (s.tp + s.fn === 0) throw new InputError(`study "${s.id}": tp + fn must be positive (no diseased participants)`)
    if (s.tn + s.fp === 0) throw new InputError(`study "${s.id}": tn + fp must be positive (no non-diseased participants)`)
  }
}

/** The same study read the other way round (tp<->tn, fp<->fn): sensitivity and specificity swap. */
export function swapSensSpec(s: DtaStudy): DtaStudy {
  return { id: s.id, tp: s.tn, fp: s.fn, fn: s.fp, tn: s.tp }
}
