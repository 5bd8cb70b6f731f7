/**
 * The analysis specification and how analyzeUnivariate accounts for every study and every part:
 * unknown keys and null, the level conventions, Mantel–Haenszel and Peto with empty and
 * double-zero tables, a meta-regression or a subgroup test the data do not allow (a warning, not
 * a failed analysis), and trim-and-fill that does not settle.
 */
import { describe, expect, it } from 'vitest'
import { trimfill } from '@/core/bias/trimfill'
import { InputError } from '@/core/input-error'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'
import { rmaMantelHaenszel } from '@/core/univariate/mantel-haenszel'
import { rmaPeto } from '@/core/univariate/peto'
import { testSubgroupDifferences } from '@/core/univariate/subgroup-analysis'

const bcg = [
  { id: 'Aronson 1948', ai: 4, bi: 119, ci: 11, di: 128 },
  { id: 'Ferguson & Simes 1949', ai: 6, bi: 300, ci: 29, di: 274 },
  { id: 'Rosenthal et al 1960', ai: 3, bi: 228, ci: 11, di: 209 },
  { id: 'Hart & Sutherland 1977', ai: 62, bi: 13536, ci: 248, di: 12619 },
]
const spec = { type: 'univariate', measure: 'RR', method: 'REML', studies: bcg }

describe('the univariate specification', () => {
  it('rejects unknown keys instead of silently running the default', () => {
    expect(() => analyzeUnivariate({ ...spec, methd: 'DL' })).toThrow(
      new InputError('the univariate specification: unknown field "methd" (allowed: type, measure, method, test, level, correction, bias, trimfillEstimator, leave1out, cumulative, levels, studies)'),
    )
    expect(() => analyzeUnivariate({ ...spec, correction: { value: 0.5, scope: 'all' } })).toThrow(/^correction: unknown field "scope"/)
  })

  it('treats null as absent, for top-level fields and options alike', () => {
    const withNulls = analyzeUnivariate({ ...spec, method: null, test: null, level: null, correction: null, bias: null, cumulative: null })
    const plain = analyzeUnivariate({ type: 'univariate', measure: 'RR', studies: bcg })
    expect(withNulls.est).toBe(plain.est)
    expect(withNulls.method).toBe('REML')
    expect(analyzeUnivariate({ ...spec, correction: { value: null, to: 'all' } }).correction).toEqual({ value: 0.5, to: 'all', drop00: false })
  })

  it('reads the level as a fraction or a percentage and reports the fraction', () => {
    const percent = analyzeUnivariate({ ...spec, level: 90 })
    const fraction = analyzeUnivariate({ ...spec, level: 0.9 })
    expect(fraction.ci_lb).toBe(percent.ci_lb)
    expect(fraction.level).toBe(0.9)
    // 0.95 used to be read as a percentage: a 0.95 % interval, narrower than the estimate's se
    expect(analyzeUnivariate({ ...spec, level: 0.95 }).crit).toBeCloseTo(1.959964, 6)
    expect(() => analyzeUnivariate({ ...spec, level: 1 })).toThrow(/level must be a fraction in \(0, 1\)/)
    expect(() => analyzeUnivariate({ ...spec, level: 100 })).toThrow(InputError)
  })
})

describe('every study analysed or skipped, never both', () => {
  const empty = { id: 'Empty 2000', ai: 0, bi: 0, ci: 0, di: 0 }
  const noEvents = { id: 'No events 2001', ai: 0, bi: 50, ci: 0, di: 48 }

  it('Mantel–Haenszel and Peto leave a table without participants out, instead of returning NaN', () => {
    for (const pooled of [rmaMantelHaenszel({ measure: 'OR', studies: [...bcg, empty] }), rmaPeto({ studies: [...bcg, empty] })]) {
      const without = pooled.method === 'MH' ? rmaMantelHaenszel({ measure: 'OR', studies: bcg }) : rmaPeto({ studies: bcg })
      expect(pooled.est).toBe(without.est)
      expect(pooled.converged).toBe(true)
      expect(pooled.skipped).toEqual([{ id: 'Empty 2000', reason: 'the table has no participants' }])
      expect(pooled.pooledWithoutOutcome).toEqual([])
    }
  })

  it('a table without events in either group is pooled (metafor counts it in k) and listed apart, not as skipped', () => {
    const result = analyzeUnivariate({ ...spec, measure: 'RD', method: 'MH', studies: [...bcg, noEvents, empty] })
    expect(result.k).toBe(5)
    expect(result.k_yi).toBe(4)
    expect(result.pooledWithoutOutcome.map((s) => s.id)).toEqual(['No events 2001'])
    expect(result.skipped.map((s) => s.id)).toEqual(['Empty 2000'])
    expect(result.ids).toEqual(bcg.map((s) => s.id))
  })

  it('an undefined Mantel–Haenszel estimate is not reported as converged', () => {
    const result = rmaMantelHaenszel({ measure: 'OR', studies: [noEvents, { ...noEvents, id: 'No events 2002' }] })
    expect(result.est).toBeNaN()
    expect(result.converged).toBe(false)
    expect(result.warnings.join(' ')).toMatch(/undefined/)
  })
})

describe('parts the data do not allow become warnings', () => {
  it('a meta-regression with too few studies is a warning, the pooled analysis still runs', () => {
    const studies = bcg.slice(0, 3).map((s, i) => ({ ...s, mods: { ablat: [44, 55, 42][i], year: [1948, 1949, 1960][i] } }))
    const result = analyzeUnivariate({ ...spec, studies })
    expect(result.metaRegression).toBeUndefined()
    expect(result.warnings.join(' ')).toMatch(/meta-regression not computed: 3 studies are too few to estimate 3 coefficient\(s\) and tau2/)
    expect(Number.isFinite(result.est)).toBe(true)
  })

  it('the test for subgroup differences has df 0, not −1, when no subgroup is usable', () => {
    expect(testSubgroupDifferences([])).toEqual({ Q: 0, df: 0, p: Number.NaN })
    expect(
      testSubgroupDifferences([
        { est: Number.NaN, se: 0.1 },
        { est: 0.2, se: 0 },
      ]),
    ).toEqual({ Q: 0, df: 0, p: Number.NaN })
  })

  it('trim-and-fill that does not settle is reported as data', () => {
    const yi = [-0.889, -1.585, -1.348, -1.442, -0.218, -0.786, -1.621, 0.012, -0.469, -1.371, -0.339, 0.446, -0.017]
    const vi = [0.326, 0.195, 0.415, 0.02, 0.051, 0.007, 0.223, 0.004, 0.056, 0.073, 0.012, 0.533, 0.071]
    const result = trimfill({ yi, vi, maxIterations: 1 })
    expect(result.converged).toBe(false)
    expect(result.warnings.join(' ')).toMatch(/did not settle in 1 iterations/)
    expect(trimfill({ yi, vi }).converged).toBe(true)
  })
})
