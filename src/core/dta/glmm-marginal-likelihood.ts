import type { DtaStudy } from './dta-study'
import { lgamma } from '../distributions/distributions'
import { expit, log1pExp } from '../distributions/logistic'
import { gaussHermite } from './gauss-hermite'

/** Raw counts of the bivariate binomial model: x of n for sensitivity (tp of tp+fn) and specificity (tn of tn+fp). */
export interface GlmmData {
  k: number
  xSens: Float64Array
  nSens: Float64Array
  xSpec: Float64Array
  nSpec: Float64Array
  /** Σ log C(n, x) over both outcomes of all studies: the binomial constants glmer's logLik includes. */
  logBinomialConstants: number
}

export function toGlmmData(studies: readonly DtaStudy[]): GlmmData {
  const k = studies.length
  const data: GlmmData = {
    k,
    xSens: new Float64Array(k),
    nSens: new Float64Array(k),
    xSpec: new Float64Array(k),
    nSpec: new Float64Array(k),
    logBinomialConstants: 0,
  }
  const lchoose = (n: number, x: number): number => lgamma(n + 1) - lgamma(x + 1) - lgamma(n - x + 1)
  studies.forEach((s, i) => {
    data.xSens[i] = s.tp
    data.nSens[i] = s.tp + s.fn
    data.xSpec[i] = s.tn
    data.nSpec[i] = s.tn + s.fp
    data.logBinomialConstants += lchoose(s.tp + s.fn, s.tp) + lchoose(s.tn + s.fp, s.tn)
  })
  return data
}

/** h(u) = x_A η_A − n_A log(1 + e^η_A) + x_B η_B − n_B log(1 + e^η_B) − |u|²/2 (a plain function: no closure per study). */
function logJoint(xA: number, nA: number, xB: number, nB: number, muA: number, muB: number, a: number, b: number, c: number, v1: number, v2: number): number {
  const etaA = muA + a * v1
  const etaB = muB + b * v1 + c * v2
  return xA * etaA - nA * log1pExp(etaA) + xB * etaB - nB * log1pExp(etaB) - 0.5 * (v1 * v1 + v2 * v2)
}

/** One study's conditional mode û of h(u) = log p(y | u) + log φ(u) and the curvature M = I + L'DL there. */
export interface ConditionalMode {
  u1: number
  u2: number
  /** h(û) without the binomial constants and without −log 2π. */
  h: number
  m11: number
  m12: number
  m22: number
  pA: number
  pB: number
  /** False when 100 Newton iterations did not reach the mode (to 1e-8 relative). */
  converged: boolean
}

/** Counts, over one likelihood evaluation, the studies whose conditional mode did not converge. */
export interface ModeDiagnostics {
  unconverged: number
}

const modeIterations = 100

/**
 * Newton's method for the mode of h(u) = x_A η_A − n_A log(1 + e^η_A) + x_B η_B − n_B log(1 + e^η_B) − |u|²/2,
 * η_A = μ_A + a u₁, η_B = μ_B + b u₁ + c u₂ (concave, so the mode is unique), from the warm start
 * (u1, u2). The gradient is L'(x − np) − u and the negative Hessian M = I + L'DL, D = diag(np(1 − p)).
 * After 100 iterations the search stops with `converged` = false unless the last step was below
 * 1e-8 relative (reported as data, as every non-convergence in the core).
 */
export function conditionalMode(
  xA: number,
  nA: number,
  xB: number,
  nB: number,
  muA: number,
  muB: number,
  a: number,
  b: number,
  c: number,
  u1: number,
  u2: number,
  out: ConditionalMode = { u1: 0, u2: 0, h: 0, m11: 1, m12: 0, m22: 1, pA: 0, pB: 0, converged: true },
): ConditionalMode {
  let hu = logJoint(xA, nA, xB, nB, muA, muB, a, b, c, u1, u2)
  let converged = false
  let lastRelativeStep = Number.POSITIVE_INFINITY
  for (let iteration = 0; iteration < modeIterations; iteration++) {
    const pA = expit(muA + a * u1)
    const pB = expit(muB + b * u1 + c * u2)
    const rA = xA - nA * pA
    const rB = xB - nB * pB
    const dA = nA * pA * (1 - pA)
    const dB = nB * pB * (1 - pB)
    const g1 = a * rA + b * rB - u1
    const g2 = c * rB - u2
    const m11 = 1 + a * a * dA + b * b * dB
    const m12 = b * c * dB
    const m22 = 1 + c * c * dB
    const det = m11 * m22 - m12 * m12
    const s1 = (m22 * g1 - m12 * g2) / det
    const s2 = (m11 * g2 - m12 * g1) / det
    const size = Math.abs(s1) + Math.abs(s2)
    const scale = 1 + Math.abs(u1) + Math.abs(u2)
    lastRelativeStep = size / scale
    if (size < 1e-5 * scale) {
      // Near the mode Newton's steps are exact to their square, while h no longer rises above rounding:
      // take them without a line search, since the log-determinant is first-order sensitive to û.
      u1 += s1
      u2 += s2
      if (size < 1e-13 * scale) {
        converged = true
        break
      }
      continue
    }
    let t = 1
    let next = logJoint(xA, nA, xB, nB, muA, muB, a, b, c, u1 + s1, u2 + s2)
    while (next < hu && t > 1e-10) {
      t /= 2
      next = logJoint(xA, nA, xB, nB, muA, muB, a, b, c, u1 + t * s1, u2 + t * s2)
    }
    u1 += t * s1
    u2 += t * s2
    hu = next
  }
  const pA = expit(muA + a * u1)
  const pB = expit(muB + b * u1 + c * u2)
  const dA = nA * pA * (1 - pA)
  const dB = nB * pB * (1 - pB)
  out.u1 = u1
  out.u2 = u2
  out.h = logJoint(xA, nA, xB, nB, muA, muB, a, b, c, u1, u2)
  out.m11 = 1 + a * a * dA + b * b * dB
  out.m12 = b * c * dB
  out.m22 = 1 + c * c * dB
  out.pA = pA
  out.pB = pB
  out.converged = converged || lastRelativeStep < 1e-8
  return out
}

