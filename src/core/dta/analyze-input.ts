import { InputError } from '../input-error'
import { isAbsent, isJsonObject, parseLevel, readChoice, readNonNegativeNumber, readOptions, rejectUnknownKeys, uniqueLabels, type JsonObject } from '../spec-fields'
import { rmaMethods, type RmaMethod, type RmaTest } from '../univariate/mixed-effects-model'
import { continuityCorrectionScopes, defaultCorrection, type ContinuityCorrection } from './continuity-correction'
import type { CovariateValue } from './bivariate-regression'
import type { DtaStudy } from './dta-study'

export type DtaModel = 'bivariate' | 'glmm' | 'univariate'

/** A validated DTA analysis request (see analyzeDta for the JSON contract). */
export interface DtaSpec {
  model: DtaModel
  /** REML or ML for the bivariate model; any rma τ² method for the univariate one. */
  method: RmaMethod
  test: RmaTest
  correction: ContinuityCorrection
  studies: DtaStudy[]
  /** Quadrature nodes per dimension for the GLMM; 1 = Laplace. */
  nodes: number
  /** Confidence level as a fraction (the spec may give 0.95 or 95). */
  level: number
  regionPoints: number
  covariate: { type: 'numeric' | 'categorical'; values: CovariateValue[]; levels?: string[] } | null
  /** What the parser changed (repeated ids told apart). */
  warnings: string[]
}

const specKeys = ['type', 'model', 'method', 'test', 'correction', 'quadrature', 'level', 'region_points', 'studies', 'covariate']
const models: readonly DtaModel[] = ['bivariate', 'glmm', 'univariate']
const cells = ['tp', 'fp', 'fn', 'tn'] as const

/**
 * Validates untyped JSON into a DtaSpec. Every problem is an InputError whose message names the
 * study by id and the field, e.g. `study "Smith 2019": fp must be a non-negative integer`. Unknown
 * top-level keys and unknown keys of the option objects (correction, quadrature, covariate) are
 * rejected; null means absent, as in the univariate spec (spec-fields.ts). Study objects may carry
 * other keys (e.g. year). Repeated ids are told apart ("Borris et al. (2)", uniqueLabels) with a warning.
 */
export function parseDtaSpec(input: unknown): DtaSpec {
  if (!isJsonObject(input)) throw new InputError('the dta spec must be a JSON object')
  const spec: JsonObject = input
  if (!isAbsent(spec.type) && spec.type !== 'dta') throw new InputError('type must be "dta"')
  rejectUnknownKeys(spec, specKeys, 'the dta specification')
  const model = readChoice(spec.model, models, 'model', 'bivariate')
  const allowed: readonly RmaMethod[] = model === 'univariate' ? rmaMethods : ['REML', 'ML']
  if (!isAbsent(spec.method) && (typeof spec.method !== 'string' || !allowed.includes(spec.method as RmaMethod)))
    throw new InputError(`method must be one of ${allowed.join(', ')} for the ${model} model`)
  const method = (spec.method ?? 'REML') as RmaMethod
  const test = readChoice(spec.test, ['z', 'knha'] as const, 'test', 'z')
  const correction = parseCorrection(spec.correction)
  const level = parseLevel(spec.level)
  const quadrature = readOptions(spec.quadrature, 'quadrature', ['nodes'], '{"nodes": 9}')
  let nodes = 1
  if (quadrature && !isAbsent(quadrature.nodes)) {
    const n = quadrature.nodes
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 40) throw new InputError('quadrature.nodes must be an integer from 1 to 40')
    nodes = n
  }
  const regionPoints = spec.region_points ?? 100
  if (typeof regionPoints !== 'number' || !Number.isInteger(regionPoints) || regionPoints < 8 || regionPoints > 2000) throw new InputError('region_points must be an integer from 8 to 2000')
  if (!Array.isArray(spec.studies)) throw new InputError('studies must be an array of {id, tp, fp, fn, tn}')
  const studies = spec.studies.map((raw, index) => parseStudy(raw, index))
  const { labels, warning } = uniqueLabels(studies.map((s) => s.id))
  studies.forEach((s, i) => {
    s.id = labels[i] as string
  })
  // The bivariate models with two studies fall back to the univariate one (analyzeDta says so).
  if (studies.length < 2) throw new InputError(`a meta-analysis needs at least 2 studies, got ${studies.length}`)
  return { model, method, test, correction, studies, nodes, level, regionPoints, covariate: parseCovariate(spec, studies), warnings: warning ? [warning] : [] }
}

function parseStudy(raw: unknown, index: number): DtaStudy {
  if (!isJsonObject(raw)) throw new InputError(`study ${index + 1}: must be an object with id, tp, fp, fn, tn`)
  const id = raw.id
  if (!((typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id)))) throw new InputError(`study ${index + 1}: id must be a non-empty string`)
  const name = String(id)
  const study: DtaStudy = { id: name, tp: 0, fp: 0, fn: 0, tn: 0 }
  for (const c of cells) {
    const v = raw[c]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new InputError(`study "${name}": ${c} must be a non-negative integer`)
    study[c] = v
  }
  if (study.tp + study.fn === 0) throw new InputError(`study "${name}": tp + fn must be positive (no diseased participants)`)
  if (study.tn + study.fp === 0) throw new InputError(`study "${name}": tn + fp must be positive (no non-diseased participants)`)
  return study
}

function parseCorrection(value: unknown): ContinuityCorrection {
  const raw = readOptions(value, 'correction', ['value', 'scope'], '{"value": 0.5, "scope": "all"}')
  if (!raw) return { ...defaultCorrection }
  return {
    value: readNonNegativeNumber(raw.value, 'correction.value', defaultCorrection.value, 10),
    scope: readChoice(raw.scope, continuityCorrectionScopes, 'correction.scope', defaultCorrection.scope),
  }
}

function parseCovariate(spec: JsonObject, studies: DtaStudy[]): DtaSpec['covariate'] {
  const raw = (spec.studies as unknown[]).map((s) => (s as JsonObject).covariate)
  const options = readOptions(spec.covariate, 'covariate', ['type', 'levels'], '{"type": "categorical", "levels": ["a", "b"]}') ?? {}
  if (raw.every(isAbsent)) {
    if (Object.keys(options).length > 0) throw new InputError('covariate options are given but no study has a covariate value')
    return null
  }
  const values: CovariateValue[] = raw.map((v, i) => {
    const id = studies[i]!.id
    if (typeof v === 'number' && Number.isFinite(v)) return v
    if (typeof v === 'string' && v.length > 0) return v
    throw new InputError(`study "${id}": covariate must be a finite number or a non-empty string (give it for every study or none)`)
  })
  const type = readChoice(options.type, ['numeric', 'categorical'] as const, 'covariate.type', values.every((v) => typeof v === 'number') ? 'numeric' : 'categorical')
  if (type === 'numeric')
    values.forEach((v, i) => {
      if (typeof v !== 'number') throw new InputError(`study "${studies[i]!.id}": covariate must be a number for a numeric covariate`)
    })
  let levels: string[] | undefined
  if (!isAbsent(options.levels)) {
    if (!Array.isArray(options.levels) || !options.levels.every((l) => typeof l === 'string')) throw new InputError('covariate.levels must be an array of strings')
    levels = options.levels as string[]
    values.forEach((v, i) => {
      if (!levels!.includes(String(v))) throw new InputError(`study "${studies[i]!.id}": covariate "${String(v)}" is not among covariate.levels`)
    })
  }
  return { type, values, ...(levels ? { levels } : {}) }
}
