/**
 * rma() behaviour that the R comparisons do not reach: invalid input, non-convergence reported as
 * data, extreme magnitudes, k = 1, a fixed tau2, the level conventions, and the metaRegression/rma
 * agreement for an intercept-only model.
 */
import { describe, expect, it } from 'vitest'
import { InputError } from '@/core/input-error'
import { rma } from '@/core/univariate/rma'
import { fitMixedEffects } from '@/core/univariate/mixed-effects-model'
import { designWithIntercept, interceptOnlyDesign } from '@/core/univariate/design-matrix'
import { defaultTau2Control } from '@/core/univariate/tau2-problem'
import { fisherScoringTau2 } from '@/core/univariate/tau2-fisher-scoring'

const yi = [-0.889, -1.585, -1.348, -1.442, -0.218, -0.786, -1.621, 0.012, -0.469, -1.371, -0.339, 0.446, -0.017]
const vi = [0.326, 0.195, 0.415, 0.02, 0.051, 0.007, 0.223, 0.004, 0.056, 0.073, 0.012, 0.533, 0.071]

describe('rma', () => {
  it('rejects invalid input with an InputError naming the study', () => {
    expect(() => rma({ yi: [0.1, 0.2], vi: [0.1] })).toThrow(InputError)
    expect(() => rma({ yi: [0.1, 0.2], vi: [0.1, -0.1], ids: ['A', 'B'] })).toThrow('study "B": vi must be a non-negative finite number')
    // a variance of 0 needs tau2 > 0 (here estimated as 0) and an estimator that adds it
    expect(() => rma({ yi: [0.1, 0.2], vi: [0.1, 0], ids: ['A', 'B'] })).toThrow('study "B" has a sampling variance of 0 and tau2 is estimated as 0')
    expect(() => rma({ yi: [0.1, 0.2, 0.5], vi: [0.1, 0, 0], ids: ['A', 'B', 'C'], method: 'FE' })).toThrow(
      'studies "B", "C" have a sampling variance of 0: the common-effect model would give them infinite weight',
    )
    expect(() => rma({ yi: [0.1, Number.NaN], vi: [0.1, 0.1] })).toThrow('study "2": yi must be a finite number')
    expect(() => rma({ yi: [], vi: [] })).toThrow(RangeError)
    expect(() => rma({ yi, vi, method: 'EB' as never })).toThrow(/method must be one of/)
    expect(() => rma({ yi: 'x' as never, vi })).toThrow(InputError)
  })

  it('reports non-convergence as data instead of throwing', () => {
    const fit = rma({ yi, vi, method: 'REML', control: { maxIterations: 1, threshold: 1e-14 } })
    expect(fit.converged).toBe(false)
    expect(fit.warnings.join(' ')).toMatch(/did not converge/)
    expect(Number.isFinite(fit.est)).toBe(true)
  })

  it('pools a single study with tau2 = 0 and the z test', () => {
    const fit = rma({ yi: [0.3], vi: [0.04], method: 'REML', test: 'knha' })
    expect(fit).toMatchObject({ k: 1, est: 0.3, tau2: 0, Q: 0, Qp: 1, I2: 0, H2: 1, test: 'z' })
    expect(fit.se).toBeCloseTo(0.2, 15)
    expect(fit.warnings).toContain('test set to "z" since k = 1')
  })

  it('uses a fixed tau2 when given', () => {
    const fit = rma({ yi, vi, tau2: 0.5 })
    const w = vi.map((v) => 1 / (v + 0.5))
    const expected = w.reduce((s, wi, i) => s + wi * (yi[i] as number), 0) / w.reduce((s, wi) => s + wi, 0)
    expect(fit.tau2).toBe(0.5)
    expect(fit.est).toBeCloseTo(expected, 14)
  })

  it('gives the FE estimate as the inverse-variance weighted mean with weights in percent', () => {
    const fit = rma({ yi, vi, method: 'FE' })
    const w = vi.map((v) => 1 / v)
    const sum = w.reduce((s, x) => s + x, 0)
    expect(fit.est).toBeCloseTo(w.reduce((s, wi, i) => s + wi * (yi[i] as number), 0) / sum, 14)
    expect(fit.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(100, 12)
    expect(fit.pi_lb).toBe(fit.ci_lb)
  })

  it('fits outcomes of extreme magnitude instead of looping forever (REML on yi ~ 1e150)', () => {
    for (const method of ['REML', 'ML', 'DL', 'PM', 'SJ', 'HE'] as const) {
      const fit = rma({ yi: [1e150, -1e150, 3e149], vi: [1, 2, 3], method })
      expect(fit.converged).toBe(true)
      expect(Number.isFinite(fit.est) && Number.isFinite(fit.tau2) && fit.tau2 > 1e299).toBe(true)
      expect(fit.I2).toBeCloseTo(100, 10)
    }
    const tiny = rma({ yi: [1e-160, -2e-160, 3e-160, 5e-161], vi: [1e-300, 2e-300, 3e-300, 1e-300], method: 'REML' })
    expect(tiny.converged).toBe(true)
    expect(Number.isFinite(tiny.est) && Number.isFinite(tiny.se)).toBe(true)
  })

  it('Fisher scoring stops with converged = false when a step is not finite, never hangs or reports success', () => {
    // Unscaled, the weights 1/(vi + tau2) ~ 1e-300 square to 0: tr(PP) = 0 and the step is not finite.
    const y = Float64Array.from([1e150, -1e150, 3e149])
    const problem = { y, vi: Float64Array.from([1, 2, 3]), x: interceptOnlyDesign(3), control: defaultTau2Control() }
    const estimate = fisherScoringTau2(problem, 'REML', 1e300)
    expect(estimate.converged).toBe(false)
    expect(estimate.warnings.join(' ')).toMatch(/step is not finite/)
  })

  it('lands on tau2 = 0 after 60 halvings where R would halve ~1075 times', () => {
    const problem = { y: Float64Array.from([0.01, -0.01, 0]), vi: Float64Array.from([1, 1, 1]), x: interceptOnlyDesign(3), control: defaultTau2Control() }
    const estimate = fisherScoringTau2(problem, 'REML', 0)
    expect(estimate).toMatchObject({ tau2: 0, converged: true })
  })

  it('accepts the level as a fraction or a percentage, and rejects 1, 100 and values outside', () => {
    const percent = rma({ yi, vi, level: 90 })
    const fraction = rma({ yi, vi, level: 0.9 })
    expect(fraction.ci_lb).toBe(percent.ci_lb)
    expect(percent.level).toBe(0.9)
    expect(rma({ yi, vi }).crit).toBeCloseTo(1.959964, 6)
    for (const level of [1, 100, 0, -5, 150, Number.NaN]) expect(() => rma({ yi, vi, level })).toThrow(/level must be a fraction in \(0, 1\)/)
  })

  it('warns when the Knapp–Hartung multiplier is 0 (every yi equal): zero-width intervals', () => {
    const fit = rma({ yi: [0.3, 0.3, 0.3], vi: [0.1, 0.2, 0.3], method: 'DL', test: 'knha' })
    expect(fit.se).toBe(0)
    expect(fit.warnings.join(' ')).toMatch(/Knapp–Hartung multiplier is 0/)
  })

  it('the engine with an all-zero moderator column is rejected as rank deficient', () => {
    expect(() => fitMixedEffects({ yi, vi, x: designWithIntercept(yi.length, [{ name: 'zero', values: yi.map(() => 0) }]) })).toThrow(/not of full rank/)
  })

  it('needs k >= p + 1 to estimate tau2 in a meta-regression', () => {
    expect(() => fitMixedEffects({ yi: [0.1, 0.2], vi: [0.1, 0.1], x: designWithIntercept(2, [{ name: 'x', values: [0, 1] }]) })).toThrow(/too few/)
  })
})
