/**
 * Validation of the `ferrite analyze` univariate specification, which arrives as unknown JSON:
 * every problem is a RangeError (TypeError for a spec that is not an object) with a one-line
 * message naming the study and the field, e.g. `study "Aronson 1948": ai must be a non-negative number`.
 * Field values themselves (counts, means...) are checked by escalc when they are read.
 */
import { correctionScopes, effectMeasures, type CorrectionOptions, type EffectMeasure, type StudyData } from '../effect-sizes/study-data'
import { rmaMethods, type RmaMethod, type RmaTest } from './mixed-effects-model'
import type { StudyModerators } from './moderators'

export type AnalysisMethod = RmaMethod | 'MH' | 'PETO'

export interface AnalysisStudy extends StudyData {
  group?: string
  mods?: StudyModerators
  /** The other keys of the study object (e.g. year), for ordering the cumulative analysis. */
  extra: Record<string, unknown>
}

export interface AnalysisSpec {
  measure: Exclude<EffectMeasure, 'PETO'>
  method: AnalysisMethod
  test: RmaTest
  level: number
  correction: CorrectionOptions | undefined
  bias: boolean
  trimfillEstimator: 'L0' | 'R0'
  leave1out: boolean
  /** false, true (the given order) or the study field to sort by. */
  cumulative: boolean | string
  levels: Record<string, string[]> | undefined
  studies: AnalysisStudy[]
}

const dataFields = ['ai', 'bi', 'ci', 'di', 'n1i', 'n2i', 'm1i', 'sd1i', 'm2i', 'sd2i', 'ri', 'ni', 'xi', 'mi', 'yi', 'vi', 'sei'] as const
const analysisMethods: readonly AnalysisMethod[] = [...rmaMethods, 'MH', 'PETO']

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback: T): T {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new RangeError(`${field} must be one of ${allowed.join(', ')}`)
  return value as T
}

function optionalBoolean(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return false
  if (typeof value !== 'boolean') throw new RangeError(`${field} must be true or false`)
  return value
}

function parseCorrection(value: unknown): CorrectionOptions | undefined {
  if (value === undefined || value === null) return undefined
  if (!isObject(value)) throw new RangeError('correction must be an object like {"value": 0.5, "to": "only0"}')
  const out: CorrectionOptions = {}
  if (value.value !== undefined) {
    if (typeof value.value !== 'number' || !Number.isFinite(value.value) || value.value < 0) throw new RangeError('correction.value must be a non-negative number')
    out.value = value.value
  }
  if (value.to !== undefined) out.to = oneOf(value.to, correctionScopes, 'correction.to', 'only0')
  if (value.drop00 !== undefined) {
    if (typeof value.drop00 !== 'boolean') throw new RangeError('correction.drop00 must be true or false')
    out.drop00 = value.drop00
  }
  return out
}

function parseStudy(raw: unknown, index: number, seen: Set<string>): AnalysisStudy {
  if (!isObject(raw)) throw new RangeError(`study ${index + 1}: must be an object with an id and the data fields`)
  const idValue = raw.id
  if (!((typeof idValue === 'string' && idValue.trim() !== '') || (typeof idValue === 'number' && Number.isFinite(idValue))))
    throw new RangeError(`study ${index + 1}: id must be a non-empty string or a number`)
  const id = String(idValue)
  if (seen.has(id)) throw new RangeError(`study "${id}": id must be unique`)
  seen.add(id)
  const study: AnalysisStudy = { id, extra: {} }
  for (const field of dataFields) {
    const v = raw[field]
    if (v === undefined || v === null) continue
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`study "${id}": ${field} must be a finite number`)
    study[field] = v
  }
  if (raw.group !== undefined && raw.group !== null) {
    if (typeof raw.group !== 'string' && !(typeof raw.group === 'number' && Number.isFinite(raw.group)))
      throw new RangeError(`study "${id}": group must be a string`)
    study.group = String(raw.group)
  }
  if (raw.mods !== undefined && raw.mods !== null) {
    if (!isObject(raw.mods)) throw new RangeError(`study "${id}": mods must be an object of moderator values`)
    const mods: Record<string, number | string | null> = {}
    for (const [name, v] of Object.entries(raw.mods)) {
      if (v !== null && typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)))
        throw new RangeError(`study "${id}": mods.${name} must be a finite number or a string`)
      mods[name] = v
    }
    study.mods = mods
  }
  for (const [key, v] of Object.entries(raw)) if (!(dataFields as readonly string[]).includes(key) && !['id', 'group', 'mods'].includes(key)) study.extra[key] = v
  return study
}

export function parseAnalysisSpec(spec: unknown): AnalysisSpec {
  if (!isObject(spec)) throw new TypeError('the analysis specification must be a JSON object')
  if (spec.type !== undefined && spec.type !== 'univariate') throw new RangeError('type must be "univariate"')
  const measures = effectMeasures.filter((m): m is Exclude<EffectMeasure, 'PETO'> => m !== 'PETO')
  if (spec.measure === undefined || spec.measure === null) throw new RangeError(`measure is required (one of ${measures.join(', ')})`)
  const measure = oneOf(spec.measure, measures, 'measure', 'GEN')
  const method = oneOf(spec.method, analysisMethods, 'method', 'REML')
  const test = oneOf(spec.test, ['z', 'knha'] as const, 'test', 'z')
  if (method === 'MH' && !['OR', 'RR', 'RD'].includes(measure)) throw new RangeError('method "MH" needs measure OR, RR or RD')
  if (method === 'PETO' && measure !== 'OR') throw new RangeError('method "PETO" needs measure OR')
  if ((method === 'MH' || method === 'PETO') && test !== 'z') throw new RangeError(`test "${test}" is not available with method ${method}`)
  let level = 95
  if (spec.level !== undefined && spec.level !== null) {
    if (typeof spec.level !== 'number' || !(spec.level > 0 && spec.level < 100)) throw new RangeError('level must be a number between 0 and 100 (percent)')
    level = spec.level
  }
  let cumulative: boolean | string = false
  if (spec.cumulative !== undefined && spec.cumulative !== null) {
    if (typeof spec.cumulative !== 'boolean' && (typeof spec.cumulative !== 'string' || spec.cumulative === ''))
      throw new RangeError('cumulative must be true (the given order) or the name of a study field to order by, e.g. "year"')
    cumulative = spec.cumulative
  }
  let levels: Record<string, string[]> | undefined
  if (spec.levels !== undefined && spec.levels !== null) {
    if (!isObject(spec.levels)) throw new RangeError('levels must be an object of moderator name → array of level names')
    levels = {}
    for (const [name, v] of Object.entries(spec.levels)) {
      if (!Array.isArray(v) || v.some((l) => typeof l !== 'string')) throw new RangeError(`levels.${name} must be an array of strings`)
      levels[name] = v as string[]
    }
  }
  if (!Array.isArray(spec.studies) || spec.studies.length === 0) throw new RangeError('studies must be a non-empty array')
  const seen = new Set<string>()
  return {
    measure,
    method,
    test,
    level,
    correction: parseCorrection(spec.correction),
    bias: optionalBoolean(spec.bias, 'bias'),
    trimfillEstimator: oneOf(spec.trimfillEstimator, ['L0', 'R0'] as const, 'trimfillEstimator', 'L0'),
    leave1out: optionalBoolean(spec.leave1out, 'leave1out'),
    cumulative,
    levels,
    studies: spec.studies.map((s, i) => parseStudy(s, i, seen)),
  }
}
