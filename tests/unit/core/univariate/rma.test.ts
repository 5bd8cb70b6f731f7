/**
 * rma() behaviour that the R comparisons do not reach: invalid input, non-convergence reported as
 * data, k = 1, a fixed tau2, and the metaRegression/rma agreement for an intercept-only model.
 */
import { describe, expect, it } from 'vitest'
import { rma } from '@/core/univariate/rma'
import { fitMixedEffects } from '@/core/univariate/mixed-effects-model'
import { designWithIntercept } from '@/core/univariate/design-matrix'

const yi = [-0.889, -1.585, -1.348, -1.442, -0.218, -0.786, -1.621, 0.012, -0.469, -1.371, -0.339, 0.446, -0.017]
const vi = [0.326, 0.195, 0.415, 0.02, 0.051, 0.007, 0.223, 0.004, 0.056, 0.073, 0.012, 0.533, 0.071]

describe('rma', () => {
  it('rejects invalid input with a RangeError naming the study', () => {
    expect(() => rma({ yi: [0.1, 0.2], vi: [0.1] })).toThrow(RangeError)
    expect(() => rma({ yi: [0.1, 0.2], vi: [0.1, 0], ids: ['A', 'B'] })).toThrow('study "B": vi must be a positive finite number')
    expect(() => rma({ yi: [0.1, Number.NaN], vi: [0.1, 0.1] })).toThrow('study "2": yi must be a finite number')
    expect(() => rma({ yi: [], vi: [] })).toThrow(RangeError)
    expect(() => rma({ yi, vi, method: 'EB' as never })).toThrow(/method must be one of/)
    expect(() => rma({ yi: 'x' as never, vi })).toThrow(TypeError)
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

  it('the engine with an all-zero moderator column is rejected as rank deficient', () => {
    expect(() => fitMixedEffects({ yi, vi, x: designWithIntercept(yi.length, [{ name: 'zero', values: yi.map(() => 0) }]) })).toThrow(/not of full rank/)
  })

  it('needs k >= p + 1 to estimate tau2 in a meta-regression', () => {
    expect(() => fitMixedEffects({ yi: [0.1, 0.2], vi: [0.1, 0.1], x: designWithIntercept(2, [{ name: 'x', values: [0, 1] }]) })).toThrow(/too few/)
  })
})
