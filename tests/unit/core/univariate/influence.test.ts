/**
 * Leave-one-out and cumulative analyses against metafor's leave1out and cumul (by year), for
 * rma (REML, DL/PM with knha, FE, ML), Mantel–Haenszel and Peto; cases from
 * tests/reference/univariate-influence.R. Plus the direct core functions.
 */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { InputError } from '@/core/input-error'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'
import { cumulative, cumulativeBy } from '@/core/univariate/cumulative'
import { leaveOneOut, leaveOneOutBy } from '@/core/univariate/leave-one-out'
import { rma } from '@/core/univariate/rma'
import { compareWithR, DisagreementLog } from './compare-with-r'

interface ReferenceCase {
  name: string
  spec: Record<string, unknown> & { method: string }
  expected: { leave1out: Record<string, unknown>[]; cumulative: Record<string, unknown>[] }
}

const reference = JSON.parse(readFileSync('tests/reference/univariate-influence.json', 'utf8')) as { cases: ReferenceCase[] }
const log = new DisagreementLog()

describe('leave1out and cumul agree with metafor (univariate-influence.json)', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const actual = analyzeUnivariate(c.spec)
      const comparison = compareWithR({ leave1out: actual.leave1out, cumulative: actual.cumulative }, c.expected)
      log.record(c.spec.method, comparison)
      expect(comparison.mismatches).toEqual([])
    })
  }
})

describe('the core functions', () => {
  const yi = [0.1, 0.5, -0.2, 0.8, 0.3]
  const vi = [0.04, 0.09, 0.05, 0.2, 0.1]
  it('leaveOneOut refits without each study', () => {
    const rows = leaveOneOut({ yi, vi, method: 'DL' })
    rows.forEach((row, i) => {
      const direct = rma({ yi: yi.filter((_, j) => j !== i), vi: vi.filter((_, j) => j !== i), method: 'DL' })
      expect(row.est).toBe(direct.est)
      expect(row.tau2).toBe(direct.tau2)
    })
  })
  it('cumulative ends with the full analysis and starts with the first study in the given order', () => {
    const rows = cumulative({ yi, vi, method: 'REML' }, [4, 3, 2, 1, 0])
    expect(rows[4]?.est).toBeCloseTo(rma({ yi, vi, method: 'REML' }).est, 12)
    expect(rows[0]).toMatchObject({ id: '5', k: 1, est: 0.3, tau2: 0, Q: 0 })
  })
  it('cumulativeBy rejects an order that is not a permutation', () => {
    expect(() => cumulativeBy(['a', 'b'], [0, 0], () => rma({ yi, vi }))).toThrow(RangeError)
  })
  it('a refit the data do not allow (InputError) becomes a row of NaN, as metafor gives NA', () => {
    const rows = leaveOneOutBy(['a', 'b'], (keep) => {
      if (keep.includes(0)) throw new InputError('cannot fit')
      return rma({ yi: [0.2], vi: [0.1] })
    })
    expect(rows[0]?.est).toBeCloseTo(0.2, 15)
    expect(rows[1]?.id).toBe('b')
    expect(rows[1]?.est).toBeNaN()
  })

  it('a crash in a refit is not hidden as a NaN row', () => {
    expect(() =>
      leaveOneOutBy(['a', 'b'], () => {
        throw new TypeError('x is undefined')
      }),
    ).toThrow(TypeError)
  })
})

afterAll(() => {
  console.log(`largest disagreement with metafor (leave1out + cumul):\n${log.table()}`)
})
