/**
 * escalc() and the back-transformations against metafor 3.8 (tests/reference/univariate-transforms.R
 * and the per-study values of univariate-models.R), plus the input rules: missing fields are skipped
 * with a reason, invalid values throw an InputError naming the study and the field.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { escalc } from '@/core/effect-sizes/escalc'
import { hedgesCorrection } from '@/core/effect-sizes/continuous-outcomes'
import { freemanTukey } from '@/core/effect-sizes/proportions'
import { backTransform, inverseFreemanTukey } from '@/core/effect-sizes/transforms'
import type { EffectMeasure, StudyData } from '@/core/effect-sizes/escalc-study'
import type { ZeroCellScope as CorrectionScope } from '@/core/effect-sizes/zero-cell-correction'
import { InputError } from '@/core/input-error'
import { compareWithR } from '../univariate/compare-with-r'

interface Transforms {
  hedges: { m: number[]; J: number[] }
  pft: { p: number[]; n: number[]; value: number[]; inverse: number[] }
  ipft_hm: { x: number[]; ni: number[]; value: number[] }
  tables: StudyData[]
  escalc: { measure: EffectMeasure; to: CorrectionScope; drop00: boolean; yi: (number | null)[]; vi: (number | null)[] }[]
}
interface ModelCase {
  name: string
  spec: { measure: EffectMeasure; method: string; studies: StudyData[]; correction?: { value?: number; to?: CorrectionScope; drop00?: boolean } }
  expected: { ids: string[]; yi: number[]; vi: number[]; skipped_ids: string[] }
}

const transforms = JSON.parse(readFileSync('tests/reference/univariate-transforms.json', 'utf8')) as Transforms
const models = JSON.parse(readFileSync('tests/reference/univariate-models.json', 'utf8')) as { cases: ModelCase[] }

describe('escalc agrees with metafor for every measure (univariate-models.json)', () => {
  for (const c of models.cases.filter((m) => !['MH', 'PETO'].includes(m.spec.method))) {
    it(c.name, () => {
      const result = escalc(c.spec.measure, c.spec.studies, { correction: c.spec.correction })
      const actual = { ids: result.rows.map((r) => r.id), yi: result.rows.map((r) => r.yi), vi: result.rows.map((r) => r.vi), skipped_ids: result.skipped.map((s) => s.id) }
      expect(compareWithR(actual, { ids: c.expected.ids, yi: c.expected.yi, vi: c.expected.vi, skipped_ids: c.expected.skipped_ids }).mismatches).toEqual([])
      for (const row of result.rows) {
        expect(row.sei).toBeCloseTo(Math.sqrt(row.vi), 14)
        expect(row.ci_ub - row.yi).toBeCloseTo(1.959963984540054 * row.sei, 12)
      }
    })
  }
})

describe('zero cells with each correction scope and drop00 (univariate-transforms.json)', () => {
  for (const e of transforms.escalc) {
    it(`${e.measure} to = ${e.to}, drop00 = ${e.drop00}`, () => {
      const result = escalc(e.measure, transforms.tables, { correction: { value: 0.5, to: e.to, drop00: e.drop00 } })
      transforms.tables.forEach((table, i) => {
        const row = result.rows.find((r) => r.id === table.id)
        const yi = e.yi[i]
        const vi = e.vi[i]
        if (yi === null || yi === undefined || vi === null || vi === undefined) {
          // R's NA: reported as skipped (a variance of 0 is kept, as in metafor)
          expect(row, table.id).toBeUndefined()
          expect(result.skipped.map((s) => s.id)).toContain(table.id)
        } else {
          expect(compareWithR(row, { yi, vi }).mismatches, table.id).toEqual([])
        }
      })
      expect(result.rows.length + result.skipped.length).toBe(transforms.tables.length)
    })
  }
  it("defaults to metafor's escalc: 1/2 added to the tables with a zero cell, drop00 = FALSE", () => {
    for (const measure of ['RR', 'OR', 'RD', 'PETO'] as const) {
      const metaforDefault = transforms.escalc.find((e) => e.measure === measure && e.to === 'only0' && !e.drop00)!
      const result = escalc(measure, transforms.tables)
      expect(result.correction).toEqual({ value: 0.5, to: 'only0', drop00: false })
      const byId = new Map(result.rows.map((r) => [r.id, r]))
      transforms.tables.forEach((table, i) => {
        const expected = metaforDefault.yi[i] === null ? null : { yi: metaforDefault.yi[i], vi: metaforDefault.vi[i] }
        if (expected === null || expected.vi === 0) expect(byId.has(table.id)).toBe(false)
        else expect(compareWithR(byId.get(table.id), expected).mismatches, `${measure} ${table.id}`).toEqual([])
      })
    }
  })

  it('names the studies it corrects and, with drop00, the ones it skips', () => {
    const kept = escalc('OR', transforms.tables)
    expect(kept.skipped).toEqual([])
    expect(kept.warnings.join('\n')).toMatch(/0.5 added to the cells of 4 studies \("ai zero", "ci zero", "double zero", "all events"\)/)
    const dropped = escalc('OR', transforms.tables, { correction: { drop00: true } })
    expect(dropped.skipped).toEqual([
      { id: 'double zero', reason: 'no events in either group' },
      { id: 'all events', reason: 'every participant had the event in both groups' },
    ])
    expect(dropped.warnings.join('\n')).toMatch(/0.5 added to the cells of 2 studies \("ai zero", "ci zero"\)/)
  })
})

describe('transformations agree with metafor', () => {
  it("Hedges' exact J (.cmicalc)", () => {
    expect(compareWithR(transforms.hedges.m.map(hedgesCorrection), transforms.hedges.J).mismatches).toEqual([])
    expect(hedgesCorrection(1)).toBeNaN()
  })
  it('Freeman–Tukey and its inverse (transf.pft, transf.ipft)', () => {
    const { p, n, value, inverse } = transforms.pft
    expect(
      compareWithR(
        p.map((v, i) => freemanTukey(v, n[i] as number)),
        value,
      ).mismatches,
    ).toEqual([])
    expect(
      compareWithR(
        value.map((v, i) => inverseFreemanTukey(v, n[i] as number)),
        inverse,
      ).mismatches,
    ).toEqual([])
  })
  it('the PFT back-transformation with the harmonic mean of n (transf.ipft.hm)', () => {
    const { x, ni, value } = transforms.ipft_hm
    expect(
      compareWithR(
        x.map((v) => backTransform('PFT', v, { ni })),
        value,
      ).mismatches,
    ).toEqual([])
  })
  it('exp, tanh and expit for the ratio, Fisher z and logit measures', () => {
    expect(backTransform('RR', Math.log(2))).toBeCloseTo(2, 14)
    expect(backTransform('ZCOR', Math.atanh(0.3))).toBeCloseTo(0.3, 14)
    expect(backTransform('PLO', Math.log(0.25 / 0.75))).toBeCloseTo(0.25, 14)
    expect(backTransform('SMD', 0.4)).toBe(0.4)
  })
})

describe('input rules', () => {
  const table = { id: 'Aronson 1948', ai: 4, bi: 119, ci: 11, di: 128 }
  it('throws an InputError naming the study and the field', () => {
    expect(() => escalc('RR', [{ ...table, ai: -1 }])).toThrow(InputError)
    expect(() => escalc('RR', [{ ...table, ai: -1 }])).toThrow('study "Aronson 1948": ai must be a non-negative number')
    expect(() => escalc('RR', [{ id: 'S', ai: 5, n1i: 3, ci: 1, n2i: 9 }])).toThrow('study "S": ai must not exceed n1i')
    expect(() => escalc('RR', [{ ...table, n1i: 100 }])).toThrow('study "Aronson 1948": n1i must equal ai + bi')
    expect(() => escalc('ZCOR', [{ id: 'r', ri: 1.2, ni: 40 }])).toThrow('study "r": ri must be between -1 and 1')
    expect(() => escalc('MD', [{ id: 'm', m1i: 1, sd1i: -2, n1i: 10, m2i: 0, sd2i: 1, n2i: 10 }])).toThrow('study "m": sd1i must be a non-negative number')
    expect(() => escalc('PR', [{ id: 'p', xi: 5, ni: 4 }])).toThrow('study "p": xi must not exceed ni')
    expect(() => escalc('GEN', [{ id: 'g', yi: 0.1, sei: -1 }])).toThrow('study "g": sei must be a non-negative number')
    expect(() => escalc('RR', [table, table])).toThrow('study "Aronson 1948": id must be unique')
  })
  it('skips studies with missing fields, saying which', () => {
    const result = escalc('RR', [table, { id: 'no control arm', ai: 3, bi: 10 }, { id: 'nulls', ai: null, bi: 2, ci: 1, di: 3 }])
    expect(result.rows.map((r) => r.id)).toEqual(['Aronson 1948'])
    expect(result.skipped).toEqual([
      { id: 'no control arm', reason: 'missing ci, di (or n2i)' },
      { id: 'nulls', reason: 'missing ai' },
    ])
  })
  it('skips correlations with n <= 3 and SMDs without the degrees of freedom', () => {
    expect(escalc('ZCOR', [{ id: 'tiny', ri: 0.5, ni: 3 }]).skipped[0]?.reason).toMatch(/ni <= 3/)
    expect(escalc('SMD', [{ id: 'two', m1i: 1, sd1i: 1, n1i: 1, m2i: 0, sd2i: 1, n2i: 2 }]).skipped[0]?.reason).toMatch(/small-sample correction/)
  })
  it('leaves out a study whose given vi is negative and names it; keeps a vi of 0', () => {
    const result = escalc('GEN', [
      { id: 'g', yi: 0.1, vi: -1 },
      { id: 'h', yi: 0.2, vi: 0 },
    ])
    expect(result.skipped).toEqual([{ id: 'g', reason: 'the sampling variance is negative (vi = -1)' }])
    expect(result.warnings).toEqual(['study "g" skipped: the sampling variance is negative (vi = -1)'])
    expect(result.rows.map((r) => [r.id, r.vi])).toEqual([['h', 0]])
  })
  it('uses vi when both vi and sei are given, as metafor', () => {
    expect(escalc('GEN', [{ id: 'g', yi: 0.2, vi: 0.04, sei: 0.3 }]).rows[0]?.vi).toBe(0.04)
    expect(escalc('GEN', [{ id: 'g', yi: 0.2, sei: 0.3 }]).rows[0]?.vi).toBeCloseTo(0.09, 15)
  })
})
