/**
 * Properties of the univariate models that must hold for any data (fast-check):
 * study order never matters; FE equals RE when tau2 = 0; shifting every yi by c shifts the
 * estimate and its intervals by c and leaves tau2, Q and I2 unchanged; scaling yi by c and vi by c²
 * scales the results, also at extreme magnitudes (1e±135); and malformed input never throws
 * anything but an InputError with a one-line message (a crash, e.g. a TypeError, fails the test).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InputError } from '@/core/input-error'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'
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
        const order = data
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b)
          .reverse()
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

describe('scale equivariance at extreme magnitudes', () => {
  // c = 2^(64j): the core rescales by an exact power of two, so the fit of (c·yi, c²·vi) is the fit
  // of (yi, vi) times c bit for bit; j up to ±7 takes the variances to 1e±270.
  it('scaling yi by c = 2^(64j) and vi by c² scales est, se, CI by c and tau2 by c², and keeps Q, I2, z, p', () => {
    fc.assert(
      fc.property(studies, fc.constantFrom(...methods), fc.constantFrom('z' as const, 'knha' as const), fc.integer({ min: -7, max: 7 }), (data, method, test, j) => {
        const c = 2 ** (64 * j)
        // six decimals: no subnormal yi, whose scaled copies would lose bits
        const yi = data.map((d) => Math.round(d.yi * 1e6) / 1e6)
        const vi = data.map((d) => d.vi)
        const a = rma({ yi, vi, method, test })
        const b = rma({ yi: yi.map((y) => y * c), vi: vi.map((v) => v * c * c), method, test })
        const same = (x: number, y: number): boolean => x === y || (Number.isNaN(x) && Number.isNaN(y))
        expect([b.est, b.se, b.ci_ub, b.pi_lb, b.tau2].every((v, i) => same(v, [a.est * c, a.se * c, a.ci_ub * c, a.pi_lb * c, a.tau2 * c * c][i] as number))).toBe(true)
        expect([b.Q, b.I2, b.H2, b.zval, b.pval].every((v, i) => same(v, [a.Q, a.I2, a.H2, a.zval, a.pval][i] as number))).toBe(true)
        expect(b.converged).toBe(a.converged)
        expect(b.logLik).toBeCloseTo(a.logLik - (data.length - (method === 'REML' ? 1 : 0)) * Math.log(c), 6)
      }),
      { numRuns: 150 },
    )
  })

  // ML, REML and PM stop at metafor's absolute thresholds (1e-5 on tau2, uniroot's 1.2e-4), which
  // are not scale-free: for them the equivariance is exact for the factors above and otherwise holds
  // only to those thresholds. The non-iterative estimators hold it for any factor.
  it('any extreme factor (1e±150, not a power of two) gives the scaled results for FE, DL, HE and SJ', () => {
    fc.assert(
      fc.property(studies, fc.constantFrom('FE' as const, 'DL' as const, 'HE' as const, 'SJ' as const), fc.constantFrom(1e-150, 3e-101, 7e99, 1e150), (data, method, c) => {
        const yi = data.map((d) => d.yi)
        const vi = data.map((d) => d.vi)
        const a = rma({ yi, vi, method })
        const b = rma({ yi: yi.map((y) => y * c), vi: vi.map((v) => v * c * c), method })
        const rel = 1e-9
        return close(b.est / c, a.est, rel) && close(b.se / c, a.se, rel) && close(b.tau2 / (c * c), a.tau2, rel) && close(b.I2, a.I2, rel) && close(b.Q, a.Q, rel)
      }),
      { numRuns: 150 },
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
  // One line, naming the study (by id, or by position when it has no usable id) when there is one.
  const messageShape = /^(study "[^"\n]*": |study \d+: )?[a-zA-Z"'(0-9][^\n]*$/
  const failsCleanly = (spec: unknown): boolean => {
    try {
      analyzeUnivariate(spec)
      return true
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      return messageShape.test(error.message)
    }
  }

  it('never throws anything but an InputError with a one-line message for arbitrary JSON', () => {
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
    expect(() => analyzeUnivariate(spec)).toThrow(new InputError('study "Aronson 1948": ai must be a non-negative number'))
    expect(() => analyzeUnivariate({ ...valid, studies: [{ id: 'X', ai: '4', bi: 1, ci: 1, di: 1 }] })).toThrow('study "X": ai must be a finite number')
    expect(() => analyzeUnivariate({ ...valid, method: 'MH', measure: 'MD' })).toThrow(InputError)
    expect(() => analyzeUnivariate([])).toThrow(InputError)
  })
})
