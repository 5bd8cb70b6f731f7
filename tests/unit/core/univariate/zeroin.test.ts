/**
 * zeroin() reproduces R's uniroot() step for step (same root and iteration count at metafor's
 * loose tolerance eps^0.25), which the Paule–Mandel estimator needs to match metafor to 1e-5.
 * Reference values from tests/reference/univariate-transforms.R.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { zeroin } from '@/core/univariate/zeroin'

const functions: Record<string, (x: number) => number> = {
  'x^2 - 2': (x) => x * x - 2,
  'cos(x) - x': (x) => Math.cos(x) - x,
  'exp(x) - 5': (x) => Math.exp(x) - 5,
  'atan(x - 1/3)': (x) => Math.atan(x - 1 / 3),
}
const reference = JSON.parse(readFileSync('tests/reference/univariate-transforms.json', 'utf8')) as {
  uniroot: { name: string; lower: number; upper: number; root: number; iter: number }[]
}

describe('zeroin agrees with R uniroot', () => {
  for (const r of reference.uniroot) {
    it(r.name, () => {
      const f = functions[r.name] as (x: number) => number
      const result = zeroin(f, r.lower, r.upper, f(r.lower), f(r.upper), Number.EPSILON ** 0.25, 100)
      expect(result.iterations).toBe(r.iter)
      expect(Math.abs(result.root - r.root)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(r.root)))
    })
  }
  it('returns an endpoint that is already a root', () => {
    expect(zeroin((x) => x, 0, 1, 0, 1, 1e-8, 10)).toEqual({ root: 0, iterations: 0, precision: 0 })
  })
})
