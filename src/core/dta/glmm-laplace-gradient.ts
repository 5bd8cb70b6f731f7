import { conditionalMode, type ConditionalMode, type GlmmData, type ModeDiagnostics } from './glmm-marginal-likelihood'

/**
 * The Laplace log-likelihood of the bivariate binomial GLMM (glmmLogLik with one node) and its
 * exact gradient with respect to θ = (μ_A, μ_B, a, b, c), so the fit needs no finite differences for
 * the gradient. Per study, ℓ(θ) = h(û(θ); θ) − ½ log det M(û(θ); θ) with M = I + L'DL; since ∂h/∂u = 0 at
 * the mode, dℓ/dθ = ∂h/∂θ − ½ tr(M⁻¹ (∂M/∂θ + Σ_k ∂M/∂u_k · dû_k/dθ)), dû/dθ = M⁻¹ ∂²h/∂u∂θ
 * (implicit differentiation of ∂h/∂u(û(θ), θ) = 0; cf. Bates et al., lme4 vignette, section 5).
 * D depends on η through d = np(1 − p), whose derivative is e = np(1 − p)(1 − 2p).
 *
 * Example: glmmLaplaceWithGradient(data, [2.5, 1.3, 1.6, -0.5, 0.36], modes).gradient
 */
export function glmmLaplaceWithGradient(data: GlmmData, theta: readonly number[], modes: Float64Array, diagnostics?: ModeDiagnostics): { value: number; gradient: number[] } {
  const [muA, muB, a, b, c] = theta as [number, number, number, number, number]
  let value = data.logBinomialConstants
  const gradient = [0, 0, 0, 0, 0]
  const dh = new Float64Array(5)
  const d11 = new Float64Array(5)
  const d12 = new Float64Array(5)
  const d22 = new Float64Array(5)
  const h1 = new Float64Array(5)
  const h2 = new Float64Array(5)
  const m: ConditionalMode = { u1: 0, u2: 0, h: 0, m11: 1, m12: 0, m22: 1, pA: 0, pB: 0, converged: true }
  for (let i = 0; i < data.k; i++) {
    const xA = data.xSens[i] as number
    const nA = data.nSens[i] as number
    const xB = data.xSpec[i] as number
    const nB = data.nSpec[i] as number
    conditionalMode(xA, nA, xB, nB, muA, muB, a, b, c, modes[2 * i] as number, modes[2 * i + 1] as number, m)
    if (!m.converged && diagnostics) diagnostics.unconverged++
    modes[2 * i] = m.u1
    modes[2 * i + 1] = m.u2
    const { u1, u2, pA, pB } = m
    const det = m.m11 * m.m22 - m.m12 * m.m12
    value += m.h - 0.5 * Math.log(det)
    // M⁻¹ entries
    const i11 = m.m22 / det
    const i12 = -m.m12 / det
    const i22 = m.m11 / det
    const rA = xA - nA * pA
    const rB = xB - nB * pB
    const dA = nA * pA * (1 - pA)
    const dB = nB * pB * (1 - pB)
    const eA = dA * (1 - 2 * pA)
    const eB = dB * (1 - 2 * pB)
    // tr(M⁻¹ ∂M/∂u_k) at fixed θ
    const du1 = i11 * (a * a * a * eA + b * b * b * eB) + 2 * i12 * b * b * c * eB + i22 * c * c * b * eB
    const du2 = i11 * b * b * c * eB + 2 * i12 * b * c * c * eB + i22 * c * c * c * eB
    // per parameter j: ∂h/∂θ_j, ∂M/∂θ_j at fixed u as (d11, d12, d22), and the column ∂²h/∂u∂θ_j as (h1, h2)
    dh[0] = rA
    d11[0] = a * a * eA
    d12[0] = 0
    d22[0] = 0
    h1[0] = -a * dA
    h2[0] = 0
    dh[1] = rB
    d11[1] = b * b * eB
    d12[1] = b * c * eB
    d22[1] = c * c * eB
    h1[1] = -b * dB
    h2[1] = -c * dB
    dh[2] = rA * u1
    d11[2] = 2 * a * dA + a * a * eA * u1
    d12[2] = 0
    d22[2] = 0
    h1[2] = rA - a * dA * u1
    h2[2] = 0
    dh[3] = rB * u1
    d11[3] = 2 * b * dB + b * b * eB * u1
    d12[3] = c * dB + b * c * eB * u1
    d22[3] = c * c * eB * u1
    h1[3] = rB - b * dB * u1
    h2[3] = -c * dB * u1
    dh[4] = rB * u2
    d11[4] = b * b * eB * u2
    d12[4] = b * dB + b * c * eB * u2
    d22[4] = 2 * c * dB + c * c * eB * u2
    h1[4] = -b * dB * u2
    h2[4] = rB - c * dB * u2
    for (let j = 0; j < 5; j++) {
      const mode1 = i11 * h1[j]! + i12 * h2[j]!
      const mode2 = i12 * h1[j]! + i22 * h2[j]!
      gradient[j]! += dh[j]! - 0.5 * (i11 * d11[j]! + 2 * i12 * d12[j]! + i22 * d22[j]! + du1 * mode1 + du2 * mode2)
    }
  }
  return { value, gradient }
}
