import { describe, expect, it } from 'vitest'
import { fitBivariateGlmm } from '@/core/dta/bivariate-glmm'
import { glmmLogLik, toGlmmData } from '@/core/dta/glmm-marginal-likelihood'
import { gaussHermite } from '@/core/dta/gauss-hermite'
import { analyzeDta } from '@/core/dta/analyze-dta'
import { lgamma } from '@/core/distributions/distributions'
import type { DtaStudy } from '@/core/dta/dta-study'
import { tolerance } from '../../../reference/tolerances'
import { asStudies, expectAgrees, expectAllAgree, readReference, type ReferenceStudy } from './reference-data'

interface Case {
  name: string
  coefficients: number[]
  se: number[]
  vcov: number[][]
  tau2_sens: number
  tau2_spec: number
  covariance: number
  rho: number
  theta: number[]
  logLik: number
  sens: number
  sens_ci: number[]
  spec: number
  spec_ci: number[]
  auc: number
  exact_loglik_at_estimates: number
}
const reference = readReference<{ datasets: Record<string, ReferenceStudy[]>; cases: Case[] }>('dta-glmm.json')
const rel = tolerance.glmm

/**
 * The marginal log-likelihood by brute force, independent of the implementation: per study a 161 x 161
 * trapezoidal grid over ±10 SD around the mode of the integrand (found here by Newton's method).
 */
function bruteForceLogLik(studies: readonly DtaStudy[], mu: readonly number[], chol: readonly number[]): number {
  const [a, b, c] = chol as [number, number, number]
  const expit = (x: number): number => 1 / (1 + Math.exp(-x))
  const logBinom = (x: number, n: number, p: number): number => lgamma(n + 1) - lgamma(x + 1) - lgamma(n - x + 1) + (x > 0 ? x * Math.log(p) : 0) + (n - x > 0 ? (n - x) * Math.log(1 - p) : 0)
  let total = 0
  for (const s of studies) {
    const n1 = s.tp + s.fn
    const n0 = s.tn + s.fp
    const logf = (u1: number, u2: number): number =>
      logBinom(s.tp, n1, expit(mu[0]! + a * u1)) + logBinom(s.tn, n0, expit(mu[1]! + b * u1 + c * u2)) - 0.5 * (u1 * u1 + u2 * u2) - Math.log(2 * Math.PI)
    let u = [0, 0]
    let curvature = [1, 0, 1]
    for (let it = 0; it < 200; it++) {
      const pA = expit(mu[0]! + a * u[0]!)
      const pB = expit(mu[1]! + b * u[0]! + c * u[1]!)
      const g = [a * (s.tp - n1 * pA) + b * (s.tn - n0 * pB) - u[0]!, c * (s.tn - n0 * pB) - u[1]!]
      const dA = n1 * pA * (1 - pA)
      const dB = n0 * pB * (1 - pB)
      curvature = [1 + a * a * dA + b * b * dB, b * c * dB, 1 + c * c * dB]
      const det = curvature[0]! * curvature[2]! - curvature[1]! ** 2
      const step = [(curvature[2]! * g[0]! - curvature[1]! * g[1]!) / det, (curvature[0]! * g[1]! - curvature[1]! * g[0]!) / det]
      u = [u[0]! + 0.5 * step[0]!, u[1]! + 0.5 * step[1]!]
    }
    const sd1 = 1 / Math.sqrt(curvature[0]! - curvature[1]! ** 2 / curvature[2]!)
    const sd2 = 1 / Math.sqrt(curvature[2]! - curvature[1]! ** 2 / curvature[0]!)
    const m = 80
    const h1 = (10 * sd1) / m
    const h2 = (10 * sd2) / m
    const peak = logf(u[0]!, u[1]!)
    let sum = 0
    for (let i = -m; i <= m; i++) for (let j = -m; j <= m; j++) sum += (i === -m || i === m ? 0.5 : 1) * (j === -m || j === m ? 0.5 : 1) * Math.exp(logf(u[0]! + i * h1, u[1]! + j * h2) - peak)
    total += peak + Math.log(sum * h1 * h2)
  }
  return total
}

