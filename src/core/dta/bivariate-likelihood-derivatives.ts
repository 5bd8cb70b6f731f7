import type { BivariateLogitData } from './logit-accuracy'
import type { BivariateDesign } from './bivariate-likelihood'
import { Matrix } from '../linalg/matrix'

const pairs: [number, number][] = [
  [0, 0],
  [0, 1],
  [0, 2],
  [1, 1],
  [1, 2],
  [2, 2],
]

/**
 * Gradient and Hessian of the bivariate (RE)ML profile log-likelihood with respect to (s11, s12, s22),
 * the sums of bivariateLikelihood's doc comment, in one O(k p²) pass over the 2x2 blocks: w holds each
 * study's W_i = (Σ + S_i)⁻¹ as (w11, w12, w22), u the vectors W_i(y_i − X_iβ̂), vcov A = (X'WX)⁻¹.
 */
export function bivariateDerivatives(
  data: BivariateLogitData,
  design: BivariateDesign,
  w: Float64Array,
  u: Float64Array,
  vcov: Matrix,
  reml: boolean,
): { gradient: [number, number, number]; hessian: number[][] } {
  const k = data.ySens.length
  const { p, x } = design
  const trQD = [0, 0, 0]
  const uDu = [0, 0, 0]
  const trQDQD = [0, 0, 0, 0, 0, 0]
  const uDPDu = [0, 0, 0, 0, 0, 0]
  const b = [new Matrix(p, p), new Matrix(p, p), new Matrix(p, p)] // X'W D_j W X
  const h = [new Array<number>(p).fill(0), new Array<number>(p).fill(0), new Array<number>(p).fill(0)] // X'W D_j u
  const xw1 = new Array<number>(p).fill(0)
  const xw2 = new Array<number>(p).fill(0)
  for (let i = 0; i < k; i++) {
    const w11 = w[3 * i] as number
    const w12 = w[3 * i + 1] as number
    const w22 = w[3 * i + 2] as number
    const u1 = u[2 * i] as number
    const u2 = u[2 * i + 1] as number
    const o = 2 * i * p
    // columns of W as seen through X: X'w_.1 and X'w_.2
    for (let a = 0; a < p; a++) {
      const xa1 = x[o + a] as number
      const xa2 = x[o + p + a] as number
      xw1[a] = xa1 * w11 + xa2 * w12
      xw2[a] = xa1 * w12 + xa2 * w22
    }
    trQD[0]! += w11
    trQD[1]! += 2 * w12
    trQD[2]! += w22
    uDu[0]! += u1 * u1
    uDu[1]! += 2 * u1 * u2
    uDu[2]! += u2 * u2
    // tr(W D_j W D_l) and (D_j u)' W (D_l u) for the pairs (1,1), (1,2), (1,3), (2,2), (2,3), (3,3),
    // with D_1 u = (u1, 0), D_2 u = (u2, u1), D_3 u = (0, u2)
    trQDQD[0]! += w11 * w11
    trQDQD[1]! += 2 * w11 * w12
    trQDQD[2]! += w12 * w12
    trQDQD[3]! += 2 * (w12 * w12 + w11 * w22)
    trQDQD[4]! += 2 * w12 * w22
    trQDQD[5]! += w22 * w22
    uDPDu[0]! += u1 * u1 * w11
    uDPDu[1]! += u1 * (w11 * u2 + w12 * u1)
    uDPDu[2]! += u1 * u2 * w12
    uDPDu[3]! += u2 * (w11 * u2 + w12 * u1) + u1 * (w12 * u2 + w22 * u1)
    uDPDu[4]! += u2 * u2 * w12 + u1 * u2 * w22
    uDPDu[5]! += u2 * u2 * w22
    const h0 = h[0]!
    const h1 = h[1]!
    const h2 = h[2]!
    for (let a = 0; a < p; a++) {
      h0[a]! += xw1[a]! * u1
      h1[a]! += xw1[a]! * u2 + xw2[a]! * u1
      h2[a]! += xw2[a]! * u2
    }
    if (reml) {
      for (let a = 0; a < p; a++)
        for (let c = 0; c < p; c++) {
          const idx = a * p + c
          b[0]!.data[idx]! += xw1[a]! * xw1[c]!
          b[1]!.data[idx]! += xw1[a]! * xw2[c]! + xw2[a]! * xw1[c]!
          b[2]!.data[idx]! += xw2[a]! * xw2[c]!
        }
    }
  }
  if (reml) {
    // tr(P D_j) = tr(W D_j) − tr(A B_j); tr(P D_j P D_l) = tr(W D_j W D_l) − 2 tr(A C_jl) + tr(A B_j A B_l)
    const ab = b.map((bj) => vcov.multiply(bj))
    for (let j = 0; j < 3; j++) trQD[j]! -= trace(ab[j]!)
    const trAC = remlCrossTraces(data, design, w, vcov)
    pairs.forEach(([j, l], m) => {
      trQDQD[m]! += -2 * trAC[m]! + traceOfProduct(ab[j]!, ab[l]!)
    })
  }
  const gradient: [number, number, number] = [0, 0, 0]
  for (let j = 0; j < 3; j++) gradient[j] = -0.5 * trQD[j]! + 0.5 * uDu[j]!
  const hessian = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ]
  pairs.forEach(([j, l], m) => {
    const hAh = quadraticForm(vcov, h[j]!, h[l]!)
    const value = 0.5 * trQDQD[m]! - (uDPDu[m]! - hAh)
    hessian[j]![l] = value
    hessian[l]![j] = value
  })
  return { gradient, hessian }
}

