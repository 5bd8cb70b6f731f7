/**
 * Validation of the `ferrite analyze` univariate specification, which arrives as unknown JSON:
 * every problem is an InputError with a one-line message naming the study and the field, e.g.
 * `study "Aronson 1948": ai must be a non-negative number`. Unknown top-level keys (and unknown
 * keys of `correction`) are rejected, so a typo ("methd") never silently runs the default; null
 * means absent, as in the DTA spec (spec-fields.ts). Repeated study ids are told apart ("Borris et
 * al. (2)", uniqueLabels) with a warning. Study objects may carry other keys (e.g.
 * year), kept in `extra` for ordering the cumulative analysis. Field values themselves (counts,
 * means...) are checked by escalc when they are read.
 */
import { effectMeasures, type CorrectionOptions, type EffectMeasure, type StudyData } from '../effect-sizes/escalc-study'
import { zeroCellScopes } from '../effect-sizes/zero-cell-correction'
import { InputError } from '../input-error'
import { isAbsent, isJsonObject, parseLevel, readBoolean, readChoice, readNonNegativeNumber, readOptions, rejectUnknownKeys, uniqueLabels, type JsonObject } from '../spec-fields'
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
  /** Confidence level as a fraction (the spec may give 0.95 or 95). */
  level: number
  correction: CorrectionOptions | undefined
  bias: boolean
  trimfillEstimator: 'L0' | 'R0'
  leave1out: boolean
  /** false, true (the given order) or the study field to sort by. */
  cumulative: boolean | string
  levels: Record<string, string[]> | undefined
  studies: AnalysisStudy[]
  /** What the parser changed (repeated ids told apart). */
  warnings: string[]
}

const specKeys = ['type', 'measure', 'method', 'test', 'level', 'correction', 'bias', 'trimfillEstimator', 'leave1out', 'cumulative', 'levels', 'studies']
const dataFields = ['ai', 'bi', 'ci', 'di', 'n1i', 'n2i', 'm1i', 'sd1i', 'm2i', 'sd2i', 'ri', 'ni', 'xi', 'mi', 'yi', 'vi', 'sei'] as const
const analysisMethods: readonly AnalysisMethod[] = [...rmaMethods, 'MH', 'PETO']

function parseCorrection(value: unknown): CorrectionOptions | undefined {
  const raw = readOptions(value, 'correction', ['value', 'to', 'drop00'], '{"value": 0.5, "to": "only0", "drop00": false}')
  if (!raw) return undefined
  const out: CorrectionOptions = {}
  if (!isAbsent(raw.value)) out.value = readNonNegativeNumber(raw.value, 'correction.value', 0)
  if (!isAbsent(raw.to)) out.to = readChoice(raw.to, zeroCellScopes, 'correction.to', 'only0')
  if (!isAbsent(raw.drop00)) out.drop00 = readBoolean(raw.drop00, 'correction.drop00')
  return out
}

function parseStudy(raw: unknown, index: number): AnalysisStudy {
  if (!isJsonObject(raw)) throw new InputError(`study ${index + 1}: must be an object with an id and the data fields`)
  const idValue = raw.id
  if (!((typeof idValue === 'string' && idValue.trim() !== '') || (typeof idValue === 'number' && Number.isFinite(idValue))))
    throw new InputError(`study ${index + 1}: id must be a non-empty string or a number`)
  const id = String(idValue)
  const study: AnalysisStudy = { id, extra: {} }
  for (const field of dataFields) {
    const v = raw[field]
    if (isAbsent(v)) continue
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`study "${id}": ${field} must be a finite number`)
    study[field] = v
  }
  if (!isAbsent(raw.group)) {
    if (typeof raw.group !== 'string' && !(typeof raw.group === 'number' && Number.isFinite(raw.group))) throw new InputError(`study "${id}": group must be a string`)
    study.group = String(raw.group)
  }
  if (!isAbsent(raw.mods)) {
    if (!isJsonObject(raw.mods)) throw new InputError(`study "${id}": mods must be an object of moderator values`)
    const mods: Record<string, number | string | null> = {}
    for (const [name, v] of Object.entries(raw.mods)) {
      if (v !== null && typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) throw new InputError(`study "${id}": mods.${name} must be a finite number or a string`)
      mods[name] = v
    }
    study.mods = mods
  }
  for (const [key, v] of Object.entries(raw)) if (!(dataFields as readonly string[]).includes(key) && !['id', 'group', 'mods'].includes(key)) study.extra[key] = v
  return study
}

function parseLevels(value: unknown): Record<string, string[]> | undefined {
  if (isAbsent(value)) return undefined
  if (!isJsonObject(value)) throw new InputError('levels must be an object of moderator name → array of level names')
  const levels: Record<string, string[]> = {}
  for (const [name, v] of Object.entries(value)) {
    if (!Array.isArray(v) || v.some((l) => typeof l !== 'string')) throw new InputError(`levels.${name} must be an array of strings`)
    levels[name] = v as string[]
  }
  return levels
}

function parseCumulative(value: unknown): boolean | string {
  if (isAbsent(value)) return false
  if (typeof value !== 'boolean' && (typeof value !== 'string' || value === '')) throw new InputError('cumulative must be true (the given order) or the name of a study field to order by, e.g. "year"')
  return value
}

export function parseAnalysisSpec(input: unknown): AnalysisSpec {
  if (!isJsonObject(input)) throw new InputError('the analysis specification must be a JSON object')
  const spec: JsonObject = input
  if (!isAbsent(spec.type) && spec.type !== 'univariate') throw new InputError('type must be "univariate"')
  rejectUnknownKeys(spec, specKeys, 'the univariate specification')
  const measures = effectMeasures.filter((m): m is Exclude<EffectMeasure, 'PETO'> => m !== 'PETO')
  if (isAbsent(spec.measure)) throw new InputError(`measure is required (one of ${measures.join(', ')})`)
  const measure = readChoice(spec.measure, measures, 'measure', 'GEN')
  const method = readChoice(spec.method, analysisMethods, 'method', 'REML')
  const test = readChoice(spec.test, ['z', 'knha'] as const, 'test', 'z')
  if (method === 'MH' && !['OR', 'RR', 'RD'].includes(measure)) throw new InputError('method "MH" needs measure OR, RR or RD')
  if (method === 'PETO' && measure !== 'OR') throw new InputError('method "PETO" needs measure OR')
  if ((method === 'MH' || method === 'PETO') && test !== 'z') throw new InputError(`test "${test}" is not available with method ${method}`)
  if (!Array.isArray(spec.studies) || spec.studies.length === 0) throw new InputError('studies must be a non-empty array')
  const studies = spec.studies.map((s, i) => parseStudy(s, i))
  const { labels, warning } = uniqueLabels(studies.map((s) => s.id))
  studies.forEach((s, i) => {
    s.id = labels[i] as string
  })
  return {
    measure,
    method,
    test,
    level: parseLevel(spec.level),
    correction: parseCorrection(spec.correction),
    bias: readBoolean(spec.bias, 'bias'),
    trimfillEstimator: readChoice(spec.trimfillEstimator, ['L0', 'R0'] as const, 'trimfillEstimator', 'L0'),
    leave1out: readBoolean(spec.leave1out, 'leave1out'),
    cumulative: parseCumulative(spec.cumulative),
    levels: parseLevels(spec.levels),
    studies,
    warnings: warning ? [warning] : [],
  }
}
