import { describe, expect, it } from 'vitest'
import { recallCurve, relevantRecordsFound, screenedToReach, workSavedOverSampling } from '@/core/screening/metrics'
import { agrees, tolerance } from '../../../reference/tolerances'
import { reference } from './screening-reference'

describe('WSS and RRF (Cohen 2006; ASReview)', () => {
  it('doc examples: 100 records, 10 relevant, the last at 20 -> WSS@100 = 80, WSS@95 = 75', () => {
    const relevantAt = [0, 2, 4, 6, 8, 11, 13, 15, 17, 19]
    const labels: number[] = Array.from({ length: 100 }, (_, i) => (relevantAt.includes(i) ? 1 : 0))
    expect(labels.reduce((s, y) => s + y, 0)).toBe(10)
    expect(screenedToReach(labels, 1)).toBe(20)
    expect(workSavedOverSampling(labels, 1)).toBeCloseTo(80, 12)
    expect(workSavedOverSampling(labels, 0.95)).toBeCloseTo(75, 12)
    // The first 10 records hold 5 relevant: RRF@10 = 50 %.
    expect(relevantRecordsFound(labels, 0.1)).toBe(50)
  })
  it('95 % of 40 relevant is 38 records, not 39 (0.95 · 40 in binary floating point)', () => {
    const labels = [...new Array(38).fill(1), ...new Array(62).fill(0), 1, 1]
    expect(screenedToReach(labels, 0.95)).toBe(38)
  })
  it('agrees with the R definitions on constructed orders (screening.json)', () => {
    for (const m of reference.metrics) {
      expect(agrees(workSavedOverSampling(m.labels, 0.95), m.wss95, tolerance.univariate)).toBe(true)
      expect(agrees(workSavedOverSampling(m.labels, 1), m.wss100, tolerance.univariate)).toBe(true)
      expect(agrees(relevantRecordsFound(m.labels, 0.1), m.rrf10, tolerance.univariate)).toBe(true)
      expect(agrees(relevantRecordsFound(m.labels, 0.05), m.rrf5, tolerance.univariate)).toBe(true)
    }
  })
  it('rejects an order without relevant records or with labels other than 0/1', () => {
    expect(() => workSavedOverSampling([0, 0, 0], 0.95)).toThrow(/no relevant record/)
    expect(() => relevantRecordsFound([1, 2, 0], 0.1)).toThrow(/position 2/)
  })
})

describe('recall curve', () => {
  it('has the origin, every percent, every relevant record and the end', () => {
    const labels = new Array(200).fill(0)
    labels[0] = 1
    labels[2] = 1
    labels[150] = 1
    const curve = recallCurve(labels)
    expect(curve[0]).toEqual([0, 0])
    expect(curve).toContainEqual([1, 1])
    expect(curve).toContainEqual([3, 2])
    expect(curve).toContainEqual([151, 3])
    expect(curve).toContainEqual([100, 2])
    expect(curve.at(-1)).toEqual([200, 3])
    // 100 percent marks (every 2 records) plus the relevant at 1, 3 and 151 (odd), plus the origin.
    expect(curve).toHaveLength(1 + 100 + 3)
    for (let k = 1; k < curve.length; k++) expect(curve[k]![0]).toBeGreaterThan(curve[k - 1]![0])
  })
})
