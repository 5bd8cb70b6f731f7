import { describe, expect, it } from 'vitest'
import { analyzeDta } from '@/core/dta/analyze-dta'
import { qnorm, qt } from '@/core/distributions/distributions'
import { expit } from '@/core/distributions/logistic'
import { InputError } from '@/core/input-error'

const studies = [
  { id: 'Smith 2019', tp: 40, fp: 12, fn: 8, tn: 90 },
  { id: 'Jones 2020', tp: 25, fp: 20, fn: 5, tn: 60 },
  { id: 'Lee 2021', tp: 60, fp: 9, fn: 15, tn: 120 },
  { id: 'Khan 2022', tp: 18, fp: 7, fn: 6, tn: 44 },
]
const withStudy = (i: number, patch: Record<string, unknown>): unknown => ({
  type: 'dta',
  model: 'bivariate',
  studies: studies.map((s, j) => (j === i ? { ...s, ...patch } : s)),
})

describe('analyzeDta input validation', () => {
  it('names the study and the field of a bad count', () => {
    expect(() => analyzeDta(withStudy(0, { fp: -1 }))).toThrow(new InputError('study "Smith 2019": fp must be a non-negative integer'))
    expect(() => analyzeDta(withStudy(1, { tn: 2.5 }))).toThrow('study "Jones 2020": tn must be a non-negative integer')
    expect(() => analyzeDta(withStudy(2, { tp: '60' }))).toThrow('study "Lee 2021": tp must be a non-negative integer')
    expect(() => analyzeDta(withStudy(3, { fn: undefined }))).toThrow('study "Khan 2022": fn must be a non-negative integer')
  })

  it('rejects empty arms and missing ids; tells repeated ids apart', () => {
    expect(() => analyzeDta(withStudy(0, { tp: 0, fn: 0 }))).toThrow('study "Smith 2019": tp + fn must be positive')
    expect(analyzeDta(withStudy(1, { id: 'Smith 2019' })).studies.map((s) => s.id)).toContain('Smith 2019 (2)')
    expect(() => analyzeDta(withStudy(2, { id: '' }))).toThrow('study 3: id must be a non-empty string')
  })

  it('rejects bad options and a non-object spec with an InputError', () => {
    expect(() => analyzeDta(null)).toThrow(InputError)
    expect(() => analyzeDta([])).toThrow(InputError)
    expect(() => analyzeDta({ type: 'dta', model: 'hsroc', studies })).toThrow(InputError)
    expect(() => analyzeDta({ type: 'dta', method: 'DL', studies })).toThrow('method must be one of REML, ML for the bivariate model')
    expect(() => analyzeDta({ type: 'dta', correction: { value: 0.5, scope: 'some' }, studies })).toThrow(RangeError)
    expect(() => analyzeDta({ type: 'dta', model: 'glmm', quadrature: { nodes: 0 }, studies })).toThrow(RangeError)
    expect(() => analyzeDta({ type: 'dta', studies: studies.slice(0, 1) })).toThrow('a meta-analysis needs at least 2 studies, got 1')
    expect(() => analyzeDta({ type: 'dta', studies: 'none' })).toThrow(RangeError)
  })

  it('rejects unknown keys, at the top level and in the options, naming the key', () => {
    expect(() => analyzeDta({ type: 'dta', modle: 'glmm', studies })).toThrow(/^the dta specification: unknown field "modle"/)
    expect(() => analyzeDta({ type: 'dta', correction: { value: 0.5, to: 'all' }, studies })).toThrow(/^correction: unknown field "to"/)
    expect(() => analyzeDta({ type: 'dta', model: 'glmm', quadrature: { node: 9 }, studies })).toThrow(/^quadrature: unknown field "node"/)
  })

  it('treats null as absent everywhere, as the univariate spec does', () => {
    const plain = analyzeDta({ type: 'dta', studies })
    const withNulls = analyzeDta({ type: 'dta', model: null, method: null, correction: null, quadrature: null, level: null, region_points: null, covariate: null, studies })
    expect(withNulls.logit_sens).toBe(plain.logit_sens)
    expect(analyzeDta({ type: 'dta', correction: { value: null, scope: 'study' }, studies }).correction).toEqual({ value: 0.5, scope: 'study' })
  })

  it('reads the level as a fraction or a percentage, one convention inside', () => {
    const fraction = analyzeDta({ type: 'dta', level: 0.9, studies })
    const percent = analyzeDta({ type: 'dta', level: 90, studies })
    expect(percent.sens_ci).toEqual(fraction.sens_ci)
    expect(percent.level).toBe(0.9)
    expect(percent.z_critical).toBeCloseTo(qnorm(0.95), 12)
    expect(() => analyzeDta({ type: 'dta', level: 1, studies })).toThrow(/level must be a fraction in \(0, 1\)/)
  })

  it('with test "knha" every interval of the univariate model uses the t quantile with k − 1 df', () => {
    const r = analyzeDta({ type: 'dta', model: 'univariate', method: 'DL', test: 'knha', studies })
    const t = qt(0.975, studies.length - 1)
    expect(r.interval_critical).toBeCloseTo(t, 12)
    expect(r.interval_df).toBe(3)
    expect(r.critical_values).toMatchObject({ interval: r.interval_critical, interval_df: 3 })
    const sensCi = [expit(r.logit_sens! - t * r.se_logit_sens!), expit(r.logit_sens! + t * r.se_logit_sens!)]
    expect(r.sens_ci![0]).toBeCloseTo(sensCi[0]!, 12)
    // the DOR interval uses the same t quantile as the sensitivity's (it used the normal one)
    const seLogDor = Math.sqrt(r.se_logit_sens! ** 2 + r.se_logit_spec! ** 2)
    expect(Math.log(r.dor_ci![1]) - Math.log(r.dor!)).toBeCloseTo(t * seLogDor, 10)
    const z = analyzeDta({ type: 'dta', model: 'univariate', method: 'DL', studies })
    expect(z.interval_critical).toBeCloseTo(qnorm(0.975), 12)
    expect(z.interval_df).toBeNull()
  })

  it('requires a covariate for every study or none', () => {
    const spec = { type: 'dta', studies: studies.map((s, i) => (i === 0 ? s : { ...s, covariate: 'a' })) }
    expect(() => analyzeDta(spec)).toThrow('study "Smith 2019": covariate must be a finite number or a non-empty string')
  })

  it('accepts the contract with defaults: REML, correction 0.5 to all cells when any is zero', () => {
    const r = analyzeDta({ type: 'dta', model: 'bivariate', studies })
    expect(r.method).toBe('REML')
    expect(r.correction).toEqual({ value: 0.5, scope: 'all' })
    expect(r.corrected).toEqual([])
    expect(r.k).toBe(4)
    expect(r.sroc!.length).toBe(101)
    expect(r.confidence_region!.points.length).toBe(100)
    expect(r.studies.map((s) => s.id)).toEqual(studies.map((s) => s.id))
  })

  it('leaves out and reports the studies with a zero cell under scope "none"', () => {
    const spec = { type: 'dta', correction: { value: 0.5, scope: 'none' }, studies: [...studies, { id: 'Zero', tp: 10, fp: 0, fn: 2, tn: 30 }] }
    const r = analyzeDta(spec)
    expect(r.k).toBe(4)
    expect(r.excluded.map((e) => e.id)).toEqual(['Zero'])
    expect(r.warnings.join(' ')).toContain('1 studies left out')
  })

  it('runs the univariate model with any tau2 method and reports no correlation or curve', () => {
    const r = analyzeDta({ type: 'dta', model: 'univariate', method: 'DL', studies })
    expect('fit' in r.univariate!.sens).toBe(false)
    expect(r.rho).toBeNull()
    expect(r.sroc).toBeNull()
    expect(r.sens).toBeGreaterThan(0.5)
    expect(r.sens_ci![0]).toBeLessThan(r.sens!)
  })
})
