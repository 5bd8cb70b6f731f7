/**
 * escalc(): per-study effect sizes yi and sampling variances vi for one measure, following
 * metafor's escalc (names, formulas and zero-cell handling, including its defaults: add 1/2 to the
 * cells of the studies with a zero cell, "to" = "only0", drop00 = FALSE, so a table without events
 * in either group is corrected and kept), plus each study's standard error and normal-theory CI
 * for forest plots. Studies that cannot be computed (missing fields, n <= 3 for correlations, a
 * zero variance...) are listed in `skipped` with the reason, and named in `warnings`; invalid
 * values throw an InputError naming study and field.
 * Reference: Viechtbauer, metafor 3.8 escalc(); Cochrane Handbook §10.4.4.2 on zero cells.
 *
 * Example:
 *   escalc('RR', [{ id: 'Aronson 1948', ai: 4, bi: 119, ci: 11, di: 128 }])
 *   → { rows: [{ id: 'Aronson 1948', yi: -0.8893, vi: 0.3256, sei: 0.5706, ci_lb, ci_ub, ... }], skipped: [] }
 */
import { qnorm } from '../distributions/distributions'
import { InputError } from '../input-error'
import { parseLevel } from '../spec-fields'
import { binaryEffects } from './binary-outcomes'
import { continuousEffect } from './continuous-outcomes'
import { correlationEffect } from './correlations'
import { genericEffect } from './generic-outcomes'
import { proportionEffects } from './proportions'
import { effectMeasures, type CorrectionOptions, type EffectMeasure, type EffectSizeRow, type RawEffect, type SkippedStudy, type StudyData } from './escalc-study'
import { zeroCellScopes, type ZeroCellScope } from './zero-cell-correction'

export interface EscalcOptions {
  correction?: CorrectionOptions
  /** Level of the per-study CIs: 0.95 or 95 (default 0.95, see parseLevel). */
  level?: number
}

export interface EscalcResult {
  measure: EffectMeasure
  rows: EffectSizeRow[]
  skipped: SkippedStudy[]
  /** The correction actually applied (value, scope, drop00). */
  correction: { value: number; to: ZeroCellScope; drop00: boolean }
  warnings: string[]
}

const binaryMeasures: readonly EffectMeasure[] = ['RR', 'OR', 'RD', 'PETO']
const proportionMeasures: readonly EffectMeasure[] = ['PR', 'PLO', 'PFT']

export function escalc(measure: EffectMeasure, studies: readonly StudyData[], options: EscalcOptions = {}): EscalcResult {
  if (!effectMeasures.includes(measure)) throw new InputError(`measure must be one of ${effectMeasures.join(', ')}`)
  if (!Array.isArray(studies)) throw new InputError('studies must be an array')
  const seen = new Set<string>()
  for (const s of studies) {
    if (typeof s?.id !== 'string' || s.id === '') throw new InputError('every study needs a non-empty string id')
    if (seen.has(s.id)) throw new InputError(`study "${s.id}": id must be unique`)
    seen.add(s.id)
  }
  const value = options.correction?.value ?? (measure === 'PFT' ? 0 : 0.5)
  const to = options.correction?.to ?? 'only0'
  const drop00 = options.correction?.drop00 ?? false
  if (typeof drop00 !== 'boolean') throw new InputError('correction.drop00 must be true or false')
  if (!(Number.isFinite(value) && value >= 0)) throw new InputError('correction.value must be a non-negative number')
  if (!zeroCellScopes.includes(to)) throw new InputError(`correction.to must be one of ${zeroCellScopes.join(', ')}`)
  const level = parseLevel(options.level)

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

  const crit = qnorm(1 - (1 - level) / 2)
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
  raw.forEach((r, i) => {
    if (!('skip' in r) && r.note) warnings.push(`study "${(studies[i] as StudyData).id}": ${r.note}`)
  })
  const correctedIds = rows.filter((r) => r.corrected).map((r) => `"${r.id}"`)
  if (correctedIds.length > 0) warnings.push(`${value} added to the cells of ${correctedIds.length} stud${correctedIds.length === 1 ? 'y' : 'ies'} (${correctedIds.join(', ')})`)
  return {
    measure,
    rows,
    skipped,
    correction: binaryMeasures.includes(measure) ? { value, to, drop00 } : proportionMeasures.includes(measure) ? { value, to, drop00: false } : { value: 0, to: 'none', drop00: false },
    warnings,
  }
}
