/**
 * The numerical building blocks of the DTA models on their own: the damped Newton ascent that the
 * bivariate normal model and the GLMM share, and the conditional-mode search reporting
 * non-convergence as data.
 */
import { describe, expect, it } from 'vitest'
import { conditionalMode } from '@/core/dta/glmm-marginal-likelihood'
import { maximizeNumerically, newtonAscent } from '@/core/dta/numerical-newton'
import { InputError } from '@/core/input-error'

describe('newtonAscent', () => {
  const quadratic = {
    at: (x: number[]) => ({ x }),
    value: (p: { x: number[] }) => -((p.x[0]! - 1) ** 2) - 2 * (p.x[1]! + 3) ** 2,
    slope: (x: number[]) => ({
      gradient: [-2 * (x[0]! - 1), -4 * (x[1]! + 3)],
      hessian: [
        [-2, 0],
        [0, -4],
      ],
    }),
  }

  it('finds the maximum of a concave quadratic in one step and stops on the Newton decrement', () => {
    const r = newtonAscent(quadratic, [10, 10], { maxIterations: 20, decrementTolerance: 1e-14, gradientTolerance: 1e-8, invalidStart: 'bad start' })
    expect(r.x[0]).toBeCloseTo(1, 12)
    expect(r.x[1]).toBeCloseTo(-3, 12)
    expect(r).toMatchObject({ converged: true, iterations: 1, warnings: [] })
  })

  it('stops on a small step too, and reports running out of iterations as data', () => {
    const onStep = newtonAscent(quadratic, [10, 10], { maxIterations: 20, stepTolerance: { gain: 1e-12, move: 1e-9 }, gradientTolerance: 1e-8, invalidStart: 'bad start' })
    expect(onStep.converged).toBe(true)
    const slow = {
      at: (x: number[]) => (Number.isFinite(x[0]!) ? { x } : null),
      value: (p: { x: number[] }) => -(Math.abs(p.x[0]!) ** 1.5),
      // a Hessian 100 times too steep: every step covers 1/100 of the way
      slope: (x: number[]) => ({ gradient: [-1.5 * Math.sign(x[0]!) * Math.abs(x[0]!) ** 0.5], hessian: [[-150 * Math.abs(x[0]!) ** -0.5]] }),
    }
    const r = newtonAscent(slow, [4], { maxIterations: 5, decrementTolerance: 1e-20, gradientTolerance: 1e-12, invalidStart: 'bad start' })
    expect(r.converged).toBe(false)
    expect(r.iterations).toBe(5)
    expect(r.warnings).toEqual(['no convergence after 5 iterations'])
  })

  it('throws an InputError when the start is outside the domain', () => {
    expect(() => newtonAscent({ ...quadratic, at: () => null }, [0, 0], { maxIterations: 5, gradientTolerance: 1e-8, invalidStart: 'the starting values are not valid' })).toThrow(
      new InputError('the starting values are not valid'),
    )
    expect(() => maximizeNumerically(() => Number.NaN, [0])).toThrow(InputError)
  })
})

describe('conditionalMode', () => {
  it('reports convergence, and non-convergence as data', () => {
    expect(conditionalMode(5, 10, 8, 10, 0.5, 1, 1, 0.2, 0.5, 0, 0).converged).toBe(true)
    expect(conditionalMode(5, 10, 8, 10, Number.NaN, 1, 1, 0.2, 0.5, 0, 0).converged).toBe(false)
  })
})
