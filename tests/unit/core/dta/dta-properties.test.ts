import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { analyzeDta, type DtaAnalysis } from '@/core/dta/analyze-dta'
import { swapSensSpec, type DtaStudy } from '@/core/dta/dta-study'
import { InputError } from '@/core/input-error'

const study = (id: string): fc.Arbitrary<DtaStudy> =>
  fc
    .record({
      n1: fc.integer({ min: 5, max: 150 }),
      n0: fc.integer({ min: 5, max: 300 }),
      sens: fc.double({ min: 0.4, max: 0.98, noNaN: true }),
      spec: fc.double({ min: 0.4, max: 0.98, noNaN: true }),
    })
    .map(({ n1, n0, sens, spec }) => {
      const tp = Math.round(n1 * sens)
      const tn = Math.round(n0 * spec)
      return { id, tp, fn: n1 - tp, tn, fp: n0 - tn }
    })

const dataset = fc.integer({ min: 4, max: 12 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => study(`s${i}`))))

const close = (a: number | null, b: number | null, rel: number): boolean => a !== null && b !== null && Math.abs(a - b) <= rel * Math.max(1, Math.abs(b))

describe('DTA properties (fast-check)', () => {
  it('does not depend on the order of the studies', () => {
    fc.assert(
      fc.property(dataset, fc.integer(), (studies, seed) => {
        const shuffled = [...studies].sort((a, b) => ((a.id.charCodeAt(1) * 31 + seed) % 7) - ((b.id.charCodeAt(1) * 31 + seed) % 7) || a.id.localeCompare(b.id))
        shuffled.reverse()
        const a = analyzeDta({ type: 'dta', model: 'bivariate', studies })
        const b = analyzeDta({ type: 'dta', model: 'bivariate', studies: shuffled })
        expect(close(a.logLik, b.logLik, 1e-9)).toBe(true)
        expect(close(a.logit_sens, b.logit_sens, 1e-5)).toBe(true)
        expect(close(a.logit_spec, b.logit_spec, 1e-5)).toBe(true)
        expect(close(a.deeks!.p, b.deeks!.p, 1e-9)).toBe(true)
      }),
      { numRuns: 40 },
    )
  })

  it('swaps the results when tp<->tn and fp<->fn are swapped', () => {
    const check = (a: DtaAnalysis, b: DtaAnalysis, rel: number): void => {
      expect(close(a.logLik, b.logLik, 1e-9)).toBe(true)
      expect(close(a.logit_sens, b.logit_spec, rel)).toBe(true)
      expect(close(a.logit_spec, b.logit_sens, rel)).toBe(true)
      expect(close(a.tau2_sens, b.tau2_spec, 10 * rel)).toBe(true)
      expect(close(a.lr_pos, 1 / b.lr_neg!, rel)).toBe(true)
      expect(close(a.dor, b.dor, rel)).toBe(true)
      if (a.auc !== null && Math.min(a.tau2_sens!, a.tau2_spec!) > 1e-3) expect(close(a.auc, b.auc, 10 * rel)).toBe(true)
    }
    fc.assert(
      fc.property(dataset, (studies) => {
        const swapped = studies.map(swapSensSpec)
        check(analyzeDta({ type: 'dta', studies }), analyzeDta({ type: 'dta', studies: swapped }), 1e-5)
      }),
      { numRuns: 40 },
    )
    fc.assert(
      fc.property(
        dataset.filter((d) => d.length <= 6),
        (studies) => {
          const swapped = studies.map(swapSensSpec)
          check(analyzeDta({ type: 'dta', model: 'glmm', studies }), analyzeDta({ type: 'dta', model: 'glmm', studies: swapped }), 1e-3)
        },
      ),
      { numRuns: 8 },
    )
  })

  it('fits the GLMM to the same maximum whichever way round the data come (this case once stopped at ρ = −1 when swapped)', () => {
    const studies: DtaStudy[] = [
      { id: 's0', tp: 2, fn: 3, tn: 4, fp: 1 },
      { id: 's1', tp: 43, fn: 46, tn: 11, fp: 0 },
      { id: 's2', tp: 3, fn: 4, tn: 2, fp: 3 },
      { id: 's3', tp: 7, fn: 0, tn: 2, fp: 3 },
      { id: 's4', tp: 6, fn: 1, tn: 5, fp: 0 },
    ]
    const a = analyzeDta({ type: 'dta', model: 'glmm', studies })
    const b = analyzeDta({ type: 'dta', model: 'glmm', studies: studies.map(swapSensSpec) })
    expect(a.logLik).toBeCloseTo(-19.96414, 4)
    expect(b.logLik).toBeCloseTo(a.logLik!, 8)
    expect(b.logit_sens).toBeCloseTo(a.logit_spec!, 6)
    expect(b.rho).toBeCloseTo(a.rho!, 6)
  })

  it('throws nothing but an InputError with a one-line message on malformed input', () => {
    const cell = fc.oneof(fc.integer({ min: -3, max: 60 }), fc.double(), fc.string(), fc.constant(null), fc.constant(undefined), fc.boolean())
    const rawStudy = fc.record(
      { id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), tp: cell, fp: cell, fn: cell, tn: cell, covariate: fc.oneof(fc.string(), fc.double(), fc.constant(undefined)) },
      { requiredKeys: [] },
    )
    const spec = fc.record(
      {
        type: fc.oneof(fc.constant('dta'), fc.string()),
        model: fc.constantFrom('bivariate', 'glmm', 'univariate', 'other', 3),
        method: fc.constantFrom('REML', 'ML', 'DL', 'PM', 'x', null),
        correction: fc.oneof(fc.record({ value: fc.oneof(fc.double(), fc.constant(0.5)), scope: fc.constantFrom('none', 'proportion', 'study', 'all', 'x') }), fc.anything()),
        quadrature: fc.oneof(fc.record({ nodes: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.double()) }), fc.anything()),
        level: fc.oneof(fc.double(), fc.constant(95)),
        studies: fc.oneof(fc.array(rawStudy, { maxLength: 7 }), fc.anything()),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.oneof(spec, fc.anything()), (input) => {
        try {
          analyzeDta(input)
        } catch (e) {
          if (!(e instanceof InputError)) throw e
          expect(e.message).toMatch(/^(study "[^"\n]*": |study \d+: )?[a-zA-Z"'(0-9][^\n]*$/)
        }
      }),
      { numRuns: 300 },
    )
    // Valid-looking tables with zeros, tiny arms and extreme accuracies reach the model fits.
    const count = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 80 }))
    const table = fc.record({ tp: count, fp: count, fn: count, tn: count })
    fc.assert(
      fc.property(
        fc.array(table, { minLength: 3, maxLength: 7 }),
        fc.constantFrom('bivariate', 'glmm', 'univariate'),
        fc.constantFrom('none', 'proportion', 'study', 'all'),
        (tables, model, scope) => {
          const studies = tables.map((t, i) => ({ id: `s${i}`, ...t }))
          try {
            const r = analyzeDta({ type: 'dta', model, correction: { value: 0.5, scope }, studies })
            expect(typeof r.converged).toBe('boolean')
          } catch (e) {
            if (!(e instanceof InputError)) throw e
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