/**
 * Log marginal likelihood of the bivariate binomial GLMM (Chu & Cole, J Clin Epidemiol 2006;59:1331-1332):
 * tp_i ~ Bin(n_sens,i, expit(μ_A + b_A,i)), tn_i ~ Bin(n_spec,i, expit(μ_B + b_B,i)), b_i = L u_i,
 * u_i ~ N(0, I₂), Σ = L L' with L = [[a, 0], [b, c]] (lme4's relative covariance factor Λ).
 *
 * Each study's integral over u_i is approximated around its conditional mode û_i (conditionalMode,
 * warm-started from `modes`, which is updated): with `nodes` = 1 by the Laplace approximation,
 * e^h(û) |I + L'DL|^(−1/2), the value lme4::glmer (nAGQ = 1) maximises; with more nodes by adaptive
 * Gauss–Hermite quadrature on the product grid centred at û and scaled by the Cholesky factor of
 * (I + L'DL)^−1 (Pinheiro & Bates, J Comput Graph Stat 1995;4:12-35). Includes the binomial constants.
 *
 * Example: glmmLogLik(toGlmmData(studies), [1.9, 1.3], [1.1, -0.5, 0.4], 1, new Float64Array(2 * k))
 */
export function glmmLogLik(data: GlmmData, beta: readonly number[], chol: readonly number[], nodes: number, modes: Float64Array, diagnostics?: ModeDiagnostics): number {
  const [muA, muB] = beta as [number, number]
  const [a, b, c] = chol as [number, number, number]
  const rule = gaussHermite(nodes)
  const scratch: ConditionalMode = { u1: 0, u2: 0, h: 0, m11: 1, m12: 0, m22: 1, pA: 0, pB: 0, converged: true }
  let total = data.logBinomialConstants
  for (let i = 0; i < data.k; i++) {
    const xA = data.xSens[i] as number
    const nA = data.nSens[i] as number
    const xB = data.xSpec[i] as number
    const nB = data.nSpec[i] as number
    const { u1, u2, h: hu, m11, m12, m22, converged } = conditionalMode(xA, nA, xB, nB, muA, muB, a, b, c, modes[2 * i] as number, modes[2 * i + 1] as number, scratch)
    if (!converged && diagnostics) diagnostics.unconverged++
    modes[2 * i] = u1
    modes[2 * i + 1] = u2
    const det = m11 * m22 - m12 * m12
    if (nodes === 1) {
      total += hu - 0.5 * Math.log(det)
      continue
    }
    // Scale by the Cholesky factor R of M⁻¹: with M = [[m11, m12], [m12, m22]], M⁻¹ = [[m22, −m12], [−m12, m11]]/det.
    const r11 = Math.sqrt(m22 / det)
    const r21 = -m12 / det / r11
    const r22 = Math.sqrt(m11 / det - r21 * r21)
    let sum = 0
    for (let j = 0; j < rule.nodes.length; j++) {
      const zj = rule.nodes[j] as number
      for (let l = 0; l < rule.nodes.length; l++) {
        const zl = rule.nodes[l] as number
        const v1 = u1 + r11 * zj
        const v2 = u2 + r21 * zj + r22 * zl
        sum += (rule.weights[j] as number) * (rule.weights[l] as number) * Math.exp(logJoint(xA, nA, xB, nB, muA, muB, a, b, c, v1, v2) - hu + 0.5 * (zj * zj + zl * zl))
      }
    }
    // ∫ e^h du = |R| Σ w w e^(h + |z|²/2); the N(0, I) density contributes (2π)^−1.
    total += hu + Math.log(sum) + Math.log(r11 * r22) - Math.log(2 * Math.PI)
  }
  return total
}
