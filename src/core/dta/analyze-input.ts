import type { RmaMethod, RmaTest } from '../univariate/rma'
import { defaultCorrection, type ContinuityCorrection, type CorrectionScope } from './continuity-correction'
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
  level: number
  regionPoints: number
  covariate: { type: 'numeric' | 'categorical'; values: CovariateValue[]; levels?: string[] } | null
}

const models: readonly DtaModel[] = ['bivariate', 'glmm', 'univariate']
const scopes: readonly CorrectionScope[] = ['none', 'proportion', 'study', 'all']
const tau2Methods: readonly RmaMethod[] = ['FE', 'DL', 'HE', 'SJ', 'ML', 'REML', 'PM']
const cells = ['tp', 'fp', 'fn', 'tn'] as const

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Validates untyped JSON into a DtaSpec. Every problem is a RangeError (TypeError when the whole
 * spec is not an object) whose message names the study by id and the field, e.g.
 * `study "Smith 2019": fp must be a non-negative integer`.
 */
export function parseDtaSpec(spec: unknown): DtaSpec {
  if (!isObject(spec)) throw new TypeError('the dta spec must be a JSON object')
  if (spec.type !== undefined && spec.type !== 'dta') throw new RangeError('type must be "dta"')
  const model = (spec.model ?? 'bivariate') as DtaModel
  if (!models.includes(model)) throw new RangeError(`model must be one of ${models.join(', ')}`)
  const method = (spec.method ?? 'REML') as RmaMethod
  const allowed: readonly RmaMethod[] = model === 'univariate' ? tau2Methods : ['REML', 'ML']
  if (typeof method !== 'string' || !allowed.includes(method)) throw new RangeError(`method must be one of ${allowed.join(', ')} for the ${model} model`)
  const test = (spec.test ?? 'z') as RmaTest
  if (test !== 'z' && test !== 'knha') throw new RangeError('test must be "z" or "knha"')
  const correction = parseCorrection(spec.correction)
  const level = parseLevel(spec.level)
  let nodes = 1
  if (spec.quadrature !== undefined) {
    if (!isObject(spec.quadrature)) throw new RangeError('quadrature must be an object like {"nodes": 9}')
    const n = spec.quadrature.nodes
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 40) throw new RangeError('quadrature.nodes must be an integer from 1 to 40')
    nodes = n
  }
  const regionPoints = spec.region_points ?? 100
  if (typeof regionPoints !== 'number' || !Number.isInteger(regionPoints) || regionPoints < 8 || regionPoints > 2000)
    throw new RangeError('region_points must be an integer from 8 to 2000')
  if (!Array.isArray(spec.studies)) throw new RangeError('studies must be an array of {id, tp, fp, fn, tn}')
  const studies = spec.studies.map((raw, index) => parseStudy(raw, index))
  const seen = new Set<string>()
  for (const s of studies) {
    if (seen.has(s.id)) throw new RangeError(`study "${s.id}": id is not unique`)
    seen.add(s.id)
  }
  const minimum = model === 'univariate' ? 2 : 3
  if (studies.length < minimum) throw new RangeError(`the ${model} model needs at least ${minimum} studies, got ${studies.length}`)
  return { model, method, test, correction, studies, nodes, level, regionPoints, covariate: parseCovariate(spec, studies) }
}

function parseStudy(raw: unknown, index: number): DtaStudy {
  if (!isObject(raw)) throw new RangeError(`study ${index + 1}: must be an object with id, tp, fp, fn, tn`)
  const id = raw.id
  if (!((typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id))))
    throw new RangeError(`study ${index + 1}: id must be a non-empty string`)
  const name = String(id)
  const study: DtaStudy = { id: name, tp: 0, fp: 0, fn: 0, tn: 0 }
  for (const c of cells) {
    const v = raw[c]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new RangeError(`study "${name}": ${c} must be a non-negative integer`)
    study[c] = v
  }
  if (study.tp + study.fn === 0) throw new RangeError(`study "${name}": tp + fn must be positive (no diseased participants)`)
  if (study.tn + study.fp === 0) throw new RangeError(`study "${name}": tn + fp must be positive (no non-diseased participants)`)
  return study
}

function parseCorrection(raw: unknown): ContinuityCorrection {
  if (raw === undefined) return { ...defaultCorrection }
  if (!isObject(raw)) throw new RangeError('correction must be an object like {"value": 0.5, "scope": "all"}')
  const value = raw.value ?? defaultCorrection.value
  const scope = raw.scope ?? defaultCorrection.scope
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 10) throw new RangeError('correction.value must be a number from 0 to 10')
  if (typeof scope !== 'string' || !scopes.includes(scope as CorrectionScope)) throw new RangeError(`correction.scope must be one of ${scopes.join(', ')}`)
  return { value, scope: scope as CorrectionScope }
}

/** 0.95 or 95 both mean a 95 % level. */
function parseLevel(raw: unknown): number {
  if (raw === undefined) return 0.95
  if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new RangeError('level must be a number such as 0.95 or 95')
  const level = raw > 1 ? raw / 100 : raw
  if (!(level > 0 && level < 1)) throw new RangeError('level must be between 0 and 1 (or 0 and 100 percent)')
  return level
}

function parseCovariate(spec: Record<string, unknown>, studies: DtaStudy[]): DtaSpec['covariate'] {
  const raw = (spec.studies as unknown[]).map((s) => (s as Record<string, unknown>).covariate)
  if (raw.every((v) => v === undefined || v === null)) return null
  const values: CovariateValue[] = raw.map((v, i) => {
    const id = studies[i]!.id
    if (typeof v === 'number' && Number.isFinite(v)) return v
    if (typeof v === 'string' && v.length > 0) return v
    throw new RangeError(`study "${id}": covariate must be a finite number or a non-empty string (give it for every study or none)`)
  })
  const options = isObject(spec.covariate) ? spec.covariate : {}
  const type = options.type ?? (values.every((v) => typeof v === 'number') ? 'numeric' : 'categorical')
  if (type !== 'numeric' && type !== 'categorical') throw new RangeError('covariate.type must be "numeric" or "categorical"')
  if (type === 'numeric')
    values.forEach((v, i) => {
      if (typeof v !== 'number') throw new RangeError(`study "${studies[i]!.id}": covariate must be a number for a numeric covariate`)
    })
  let levels: string[] | undefined
  if (options.levels !== undefined) {
    if (!Array.isArray(options.levels) || !options.levels.every((l) => typeof l === 'string')) throw new RangeError('covariate.levels must be an array of strings')
    levels = options.levels as string[]
    values.forEach((v, i) => {
      if (!levels!.includes(String(v))) throw new RangeError(`study "${studies[i]!.id}": covariate "${String(v)}" is not among covariate.levels`)
    })
  }
  return { type, values, ...(levels ? { levels } : {}) }
}
