/**
 * Subgroup analyses (separate tau2 per subgroup, Q test between subgroups) and meta-regression
 * (one and two moderators, categorical dummy coding, knha F test, pseudo-R²) against metafor 3.8,
 * cases from tests/reference/univariate-regression.R; plus the direct core functions.
 */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'
import { metaRegression } from '@/core/univariate/meta-regression'
import { subgroupAnalysis, testSubgroupDifferences } from '@/core/univariate/subgroup-analysis'
import { codeModerators } from '@/core/univariate/moderators'
import { compareWithR, DisagreementLog } from './compare-with-r'

interface ReferenceCase {
  name: string
  spec: Record<string, unknown> & { method: string }
  expected: Record<string, unknown> & { yi: number[]; vi: number[]; ids: string[]; metaRegression?: Record<string, unknown> }
}

const reference = JSON.parse(readFileSync('tests/reference/univariate-regression.json', 'utf8')) as { cases: ReferenceCase[] }
const log = new DisagreementLog()

describe('subgroups and meta-regression agree with metafor (univariate-regression.json)', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const actual = analyzeUnivariate(c.spec)
      const shaped = {
        ...actual,
        skipped_ids: actual.skipped.map((s) => s.id),
        pooled_without_outcome_ids: actual.pooledWithoutOutcome.map((s) => s.id),
        metaRegression: actual.metaRegression && { ...actual.metaRegression, skipped_ids: actual.metaRegression.skipped.map((s) => s.id) },
      }
      const comparison = compareWithR(shaped, c.expected)
      log.record(c.expected.metaRegression ? 'meta-regression cases' : 'subgroup cases', comparison)
      expect(comparison.mismatches).toEqual([])
    })
  }
})

describe('the core functions', () => {
  const bcg = reference.cases[0] as ReferenceCase
  it('subgroupAnalysis gives the same subgroups and between-groups test as analyze', () => {
    const groups = (bcg.spec.studies as { group: string }[]).map((s) => s.group)
    const result = subgroupAnalysis({ yi: bcg.expected.yi, vi: bcg.expected.vi, ids: bcg.expected.ids, groups })
    // the core function works on the analysis scale: no back-transformed values
    const subgroups = (bcg.expected.subgroups as Record<string, unknown>[]).map(({ transformed: _, ...rest }) => rest)
    expect(compareWithR(result, { subgroups, between: bcg.expected.between }).mismatches).toEqual([])
  })
  it('testSubgroupDifferences is zero for equal estimates and has G − 1 df', () => {
    const test = testSubgroupDifferences([
      { est: 0.3, se: 0.1 },
      { est: 0.3, se: 0.2 },
      { est: 0.3, se: 0.05 },
    ])
    expect(test).toEqual({ Q: 0, df: 2, p: 1 })
  })
  it('metaRegression drops a redundant moderator with a warning, as metafor drops it', () => {
    const yi = bcg.expected.yi
    const mods = yi.map((_, i) => ({ x: i, twice: 2 * i }))
    const fit = metaRegression({ yi, vi: bcg.expected.vi, mods })
    expect(fit.coefficients.map((c) => c.name)).toEqual(['intrcpt', 'x'])
    expect(fit.warnings.join(' ')).toMatch(/"twice" is redundant/)
  })
  it('codes categories against the sorted first level unless levels are given', () => {
    const mods = [{ a: 'b' }, { a: 'c' }, { a: 'a' }, { a: 'b' }]
    expect(codeModerators(mods).columns).toEqual([
      { name: 'ab', values: [1, 0, 0, 1] },
      { name: 'ac', values: [0, 1, 0, 0] },
    ])
    expect(codeModerators(mods, { levels: { a: ['c'] } }).columns.map((c) => c.name)).toEqual(['aa', 'ab'])
  })
  it('rejects a moderator that mixes numbers and strings, naming the study', () => {
    expect(() => codeModerators([{ a: 1 }, { a: 'x' }], { ids: ['S1', 'S2'] })).toThrow(/study "S2": mods.a must be a number/)
  })
})

afterAll(() => {
  console.log(`largest disagreement with metafor:\n${log.table()}`)
})
