import { describe, expect, it } from 'vitest'
import { Matrix, cholesky, choleskySolve, inverse, inverseSpd, logDetFromCholesky } from '@/core/linalg/matrix'

const a = Matrix.fromRows([
  [4, 2, 0.4],
  [2, 5, 1],
  [0.4, 1, 3],
])

describe('linalg', () => {
  it('inverts an SPD matrix two ways that agree and give the identity', () => {
    const i1 = inverseSpd(a)!
    const i2 = inverse(a)!
    const id = a.multiply(i1)
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        expect(id.get(i, j)).toBeCloseTo(i === j ? 1 : 0, 12)
        expect(i1.get(i, j)).toBeCloseTo(i2.get(i, j), 12)
      }
  })
  it('solves with the Cholesky factor and gives log det', () => {
    const l = cholesky(a)!
    const x = choleskySolve(l, [1, 2, 3])
    const back = a.multiplyVector(x)
    back.forEach((v, i) => expect(v).toBeCloseTo(i + 1, 12))
    // det by cofactor expansion
    const det = 4 * (5 * 3 - 1) - 2 * (2 * 3 - 0.4) + 0.4 * (2 - 5 * 0.4)
    expect(logDetFromCholesky(l)).toBeCloseTo(Math.log(det), 12)
  })
  it('reports a non-SPD or singular matrix as null', () => {
    expect(
      cholesky(
        Matrix.fromRows([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toBeNull()
    expect(
      inverse(
        Matrix.fromRows([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBeNull()
  })
})
