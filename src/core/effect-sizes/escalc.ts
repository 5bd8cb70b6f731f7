/**
 * escalc(): per-study effect sizes yi and sampling variances vi for one measure, following
 * metafor's escalc (names, formulas and zero-cell handling), plus each study's standard error
 * and normal-theory CI for forest plots. Studies that cannot be computed (missing fields, no
 * events in either group, n <= 3 for correlations, a zero variance...) are listed in `skipped`
 * with the reason, and named in `warnings`; invalid values throw RangeError naming study and field.
 * Reference: Viechtbauer, metafor 3.8 escalc(); Cochrane Handbook §10.4.4.2 on zero cells.
 *
 * Example:
 *   escalc('RR', [{ id: 'Aronson 1948', ai: 4, bi: 119, ci: 11, di: 128 }])
 *   → { rows: [{ id: 'Aronson 1948', yi: -0.8893, vi: 0.3256, sei: 0.5706, ci_lb, ci_ub, ... }], skipped: [] }
 */
import { qnorm } from '../distributions/distributions'
import { binaryEffects } from './binary-outcomes'
import { continuousEffect } from './continuous-outcomes'
import { correlationEffect } from './correlations'
import { genericEffect } from './generic-outcomes'
import { proportionEffects } from './proportions'
import {
  correctionScopes,
  effectMeasures,
  type CorrectionOptions,
  type CorrectionScope,
  type EffectMeasure,
  type EffectSizeRow,
  type RawEffect,
  type SkippedStudy,
  type StudyData,
} from './study-data'

export interface EscalcOptions {
  correction?: CorrectionOptions
  /** Level of the per-study CIs in percent (default 95). */
  level?: number
}

export interface EscalcResult {
  measure: EffectMeasure
  rows: EffectSizeRow[]
  skipped: SkippedStudy[]
  /** The correction actually applied (value, scope, drop00). */
  correction: { value: number; to: CorrectionScope; drop00: boolean }
  warnings: string[]
}

const binaryMeasures: readonly EffectMeasure[] = ['RR', 'OR', 'RD', 'PETO']
const proportionMeasures: readonly EffectMeasure[] = ['PR', 'PLO', 'PFT']

export function escalc(measure: EffectMeasure, studies: readonly StudyData[], options: EscalcOptions = {}): EscalcResult {
  if (!effectMeasures.includes(measure)) throw new RangeError(`measure must be one of ${effectMeasures.join(', ')}`)
  const seen = new Set<string>()
  for (const s of studies) {
    if (typeof s.id !== 'string' || s.id === '') throw new TypeError('every study needs a non-empty string id')
    if (seen.has(s.id)) throw new RangeError(`study "${s.id}": id must be unique`)
    seen.add(s.id)
  }
  const value = options.correction?.value ?? (measure === 'PFT' ? 0 : 0.5)
  const to = options.correction?.to ?? 'only0'
  const drop00 = options.correction?.drop00 ?? measure !== 'RD'
  if (typeof drop00 !== 'boolean') throw new RangeError('correction.drop00 must be true or false')
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError('correction.value must be a non-negative number')
  if (!correctionScopes.includes(to)) throw new RangeError(`correction.to must be one of ${correctionScopes.join(', ')}`)
  const level = options.level ?? 95
  if (!(level > 0 && level < 100)) throw new RangeError('level must be between 0 and 100 (percent)')

  let raw: RawEffect[]
  switch (measure) {
    case 'RR':
    case 'OR':
    case 'RD':
    case 'PETO':
      raw = binaryEffects(measure, studies, { value, to, drop00 })
      break
    case 'PR':
    case 'PLO':
    case 'PFT':
      raw = proportionEffects(measure, studies, { value, to })
      break
    case 'MD':
    case 'SMD':
      raw = studies.map((s) => continuousEffect(measure, s))
      break
    case 'COR':
    case 'ZCOR':
      raw = studies.map((s) => correlationEffect(measure, s))
      break
    case 'GEN':
      raw = studies.map(genericEffect)
      break
  }

  const crit = qnorm(1 - (1 - level / 100) / 2)
  const rows: EffectSizeRow[] = []
  const skipped: SkippedStudy[] = []
  raw.forEach((r, i) => {
    const id = (studies[i] as StudyData).id
    if ('skip' in r) {
      skipped.push({ id, reason: r.skip })
      return
    }
    const sei = Math.sqrt(r.vi)
    rows.push({ id, yi: r.yi, vi: r.vi, sei, ci_lb: r.yi - crit * sei, ci_ub: r.yi + crit * sei, ni: r.ni, corrected: r.corrected })
  })
  const warnings = skipped.map((s) => `study "${s.id}" skipped: ${s.reason}`)
  const correctedIds = rows.filter((r) => r.corrected).map((r) => `"${r.id}"`)
  if (correctedIds.length > 0) warnings.push(`${value} added to the cells of ${correctedIds.length} stud${correctedIds.length === 1 ? 'y' : 'ies'} (${correctedIds.join(', ')})`)
  return {
    measure,
    rows,
    skipped,
    correction: binaryMeasures.includes(measure)
      ? { value, to, drop00 }
      : proportionMeasures.includes(measure)
        ? { value, to, drop00: false }
        : { value: 0, to: 'none', drop00: false },
    warnings,
  }
}
