import { describe, expect, it } from 'vitest'
import { applyContinuityCorrection } from '@/core/dta/continuity-correction'
import { toLogitData } from '@/core/dta/logit-accuracy'

// A: zero fn (sensitivity 1), B: zero fp (specificity 1), C: no zero cell.
const studies = [
  { id: 'A', tp: 12, fp: 3, fn: 0, tn: 40 },
  { id: 'B', tp: 25, fp: 0, fn: 4, tn: 60 },
  { id: 'C', tp: 8, fp: 5, fn: 2, tn: 33 },
]
const cells = (s: { tp: number; fp: number; fn: number; tn: number }): number[] => [s.tp, s.fp, s.fn, s.tn]

describe('continuity correction scopes', () => {
  it('none leaves the counts alone, and the logit data leave out studies with a zero cell', () => {
    const out = applyContinuityCorrection(studies, { value: 0.5, scope: 'none' })
    expect(out.map(cells)).toEqual(studies.map(cells))
    expect(out.every((s) => !s.corrected)).toBe(true)
    const { data, excluded } = toLogitData(out)
    expect(data.ids).toEqual(['C'])
    expect(excluded.map((e) => e.id)).toEqual(['A', 'B'])
  })

  it('proportion corrects only the proportion that is 0 or 1 (metafor escalc "PLO")', () => {
    const out = applyContinuityCorrection(studies, { value: 0.5, scope: 'proportion' })
    expect(out.map(cells)).toEqual([
      [12.5, 3, 0.5, 40],
      [25, 0.5, 4, 60.5],
      [8, 5, 2, 33],
    ])
    expect(out.map((s) => s.corrected)).toEqual([true, true, false])
  })

  it('study corrects all four cells of the studies with a zero cell (mada "single")', () => {
    const out = applyContinuityCorrection(studies, { value: 0.25, scope: 'study' })
    expect(out.map(cells)).toEqual([
      [12.25, 3.25, 0.25, 40.25],
      [25.25, 0.25, 4.25, 60.25],
      [8, 5, 2, 33],
    ])
  })

  it('all corrects every cell of every study once any study has a zero cell (mada "all"), and nothing otherwise', () => {
    const out = applyContinuityCorrection(studies, { value: 0.5, scope: 'all' })
    expect(out.map(cells)).toEqual(studies.map((s) => cells(s).map((v) => v + 0.5)))
    const clean = applyContinuityCorrection([studies[2]!], { value: 0.5, scope: 'all' })
    expect(cells(clean[0]!)).toEqual([8, 5, 2, 33])
    expect(clean[0]!.corrected).toBe(false)
  })

  it('gives the logits and variances of Reitsma et al. (2005)', () => {
    const { data } = toLogitData(applyContinuityCorrection(studies, { value: 0.5, scope: 'none' }))
    expect(data.ySens[0]).toBeCloseTo(Math.log(8 / 2), 14)
    expect(data.vSens[0]).toBeCloseTo(1 / 8 + 1 / 2, 14)
    expect(data.ySpec[0]).toBeCloseTo(Math.log(33 / 5), 14)
    expect(data.vSpec[0]).toBeCloseTo(1 / 33 + 1 / 5, 14)
  })

  it('rejects a negative or non-finite value', () => {
    expect(() => applyContinuityCorrection(studies, { value: -1, scope: 'all' })).toThrow(RangeError)
    expect(() => applyContinuityCorrection(studies, { value: Number.NaN, scope: 'all' })).toThrow(RangeError)
  })
})
