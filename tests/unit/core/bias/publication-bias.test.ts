/**
 * Egger (metafor's regtest, models "rma" and "lm"), Begg (ranktest), trim-and-fill (L0, R0, both
 * sides, k0 = 0) and the funnel limits against metafor 3.8, cases from tests/reference/univariate-bias.R.
 */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'
import { funnel } from '@/core/bias/funnel'
import { regtest } from '@/core/bias/regtest'
import { trimfill, roundHalfEven } from '@/core/bias/trimfill'
import { compareWithR, DisagreementLog } from '../univariate/compare-with-r'

interface ReferenceCase {
  name: string
  spec: Record<string, unknown> & { method: string }
  expected: Record<string, Record<string, unknown>>
}

const reference = JSON.parse(readFileSync('tests/reference/univariate-bias.json', 'utf8')) as { cases: ReferenceCase[] }
const log = new DisagreementLog()

describe('publication bias agrees with metafor (univariate-bias.json)', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const actual = analyzeUnivariate(c.spec)
      for (const part of ['egger', 'egger_classic', 'begg', 'trimfill', 'funnel'] as const) {
        const comparison = compareWithR(actual[part], c.expected[part])
        log.record(part, comparison)
        expect(comparison.mismatches, part).toEqual([])
      }
    })
  }
})

describe('the core functions', () => {
  const bcg = reference.cases[0] as ReferenceCase
  const analysis = analyzeUnivariate(bcg.spec)
  const { yi, vi, ids } = analysis
  it('regtest needs 3 studies and rejects fewer with a RangeError', () => {
    expect(() => regtest({ yi: yi.slice(0, 2), vi: vi.slice(0, 2) })).toThrow(RangeError)
  })
  it('trimfill with a forced side fills on that side only', () => {
    const left = trimfill({ yi, vi, ids, side: 'left' })
    expect(left.side).toBe('left')
    for (const y of left.filled.yi) expect(y).toBeLessThan(analysis.est)
  })
  it('the funnel limits are straight lines through the estimate at sei = 0', () => {
    const f = funnel({ yi, vi, est: analysis.est })
    expect(f.limits).toHaveLength(2)
    expect(f.limits[0]).toEqual({ sei: 0, lower: analysis.est, upper: analysis.est })
    expect(f.points).toHaveLength(yi.length)
    const widened = funnel({ yi, vi, est: analysis.est, addTau2: true, tau2: analysis.tau2 })
    expect(widened.limits).toHaveLength(101)
    expect(widened.limits[0]?.lower).toBeLessThan(analysis.est)
  })
  it("rounds halves to even, as R's round", () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, 2, 3])
  })
})

afterAll(() => {
  console.log(`largest disagreement with metafor:\n${log.table()}`)
})
