/**
 * Nice linear ticks (1, 2, 5 × 10^k), log ticks for ratios (0.1, 0.2, 0.5, 1, 2, 5, 10) and the
 * value-to-pixel maps, including the inverted axis of funnel plots.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { axisScale, niceLinearTicks, niceLogTicks, shortestDecimal } from '@/core/plots/axis-scale'

describe('niceLinearTicks', () => {
  it('covers the range with a 1, 2 or 5 step and exact decimal ticks', () => {
    expect(niceLinearTicks(-0.37, 1.9)).toEqual({ domain: [-0.5, 2], ticks: [-0.5, 0, 0.5, 1, 1.5, 2] })
    expect(niceLinearTicks(0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceLinearTicks(-2.61, 1.88).ticks).toEqual([-3, -2, -1, 0, 1, 2])
    expect(niceLinearTicks(0, 0.7297, 4).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8])
  })
  it('widens a degenerate range', () => {
    expect(niceLinearTicks(0, 0).domain[0]).toBeLessThan(0)
    expect(niceLinearTicks(2, 2).domain[1]).toBeGreaterThan(2)
  })
  it('always covers [min, max] with 3 to 12 increasing, evenly spaced ticks', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (min, width) => {
        const { domain, ticks } = niceLinearTicks(min, min + width)
        const steps = ticks.slice(1).map((t, i) => t - (ticks[i] as number))
        // The snapping tolerates 1e-9 of a step, so -5e-324 may snap to a first tick at 0.
        const slack = 1e-9 * width
        return (
          domain[0] <= min + slack &&
          domain[1] >= min + width - slack &&
          ticks.length >= 3 &&
          ticks.length <= 12 &&
          steps.every((s) => s > 0 && Math.abs(s - (steps[0] as number)) < 1e-9 * Math.max(1, Math.abs(min)))
        )
      }),
    )
  })
})

describe('niceLogTicks', () => {
  it('labels ratios with the 1-2-5 sequence', () => {
    expect(niceLogTicks(0.0734, 6.5284)).toEqual({ domain: [0.05, 10], ticks: [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10] })
    expect(niceLogTicks(0.2, 5).ticks).toEqual([0.2, 0.5, 1, 2, 5])
  })
  it('uses a finer sequence for narrow ranges and decades for wide ones', () => {
    expect(niceLogTicks(0.66, 1)).toEqual({ domain: [0.5, 1], ticks: [0.5, 0.7, 1] })
    expect(niceLogTicks(0.002, 400).ticks).toEqual([0.01, 0.1, 1, 10, 100])
  })
})

describe('axisScale', () => {
  it('maps linearly, logarithmically and inverted', () => {
    const linear = axisScale({ domain: [0, 10], ticks: [0, 5, 10] }, 100, 300)
    expect(linear.toPixel(2.5)).toBeCloseTo(150, 12)
    const log = axisScale({ domain: [0.1, 10], ticks: [0.1, 1, 10] }, 100, 300, true)
    expect(log.toPixel(1)).toBeCloseTo(200, 12)
    expect(log.toPixel(Math.sqrt(10))).toBeCloseTo(250, 12)
    const inverted = axisScale({ domain: [0, 1], ticks: [0, 1] }, 20, 220)
    expect(inverted.toPixel(0)).toBe(20)
    expect(inverted.toPixel(1)).toBe(220)
  })
  it('prints ticks with the fewest decimals', () => {
    expect([0.05, 0.5, 1, 1.5, 100, -0.25].map(shortestDecimal)).toEqual(['0.05', '0.5', '1', '1.5', '100', '-0.25'])
  })
})
