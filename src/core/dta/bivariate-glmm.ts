import { assertDtaStudies, swapSensSpec, type DtaStudy } from './dta-study'
import { applyContinuityCorrection } from './continuity-correction'
import { toLogitData } from './logit-accuracy'
import { fitBivariateNormal } from './bivariate-normal'
import { glmmLogLik, toGlmmData, type ModeDiagnostics } from './glmm-marginal-likelihood'
import { derivativesFromGradient, maximizeNumerically, type NumericalMaximum } from './numerical-newton'
import { glmmLaplaceWithGradient } from './glmm-laplace-gradient'
import { Matrix, inverse } from '../linalg/matrix'

export interface BivariateGlmmOptions {
  /** Quadrature nodes per dimension: 1 is the Laplace approximation (lme4::glmer, nAGQ = 1). */
  nodes?: number
  maxIterations?: number
}

export interface BivariateGlmmFit {
  approximation: 'laplace' | 'adaptive-gauss-hermite'
  nodes: number
  k: number
  /** (μ_A, μ_B): logit sensitivity and logit specificity of the summary point. */
  coefficients: [number, number]
  vcov: number[][]
  tau2Sens: number
  tau2Spec: number
  covariance: number
  rho: number
  logLik: number
  converged: boolean
  iterations: number
  warnings: string[]
}

/**
 * Bivariate binomial GLMM of Chu & Cole (J Clin Epidemiol 2006;59:1331-1332), the model the Cochrane
 * DTA handbook recommends, on raw counts (no continuity correction). Maximises the Laplace (nodes = 1,
 * matching lme4::glmer(cbind(x, n − x) ~ 0 + sens + spec + (0 + sens + spec | study), binomial,
 * nAGQ = 1) on the long data) or adaptive Gauss–Hermite approximation of the marginal likelihood over
 * (μ_A, μ_B) and the Cholesky factor of Σ by Newton's method (exact gradient for Laplace, numerical
 * derivatives otherwise), started from the bivariate normal fit and checked against the boundary
 * ρ = ±1. The covariance of μ is the (μ, μ) block of the inverse negative Hessian over all five
 * parameters, as lme4's vcov does by default for GLMMs.
 *
 * Example: fitBivariateGlmm(studies, { nodes: 9 }).coefficients
 */
export function fitBivariateGlmm(studies: readonly DtaStudy[], options: BivariateGlmmOptions = {}): BivariateGlmmFit {
  assertDtaStudies(studies, 3)
  const nodes = options.nodes ?? 1
  const maxIterations = options.maxIterations ?? 100
  const data = toGlmmData(studies)
  const warnings: string[] = []
  const modes = new Float64Array(2 * data.k)
  const objective = (x: number[]): number => glmmLogLik(data, [x[0]!, x[1]!], [x[2]!, x[3]!, x[4]!], nodes, modes)
  const laplace = (x: number[]): { value: number; gradient: number[] } => glmmLaplaceWithGradient(data, x, modes)
  const laplaceObjective = (x: number[]): number => glmmLogLik(data, [x[0]!, x[1]!], [x[2]!, x[3]!, x[4]!], 1, modes)
  // The Cholesky parameterisation treats sensitivity and specificity unequally, so a search can stop at
  // a different maximum when the two are swapped (tp<->tn, fp<->fn). Search both ways and keep the
  // higher: the result is then the same whichever way round the data come.
  let best = laplaceMaximum(studies, maxIterations)
  const swapped = unswap(laplaceMaximum(studies.map(swapSensSpec), maxIterations).x)
  modes.fill(0)
  if (laplaceObjective(swapped) > best.value + 1e-9 * Math.abs(best.value)) {
    modes.fill(0)
    const polished = maximizeNumerically(laplaceObjective, swapped, maxIterations, 1e-10, laplace)
    if (polished.value > best.value) best = polished
  }
  modes.fill(0)
  laplaceObjective(best.x)
  if (nodes === 1) best = { ...best, hessian: derivativesFromGradient(laplace, best.x).hessian }
  // Quadrature refines the Laplace maximum, which is close: start there.
  if (nodes > 1) best = maximizeNumerically(objective, best.x, maxIterations)
  warnings.push(...best.warnings)
  const modeCheck: ModeDiagnostics = { unconverged: 0 }
  glmmLogLik(data, [best.x[0]!, best.x[1]!], [best.x[2]!, best.x[3]!, best.x[4]!], nodes, modes, modeCheck)
  if (modeCheck.unconverged > 0) warnings.push(`the conditional modes of ${modeCheck.unconverged} studies did not converge in 100 Newton iterations at the estimates`)
  const [muA, muB, a, b, c] = best.x as [number, number, number, number, number]
  const s11 = a * a
  const s12 = a * b
  const s22 = b * b + c * c
  const rho = s11 > 0 && s22 > 0 ? s12 / Math.sqrt(s11 * s22) : 0
  if (s11 < 1e-6 || s22 < 1e-6) warnings.push('a between-study variance is estimated at (or near) zero')
  else if (Math.abs(rho) > 1 - 1e-6) warnings.push('the between-study correlation is estimated at the boundary (rho = ±1)')
  const information = inverse(Matrix.fromRows(best.hessian.map((row) => row.map((v) => -v))))
  let vcov: number[][]
  const fromFull = information
    ? [
        [information.get(0, 0), information.get(0, 1)],
        [information.get(1, 0), information.get(1, 1)],
      ]
    : null
  if (fromFull && fromFull[0]![0]! > 0 && fromFull[1]![1]! > 0) vcov = fromFull
  else {
    // A boundary fit can leave the full Hessian singular; condition on Σ instead.
    warnings.push('the Hessian is singular at the estimates; standard errors treat Σ as known')
    const hb = inverse(
      Matrix.fromRows([
        [-best.hessian[0]![0]!, -best.hessian[0]![1]!],
        [-best.hessian[1]![0]!, -best.hessian[1]![1]!],
      ]),
    )
    vcov = hb
      ? hb.toRows()
      : [
          [NaN, NaN],
          [NaN, NaN],
        ]
  }
  return {
    approximation: nodes === 1 ? 'laplace' : 'adaptive-gauss-hermite',
    nodes,
    k: data.k,
    coefficients: [muA, muB],
    vcov,
    tau2Sens: s11,
    tau2Spec: s22,
    covariance: s12,
    rho,
    logLik: best.value,
    converged: best.converged && modeCheck.unconverged === 0,
    iterations: best.iterations,
    warnings,
  }
}