/** tr(A C_jl) = Σ_i tr(G_i W D_j W D_l W) with G_i = X_i A X_i' (2x2), for the six pairs (j, l). */
function remlCrossTraces(data: BivariateLogitData, design: BivariateDesign, w: Float64Array, a: Matrix): number[] {
  const k = data.ySens.length
  const { p, x } = design
  const out = [0, 0, 0, 0, 0, 0]
  for (let i = 0; i < k; i++) {
    const o = 2 * i * p
    let g11 = 0
    let g12 = 0
    let g22 = 0
    for (let r = 0; r < p; r++) {
      const xr1 = x[o + r] as number
      const xr2 = x[o + p + r] as number
      if (xr1 === 0 && xr2 === 0) continue
      for (let c = 0; c < p; c++) {
        const arc = a.data[r * p + c] as number
        const xc1 = x[o + c] as number
        const xc2 = x[o + p + c] as number
        g11 += xr1 * arc * xc1
        g12 += xr1 * arc * xc2
        g22 += xr2 * arc * xc2
      }
    }
    const w11 = w[3 * i] as number
    const w12 = w[3 * i + 1] as number
    const w22 = w[3 * i + 2] as number
    // F = W G W (symmetric); tr(G W D_j W D_l W) = tr(D_j (W D_l W G W)) and W D_l W G W = W D_l F
    const f11 = w11 * (g11 * w11 + g12 * w12) + w12 * (g12 * w11 + g22 * w12)
    const f12 = w11 * (g11 * w12 + g12 * w22) + w12 * (g12 * w12 + g22 * w22)
    const f22 = w12 * (g11 * w12 + g12 * w22) + w22 * (g12 * w12 + g22 * w22)
    // tr(D_j W D_l F) for the six pairs, W and F symmetric
    out[0]! += w11 * f11
    out[1]! += w11 * f12 + w12 * f11
    out[2]! += w12 * f12
    out[3]! += 2 * w12 * f12 + w22 * f11 + w11 * f22
    out[4]! += w22 * f12 + w12 * f22
    out[5]! += w22 * f22
  }
  return out
}

function trace(m: Matrix): number {
  let s = 0
  for (let i = 0; i < m.rows; i++) s += m.get(i, i)
  return s
}

function traceOfProduct(a: Matrix, b: Matrix): number {
  let s = 0
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) s += a.get(i, j) * b.get(j, i)
  return s
}

function quadraticForm(a: Matrix, x: number[], y: number[]): number {
  let s = 0
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) s += (x[i] as number) * a.get(i, j) * (y[j] as number)
  return s
}
