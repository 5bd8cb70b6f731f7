/**
 * analyzeUnivariate and rma against metafor 3.8 on the cases of tests/reference/univariate-models.R:
 * every measure, every method (FE, DL, HE, SJ, ML, REML, PM, MH, PETO), both tests, zero cells
 * with each correction scope, tau2 truncated at 0, k = 2. Every value R returned is compared.
 */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'
import { rma, type RmaMethod } from '@/core/univariate/rma'
import { compareWithR, DisagreementLog } from './compare-with-r'

interface ReferenceCase {
  name: string
  spec: { measure: string; method: string; test: string; studies: { id: string }[] }
  expected: Record<string, unknown> & { yi: number[]; vi: number[]; ids: string[]; skipped_ids: string[] }
}

const reference = JSON.parse(readFileSync('tests/reference/univariate-models.json', 'utf8')) as { cases: ReferenceCase[] }
const log = new DisagreementLog()

describe('analyzeUnivariate agrees with metafor (univariate-models.json)', () => {
  it('has the cases the R script wrote', () => {
    expect(reference.cases.length).toBeGreaterThan(60)
  })
  it('notices a disagreement of 1e-4 (the comparison can fail)', () => {
    const c = reference.cases[0] as ReferenceCase
    const actual = analyzeUnivariate(c.spec)
    expect(compareWithR({ ...actual, est: actual.est * (1 + 1e-4) }, { est: c.expected.est }).mismatches).toHaveLength(1)
    expect(compareWithR({ yi: actual.yi.slice(1) }, { yi: c.expected.yi }).mismatches).toHaveLength(1)
  })
  for (const c of reference.cases) {
    it(c.name, () => {
      const actual = analyzeUnivariate(c.spec)
      const withSkippedIds = { ...actual, skipped_ids: actual.skipped.map((s) => s.id), pooled_without_outcome_ids: actual.pooledWithoutOutcome.map((s) => s.id) }
      const comparison = compareWithR(withSkippedIds, c.expected)
      log.record(`${c.spec.method} ${c.spec.test}`, comparison)
      expect(comparison.mismatches).toEqual([])
      expect(comparison.compared).toBeGreaterThan(20)
      // every study exactly once: analysed, skipped, or (MH/Peto) pooled without a study-level outcome
      const accounted = [...actual.ids, ...actual.skipped.map((s) => s.id), ...actual.pooledWithoutOutcome.map((s) => s.id)]
      expect(accounted.sort()).toEqual(c.spec.studies.map((s) => s.id).sort())
    })
  }
})

describe('rma() on the escalc outcomes agrees with metafor', () => {
  for (const c of reference.cases.filter((r) => !['MH', 'PETO'].includes(r.spec.method))) {
    it(c.name, () => {
      const fit = rma({ yi: c.expected.yi, vi: c.expected.vi, method: c.spec.method as RmaMethod, test: c.spec.test as 'z' | 'knha' })
      const { est, se, zval, pval, ci_lb, ci_ub, pi_lb, pi_ub, tau2, I2, H2, Q, Qp, weights, logLik, AIC } = c.expected
      const comparison = compareWithR(fit, { est, se, zval, pval, ci_lb, ci_ub, pi_lb, pi_ub, tau2, I2, H2, Q, Qp, weights, logLik, AIC })
      expect(comparison.mismatches).toEqual([])
      expect(fit.converged).toBe(true)
    })
  }
})

afterAll(() => {
  console.log(`largest disagreement with metafor per method and test:\n${log.table()}`)
})