/**
 * The Laplace maximum for the studies as given. With few studies the likelihood can have a second
 * maximum, often on the boundary ρ = ±1 (where glmer from its default start can stop short): besides
 * the main start, fit the boundary (c = 0) with the sign of the first fit's ρ, and when the first fit
 * is on the boundary, from ρ = 0.
 */
function laplaceMaximum(studies: readonly DtaStudy[], maxIterations: number): NumericalMaximum {
  const data = toGlmmData(studies)
  const modes = new Float64Array(2 * data.k)
  const laplace = (x: number[]): { value: number; gradient: number[] } => glmmLaplaceWithGradient(data, x, modes)
  const laplaceObjective = (x: number[]): number => glmmLogLik(data, [x[0]!, x[1]!], [x[2]!, x[3]!, x[4]!], 1, modes)
  const fitFrom = (start: number[], boundary: boolean): NumericalMaximum => {
    modes.fill(0)
    if (!boundary) return maximizeNumerically(laplaceObjective, start, maxIterations, 1e-10, laplace)
    const on = (x: number[]): number[] => [x[0]!, x[1]!, x[2]!, x[3]!, 0]
    const fit = maximizeNumerically(
      (x) => laplaceObjective(on(x)),
      start.slice(0, 4),
      maxIterations,
      1e-10,
      (x) => {
        const r = laplace(on(x))
        return { value: r.value, gradient: r.gradient.slice(0, 4) }
      },
    )
    return { ...fit, x: on(fit.x) }
  }
  const [start, interior] = startingValues(studies) as [number[], number[]]
  const first = fitFrom(start, false)
  const [, , a1, b1, c1] = first.x as [number, number, number, number, number]
  const sB = Math.sqrt(b1 * b1 + c1 * c1)
  const runs = [first, fitFrom([first.x[0]!, first.x[1]!, Math.abs(a1) || 0.1, (a1 * b1 >= 0 ? 1 : -1) * (sB || 0.1), 0], true)]
  if (Math.abs(c1) < 1e-3 * (sB || 1)) runs.push(fitFrom(interior, false))
  return runs.reduce((m, f) => (f.value > m.value + 1e-9 * Math.abs(m.value) ? f : m))
}

/** (μ, Cholesky of Σ) fitted to swapped studies, as parameters of the studies the right way round. */
function unswap(x: number[]): number[] {
  const [muA, muB, a, b, c] = x as [number, number, number, number, number]
  const s11 = b * b + c * c
  const s12 = a * b
  const s22 = a * a
  const a0 = Math.sqrt(s11)
  const b0 = a0 > 0 ? s12 / a0 : 0
  return [muB, muA, a0, b0, Math.sqrt(Math.max(0, s22 - b0 * b0))]
}

/**
 * Starts from the bivariate normal (REML) fit on logits corrected by 0.5 where needed, as
 * (μ, Cholesky of Σ): with its correlation (kept inside ±0.95), and with none (ρ = 0).
 */
function startingValues(studies: readonly DtaStudy[]): number[][] {
  const { data } = toLogitData(applyContinuityCorrection(studies, { value: 0.5, scope: 'study' }))
  const normal = fitBivariateNormal(data, { method: 'REML' })
  const s11 = Math.max(normal.tau2Sens, 0.05)
  const s22 = Math.max(normal.tau2Spec, 0.05)
  return [Math.max(-0.95, Math.min(0.95, normal.rho)), 0].map((r) => {
    const a = Math.sqrt(s11)
    const b = r * Math.sqrt(s22)
    return [normal.coefficients[0]!, normal.coefficients[1]!, a, b, Math.sqrt(s22 - b * b)]
  })
}
