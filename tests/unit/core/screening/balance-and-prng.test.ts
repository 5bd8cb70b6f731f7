import { describe, expect, it } from 'vitest'
import { balancedWeights } from '@/core/screening/balanced-weights'
import { doubleBalanceWeights } from '@/core/screening/double-balance'
import { mulberry32, randomInteger, sampleWithoutReplacement } from '@/core/screening/prng'

describe('mulberry32', () => {
  it('gives the published first output for seed 1 and repeats itself for the same seed', () => {
    expect(mulberry32(1)()).toBe(0.6270739405881613)
    const a = mulberry32(42)
    const b = mulberry32(42)
    const first = Array.from({ length: 1000 }, () => a())
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first)
    const c = mulberry32(43)
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(first)
  })
  it('is uniform on [0, 1): chi-squared over 10 bins within the 99.9 % quantile (27.9)', () => {
    const random = mulberry32(7)
    const bins = new Array(10).fill(0)
    const n = 100_000
    let outside = 0
    for (let i = 0; i < n; i++) {
      const u = random()
      if (!(u >= 0 && u < 1)) outside++
      else bins[Math.floor(u * 10)]++
    }
    expect(outside).toBe(0)
    const chi2 = bins.reduce((s, o) => s + (o - n / 10) ** 2 / (n / 10), 0)
    expect(chi2).toBeLessThan(27.88)
  })
  it('samples integers and subsets within range, without repeats', () => {
    const random = mulberry32(3)
    for (let i = 0; i < 1000; i++) {
      const k = randomInteger(random, 7)
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true)
    }
    const subset = Array.from(sampleWithoutReplacement(random, 50, 20))
    expect(new Set(subset).size).toBe(20)
    expect(subset.every((k) => k >= 0 && k < 50)).toBe(true)
    expect(() => sampleWithoutReplacement(random, 3, 4)).toThrow(RangeError)
    expect(() => mulberry32(1.5)).toThrow(RangeError)
  })
})

describe("ASReview's double balance", () => {
  it('doc example: 1 relevant, 3 irrelevant -> m1 clamped to n - 2 = 2 copies, 2 of the 3 zeros', () => {
    const weights = doubleBalanceWeights([1, 0, 0, 0], mulberry32(3))
    expect(weights[0]).toBe(2)
    expect(weights[1]! + weights[2]! + weights[3]!).toBe(2)
    expect([weights[1], weights[2], weights[3]].every((w) => w === 0 || w === 1)).toBe(true)
  })
  it('keeps the training size n and follows the formulas for m1 in expectation', () => {
    // n1 = 10, n0 = 990: w1 = 2.155 (10/990)^-0.94, w0 = 1 - 0.211 (1 + ln 1000)^-1, m1 = w1 n1 n / (w1 n1 + w0 n0).
    const labels = Array.from({ length: 1000 }, (_, i) => (i < 10 ? 1 : 0))
    const w1 = 2.155 * (10 / 990) ** -0.94
    const w0 = 1 - 0.211 / (1 + Math.log(1000))
    const m1 = (w1 * 10 * 1000) / (w1 * 10 + w0 * 990)
    const expected = doubleBalanceWeights(labels, undefined)
    expect(expected[0]).toBeCloseTo(m1 / 10, 12)
    expect(expected[500]).toBeCloseTo((1000 - m1) / 990, 12)
    const random = mulberry32(11)
    let ones = 0
    for (let r = 0; r < 200; r++) {
      const w = doubleBalanceWeights(labels, random)
      expect(w.reduce((s, x) => s + x, 0)).toBe(1000)
      const copies = w.slice(0, 10)
      // Whole copies for every relevant record, at most one extra each.
      expect(Math.max(...copies) - Math.min(...copies)).toBeLessThanOrEqual(1)
      expect(w.slice(10).every((x) => x === 0 || x === 1)).toBe(true)
      ones += copies.reduce((s, x) => s + x, 0)
    }
    expect(ones / 200).toBeCloseTo(m1, 0)
  })
  it('falls back to plain weights when a class is missing', () => {
    expect(Array.from(doubleBalanceWeights([0, 0, 0], mulberry32(1)))).toEqual([1, 1, 1])
  })
})

describe("ASReview 2's balanced weights", () => {
  it('doc example: [1, 0, 0, 0], ratio 1 -> [2, 2/3, 2/3, 2/3]', () => {
    const w = balancedWeights([1, 0, 0, 0], 1)
    expect(w[0]).toBeCloseTo(2, 14)
    expect(w[1]).toBeCloseTo(2 / 3, 14)
  })
  it('relevant records together weigh ratio times the irrelevant ones, weights sum to n', () => {
    const labels = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    const w = balancedWeights(labels, 9.8)
    const one = w[0]! + w[1]!
    const zero = w.slice(2).reduce((s, x) => s + x, 0)
    expect(one / zero).toBeCloseTo(9.8, 12)
    expect(one + zero).toBeCloseTo(10, 12)
  })
})
