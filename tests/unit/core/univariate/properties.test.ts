/**
 * Properties of the univariate models that must hold for any data (fast-check):
 * study order never matters; FE equals RE when tau2 = 0; shifting every yi by c shifts the
 * estimate and its intervals by c and leaves tau2, Q and I2 unchanged; and malformed input never
 * throws anything but a RangeError or TypeError with a one-line message.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeUnivariate } from '@/core/univariate/analyze'
import { rma, type RmaMethod } from '@/core/univariate/rma'

const methods: RmaMethod[] = ['FE', 'DL', 'HE', 'SJ', 'ML', 'REML', 'PM']

const studies = fc.array(
  fc.record({
    yi: fc.double({ min: -3, max: 3, noNaN: true }),
    vi: fc.double({ min: 0.001, max: 2, noNaN: true }),
  }),
  { minLength: 2, maxLength: 25 },
)

const close = (a: number, b: number, rel = 1e-7): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b))

describe('rma properties', () => {
  it('study order never matters', () => {
    fc.assert(
      fc.property(studies, fc.constantFrom(...methods), fc.constantFrom('z' as const, 'knha' as const), fc.integer(), (data, method, test, seed) => {
        const order = data.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b).reverse()
        const a = rma({ yi: data.map((d) => d.yi), vi: data.map((d) => d.vi), method, test })
        const b = rma({ yi: order.map((i) => data[i]!.yi), vi: order.map((i) => data[i]!.vi), method, test })
        return close(a.est, b.est) && close(a.se, b.se) && close(a.tau2, b.tau2) && close(a.Q, b.Q) && close(a.pi_ub, b.pi_ub)
      }),
      { numRuns: 200 },
    )
  })

  it('the random-effects model equals the common-effect model when tau2 = 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 2, noNaN: true }), { minLength: 2, maxLength: 25 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.constantFrom(...methods.filter((m) => m !== 'FE')),
        (vi, c, method) => {
          const yi = vi.map(() => c) // homogeneous: Q = 0, every estimator gives tau2 = 0
          const re = rma({ yi, vi, method })
          const fe = rma({ yi, vi, method: 'FE' })
          return re.tau2 === 0 && close(re.est, fe.est, 1e-12) && close(re.se, fe.se, 1e-12) && close(re.ci_lb, fe.ci_lb, 1e-12)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('whenever DL finds tau2 = 0, its estimate is the common-effect estimate', () => {
    fc.assert(
      fc.property(studies, (data) => {
        const yi = data.map((d) => d.yi)
        const vi = data.map((d) => d.vi)
        const dl = rma({ yi, vi, method: 'DL' })
        fc.pre(dl.tau2 === 0)
        const fe = rma({ yi, vi, method: 'FE' })
        return dl.est === fe.est && dl.se === fe.se
      }),
      { numRuns: 300 },
    )
  })

  it('is equivariant under shifting every yi by c: est + c, tau2 and Q unchanged', () => {
    fc.assert(
      fc.property(studies, fc.double({ min: -50, max: 50, noNaN: true }), fc.constantFrom(...methods), (data, c, method) => {
        const yi = data.map((d) => d.yi)
        const vi = data.map((d) => d.vi)
        const a = rma({ yi, vi, method })
        const b = rma({ yi: yi.map((y) => y + c), vi, method })
        return close(b.est, a.est + c, 1e-8) && close(b.tau2, a.tau2, 1e-6) && close(b.Q, a.Q, 1e-6) && close(b.I2, a.I2, 1e-6) && close(b.ci_ub - b.est, a.ci_ub - a.est, 1e-6)
      }),
      { numRuns: 200 },
    )
  })
})

describe('analyzeUnivariate on malformed input', () => {
  const valid = {
    type: 'univariate',
    measure: 'RR',
    method: 'REML',
    studies: [
      { id: 'A', ai: 4, bi: 119, ci: 11, di: 128 },
      { id: 'B', ai: 6, bi: 300, ci: 29, di: 274 },
      { id: 'C', ai: 3, bi: 228, ci: 11, di: 209 },
    ],
  }
  const failsCleanly = (spec: unknown): boolean => {
    try {
      analyzeUnivariate(spec)
      return true
    } catch (error) {
      return (error instanceof RangeError || error instanceof TypeError) && error.message.length > 0 && !error.message.includes('\n')
    }
  }

  it('never throws anything but RangeError/TypeError for arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), failsCleanly), { numRuns: 500 })
  })

  it('never throws anything else when a field of a valid spec is replaced by arbitrary JSON', () => {
    const keys = ['type', 'measure', 'method', 'test', 'level', 'bias', 'correction', 'studies', 'cumulative', 'leave1out', 'levels']
    const studyKeys = ['id', 'ai', 'bi', 'ci', 'di', 'n1i', 'group', 'mods', 'yi', 'vi']
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.constantFrom(...studyKeys), fc.integer({ min: 0, max: 2 }), fc.jsonValue(), fc.boolean(), (key, studyKey, index, value, inStudy) => {
        const spec = structuredClone(valid) as Record<string, unknown> & { studies: Record<string, unknown>[] }
        if (inStudy) (spec.studies[index] as Record<string, unknown>)[studyKey] = value
        else spec[key] = value
        return failsCleanly({ ...spec, bias: inStudy ? true : spec.bias })
      }),
      { numRuns: 500 },
    )
  })

  it('names the study and the field, as the CLI shows it', () => {
    const spec = structuredClone(valid)
    spec.studies[0] = { id: 'Aronson 1948', ai: -4, bi: 119, ci: 11, di: 128 }
    expect(() => analyzeUnivariate(spec)).toThrow(new RangeError('study "Aronson 1948": ai must be a non-negative number'))
    expect(() => analyzeUnivariate({ ...valid, studies: [{ id: 'X', ai: '4', bi: 1, ci: 1, di: 1 }] })).toThrow('study "X": ai must be a finite number')
    expect(() => analyzeUnivariate({ ...valid, method: 'MH', measure: 'MD' })).toThrow(RangeError)
    expect(() => analyzeUnivariate([])).toThrow(TypeError)
  })
})
