/**
 * Kendall's tau-b in O(n log n) against the O(n²) definition, and its exact null distribution
 * against full enumeration; the p-values of R's cor.test are checked through ranktest in
 * publication-bias.test.ts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { kendallCdf, kendallTau } from '@/core/bias/kendall-tau'

function bruteForceTauB(x: number[], y: number[]): number {
  let s = 0
  let tx = 0
  let ty = 0
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++) {
      const a = Math.sign((x[i] as number) - (x[j] as number))
      const b = Math.sign((y[i] as number) - (y[j] as number))
      s += a * b
      tx += a * a
      ty += b * b
    }
  return s / Math.sqrt(tx * ty)
}

function permutations(n: number): number[][] {
  if (n === 1) return [[0]]
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]))
}

describe('kendallTau', () => {
  it('equals the O(n²) tau-b, with and without ties', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 3, maxLength: 40 }), (pairs) => {
        const x = pairs.map((p) => p[0])
        const y = pairs.map((p) => p[1])
        const expected = bruteForceTauB(x, y)
        const actual = kendallTau(x, y).tau
        if (Number.isNaN(expected)) return Number.isNaN(actual)
        return Math.abs(actual - expected) < 1e-12
      }),
    )
  })
  it('uses the exact distribution without ties and the normal one with ties', () => {
    // 5 of 6 pairs concordant; P(T >= 5) = (3 + 1)/4! over the 24 permutations, two-sided 1/3
    const exact = kendallTau([1, 2, 3, 4], [1, 3, 2, 4])
    expect(exact.method).toBe('exact')
    expect(exact.tau).toBeCloseTo(2 / 3, 15)
    expect(exact.p).toBeCloseTo(1 / 3, 15)
    expect(kendallTau([1, 2, 2, 4], [1, 3, 2, 4]).method).toBe('normal')
  })
})

describe('kendallCdf', () => {
  it('matches the enumeration of all permutations of 6', () => {
    const n = 6
    const counts = new Array<number>(16).fill(0)
    for (const p of permutations(n)) {
      let concordant = 0
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if ((p[i] as number) < (p[j] as number)) concordant++
      counts[concordant]!++
    }
    let cumulative = 0
    counts.forEach((c, q) => {
      cumulative += c
      expect(kendallCdf(q, n)).toBeCloseTo(cumulative / 720, 14)
    })
  })
})