describe('bivariate binomial GLMM, Laplace, against lme4::glmer (nAGQ = 1)', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const studies = asStudies(reference.datasets[c.name]!)
      const fit = fitBivariateGlmm(studies)
      expect(fit.converged).toBe(true)
      expect(fit.approximation).toBe('laplace')
      expectAgrees(fit.logLik, c.logLik, rel, 'logLik')
      expectAllAgree(fit.coefficients, c.coefficients, rel, 'coefficients')
      expectAgrees(fit.tau2Sens, c.tau2_sens, rel, 'tau2_sens')
      expectAgrees(fit.tau2Spec, c.tau2_spec, rel, 'tau2_spec')
      expectAgrees(fit.covariance, c.covariance, rel, 'covariance')
      expectAgrees(fit.rho, c.rho, rel, 'rho')
      expectAgrees(Math.sqrt(fit.vcov[0]![0]!), c.se[0]!, rel, 'se logit sens')
      expectAgrees(Math.sqrt(fit.vcov[1]![1]!), c.se[1]!, rel, 'se logit spec')
      expectAgrees(fit.vcov[0]![1]!, c.vcov[0]![1]!, rel, 'cov of logits')
      const r = analyzeDta({ type: 'dta', model: 'glmm', studies })
      expectAgrees(r.sens, c.sens, rel, 'sens')
      expectAllAgree(r.sens_ci, c.sens_ci, rel, 'sens_ci')
      expectAgrees(r.spec, c.spec, rel, 'spec')
      expectAllAgree(r.spec_ci, c.spec_ci, rel, 'spec_ci')
      expectAgrees(r.auc, c.auc, rel, 'auc')
    })
  }
})

describe('adaptive Gauss–Hermite quadrature for the GLMM', () => {
  it('has nodes and weights that integrate polynomials exactly against e^(−z²/2)', () => {
    for (const n of [1, 2, 5, 9, 15, 25]) {
      const { nodes, weights } = gaussHermite(n)
      const moment = (p: number): number => nodes.reduce((s, z, i) => s + weights[i]! * z ** p, 0)
      expect(moment(0)).toBeCloseTo(Math.sqrt(2 * Math.PI), 12)
      if (n >= 2) expect(moment(2)).toBeCloseTo(Math.sqrt(2 * Math.PI), 11)
      if (n >= 3) expect(moment(4)).toBeCloseTo(3 * Math.sqrt(2 * Math.PI), 10)
      expect(Math.abs(moment(1))).toBeLessThan(1e-12)
    }
  })

  for (const c of reference.cases) {
    it(`${c.name}: converges to the exact marginal likelihood (R's and a brute-force grid) as nodes grow`, () => {
      const studies = asStudies(reference.datasets[c.name]!)
      const data = toGlmmData(studies)
      const at = (nodes: number): number => glmmLogLik(data, c.coefficients, c.theta, nodes, new Float64Array(2 * data.k))
      const errors = [1, 3, 7, 15].map((n) => Math.abs(at(n) - c.exact_loglik_at_estimates))
      // Laplace is off by the amount glmer's and the exact likelihood differ; quadrature closes the gap.
      expect(errors[0]).toBeGreaterThan(1e-3)
      expect(errors[3]).toBeLessThan(1e-7 * Math.abs(c.exact_loglik_at_estimates))
      expect(errors[2]).toBeLessThan(errors[0]!)
      expectAgrees(at(1), c.logLik, rel, 'one node is the Laplace approximation glmer maximises')
      const brute = bruteForceLogLik(studies, c.coefficients, c.theta)
      expectAgrees(brute, c.exact_loglik_at_estimates, 1e-8, 'brute-force grid against R')
      expectAgrees(at(21), brute, 1e-8, 'AGQ(21) against the brute-force grid')
    })
  }

  it('gives estimates that settle as the number of nodes grows (AuditC)', () => {
    const studies = asStudies(reference.datasets.auditc!)
    const fits = [7, 11, 15].map((nodes) => fitBivariateGlmm(studies, { nodes }))
    for (const f of fits) expect(f.converged).toBe(true)
    const [f7, f11, f15] = fits as [ReturnType<typeof fitBivariateGlmm>, ReturnType<typeof fitBivariateGlmm>, ReturnType<typeof fitBivariateGlmm>]
    expect(Math.abs(f11.logLik - f15.logLik)).toBeLessThan(1e-4)
    expect(Math.abs(f11.logLik - f15.logLik)).toBeLessThan(Math.abs(f7.logLik - f15.logLik))
    expect(Math.abs(f11.coefficients[0] - f15.coefficients[0])).toBeLessThan(1e-4)
    expect(Math.abs(f11.tau2Sens - f15.tau2Sens)).toBeLessThan(1e-3)
    // AGQ maximises a different (more accurate) likelihood than Laplace: the estimates move.
    const laplace = fitBivariateGlmm(studies)
    expect(Math.abs(laplace.logLik - f15.logLik)).toBeGreaterThan(1e-3)
    expect(f15.approximation).toBe('adaptive-gauss-hermite')
  })
})
