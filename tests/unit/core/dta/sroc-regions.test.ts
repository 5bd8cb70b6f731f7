import { describe, expect, it } from 'vitest'
import { hsrocParameters, srocArea, srocCurve, srocSensitivity } from '@/core/dta/hsroc'
import { rocEllipse } from '@/core/dta/roc-regions'
import { integrate } from '@/core/dta/adaptive-quadrature'
import { summaryPoint } from '@/core/dta/summary-point'
import { expit, logit } from '@/core/distributions/logistic'
import { qchisq } from '@/core/distributions/distributions'

// A bivariate fit's ingredients (roughly mada's AuditC REML fit).
const mu: [number, number] = [2.1, 1.26]
const tau2A = 1.38
const tau2B = 0.41
const covAB = -0.64
const vcov = [
  [0.114, -0.046],
  [-0.046, 0.03],
]

describe('adaptive Gauss–Kronrod quadrature', () => {
  it('integrates smooth and endpoint-singular functions to 1e-10', () => {
    expect(integrate((x) => x * x, 0, 1).value).toBeCloseTo(1 / 3, 12)
    expect(integrate(Math.exp, -1, 2).value).toBeCloseTo(Math.exp(2) - Math.exp(-1), 11)
    expect(integrate((x) => Math.sqrt(x), 0, 1).value).toBeCloseTo(2 / 3, 9)
    const arctan = integrate((x) => 1 / (1 + x * x), -40, 40)
    expect(arctan.value).toBeCloseTo(2 * Math.atan(40), 10)
    expect(arctan.converged).toBe(true)
  })

  it('reports running out of subintervals instead of stopping silently', () => {
    // 1/√|x| near 0 needs many bisections to reach 1e-14
    const capped = integrate((x) => 1 / Math.sqrt(Math.abs(x) + 1e-300), -1, 1, 1e-14, 8)
    expect(capped.converged).toBe(false)
    expect(capped.error).toBeGreaterThan(1e-14)
    expect(Number.isFinite(capped.value)).toBe(true)
  })
})

describe('HSROC parameters and the SROC curve', () => {
  const h = hsrocParameters(mu[0], mu[1], tau2A, tau2B, covAB)!

  it('passes through the summary point', () => {
    expect(srocSensitivity(h, 1 - expit(mu[1]))).toBeCloseTo(expit(mu[0]), 12)
  })

  it('has slope σ_A/σ_B on the logit scale (β = ln(σ_B/σ_A))', () => {
    const slope = (logit(srocSensitivity(h, 0.3)) - logit(srocSensitivity(h, 0.1))) / (logit(0.3) - logit(0.1))
    expect(slope).toBeCloseTo(Math.sqrt(tau2A / tau2B), 12)
  })

  it('has an AUC equal to a fine trapezoidal sum over FPR, and partial areas that add up', () => {
    const curve = srocCurve(h, 200001)
    let trapezoid = 0
    for (let i = 1; i < curve.length; i++) trapezoid += ((curve[i]![1] + curve[i - 1]![1]) / 2) * (curve[i]![0] - curve[i - 1]![0])
    expect(srocArea(h).value).toBeCloseTo(trapezoid, 6)
    expect(srocArea(h, 0, 0.2).value + srocArea(h, 0.2, 1).value).toBeCloseTo(srocArea(h).value, 10)
    expect(srocArea(h).converged).toBe(true)
  })

  it('is undefined when a between-study variance is zero', () => {
    expect(hsrocParameters(mu[0], mu[1], 0, tau2B, 0)).toBeNull()
  })
})

describe('confidence and prediction regions', () => {
  it('puts every point on the ellipse (y − μ)ᵀC⁻¹(y − μ) = χ²₂(0.95) on the logit scale', () => {
    const region = rocEllipse(mu, vcov, 0.95, 64)
    expect(region.critical_value).toBeCloseTo(Math.sqrt(qchisq(0.95, 2)), 12)
    expect(region.critical_value).toBeCloseTo(Math.sqrt(-2 * Math.log(0.05)), 12)
    const det = vcov[0]![0]! * vcov[1]![1]! - vcov[0]![1]! ** 2
    for (const [fpr, tpr] of region.points) {
      const a = logit(tpr) - mu[0]
      const b = logit(1 - fpr) - mu[1]
      const distance = (vcov[1]![1]! * a * a - 2 * vcov[0]![1]! * a * b + vcov[0]![0]! * b * b) / det
      expect(distance).toBeCloseTo(qchisq(0.95, 2), 9)
    }
  })

  it('reaches logit sens μ_A ± c·√V_AA at its extremes', () => {
    const region = rocEllipse(mu, vcov, 0.95, 3600)
    const c = region.critical_value
    const tprs = region.points.map((p) => p[1])
    expect(Math.max(...tprs)).toBeCloseTo(expit(mu[0] + c * Math.sqrt(vcov[0]![0]!)), 6)
    expect(Math.min(...tprs)).toBeCloseTo(expit(mu[0] - c * Math.sqrt(vcov[0]![0]!)), 6)
  })
})

describe('summary point and likelihood ratios', () => {
  it('satisfies LR+ = sens/(1 − spec), LR− = (1 − sens)/spec and DOR = LR+/LR−', () => {
    const p = summaryPoint(mu, vcov)
    expect(p.lr_pos).toBeCloseTo(p.sens / (1 - p.spec), 12)
    expect(p.lr_neg).toBeCloseTo((1 - p.sens) / p.spec, 12)
    expect(p.dor).toBeCloseTo(p.lr_pos / p.lr_neg, 10)
    expect(p.dor_ci[0]).toBeLessThan(p.dor)
    expect(p.dor_ci[1]).toBeGreaterThan(p.dor)
  })
})
