/**
 * The engine behind rma() and metaRegression(): metafor's rma.uni for a given model matrix X.
 * Model: yi = x_i'β + u_i + e_i, u_i ~ N(0, tau2), e_i ~ N(0, vi); FE sets tau2 = 0.
 * β = (X'WX)⁻¹X'Wy with wi = 1/(vi + tau2), Var(β) = (X'WX)⁻¹, times
 * s2w = Σwi(yi − x_i'β)²/(k − p) for test = "knha" (Knapp & Hartung 2003, t with k − p df).
 * Heterogeneity: QE = Σ(1/vi)(yi − x_i'β_FE)² ~ χ²(k − p); I2 = 100·tau2/(vt + tau2),
 * H2 = tau2/vt + 1 with vt = (k − p)/tr(P_FE) (for FE: I2 = 100(QE − df)/QE, H2 = QE/df).
 * A study with vi = 0 is pooled where the model is defined, as in metafor: the estimators that add
 * tau2 to every variance (HE, SJ, ML, REML) fit it as long as tau2 > 0, and QE, I2 and H2 are then
 * undefined (NaN, with a warning); FE, DL and PM, which weight by 1/vi, refuse with a message
 * naming the study.
 * Everything is O(k·p²); no k-by-k matrix is formed. Data whose variances are far from 1 are
 * fitted as (yi/s, vi/s²) and the results scaled back (rescaling.ts), so 1e-200 or 1e150 work.
 * Reference: Viechtbauer 2010 (J Stat Softw 36(3)), metafor 3.8 rma.uni, print.rma.uni, fitstats.
 *
 * Example: fitMixedEffects({ yi, vi, x: interceptOnlyDesign(k), method: 'REML' }).beta[0]
 * gives −0.7145 for dat.bcg's log risk ratios.
 */
import { pchisqUpper, pfUpper, pnormTwoSided, ptTwoSided, qnorm, qt } from '../distributions/distributions'
import { InputError } from '../input-error'
import { parseLevel } from '../spec-fields'
import { modelFitStatistics, type FitStatistics } from './fit-statistics'
import { residualHeterogeneity } from './heterogeneity'
import { Matrix, cholesky, inverseSpd, logDetFromCholesky } from '../linalg/matrix'
import type { DesignMatrix } from './design-matrix'
import { weightedCrossproduct, weightedLeastSquares } from './weighted-least-squares'
import { defaultTau2Control, tau2Methods, type Tau2Control, type Tau2Method } from './tau2-problem'
import { estimateTau2 } from './tau2-estimation'
import { varianceScale } from './rescaling'

export type { FitStatistics } from './fit-statistics'
export type RmaMethod = 'FE' | Tau2Method
export type RmaTest = 'z' | 'knha'
export const rmaMethods = ['FE', ...tau2Methods] as const satisfies readonly RmaMethod[]

export interface MixedEffectsInput {
  yi: ArrayLike<number>
  vi: ArrayLike<number>
  x: DesignMatrix
  /** Default "REML", as metafor. */
  method?: RmaMethod
  /** Default "z". */
  test?: RmaTest
  /** Confidence level, 0.95 or 95 (default 0.95, see parseLevel). */
  level?: number
  /** Study labels, used only to name a study in error messages. */
  ids?: readonly string[]
  /** A fixed tau2 instead of an estimate (metafor: tau2 = value). */
  tau2?: number
  control?: Partial<Tau2Control>
}

export interface MixedEffectsFit {
  method: RmaMethod
  test: RmaTest
  /** Confidence level as a fraction (0.95). */
  level: number
  k: number
  p: number
  coefficientNames: readonly string[]
  beta: number[]
  vb: number[][]
  se: number[]
  zval: number[]
  pval: number[]
  ci_lb: number[]
  ci_ub: number[]
  /** Degrees of freedom of the t tests (knha), null for z. */
  df: number | null
  /** Critical value of the CIs (qnorm or qt). */
  crit: number
  tau2: number
  se_tau2: number | null
  I2: number
  H2: number
  /** "Typical" within-study variance s² = (k − p)/tr(P_FE). */
  vt: number
  QE: number
  QEdf: number
  QEp: number
  /** Omnibus test of the moderators (of the intercept for intercept-only models). */
  QM: number
  QMdf: [number, number | null]
  QMp: number
  /** Knapp–Hartung variance multiplier (1 for z). */
  s2w: number
  /** Model weights 1/(vi + tau2). */
  wi: Float64Array
  parms: number
  fitStats: { ML: FitStatistics; REML: FitStatistics }
  converged: boolean
  iterations: number
  warnings: string[]
}

const label = (ids: readonly string[] | undefined, i: number): string => `study "${ids?.[i] ?? String(i + 1)}"`

/** Throws an InputError naming the study when yi or vi is unusable (vi = 0 is usable). */
export function validateOutcomes(yi: ArrayLike<number>, vi: ArrayLike<number>, ids?: readonly string[]): void {
  if (typeof yi?.length !== 'number' || typeof vi?.length !== 'number') throw new InputError('yi and vi must be arrays of numbers')
  if (yi.length !== vi.length) throw new InputError(`yi has ${yi.length} values but vi has ${vi.length}`)
  for (let i = 0; i < yi.length; i++) {
    const y = yi[i]
    const v = vi[i]
    if (typeof y !== 'number' || !Number.isFinite(y)) throw new InputError(`${label(ids, i)}: yi must be a finite number`)
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v >= 0)) throw new InputError(`${label(ids, i)}: vi must be a non-negative finite number`)
  }
}

/** The studies named in a message, at most five (e.g. `studies "A", "B"`). */
function nameStudies(ids: readonly string[] | undefined, indices: readonly number[]): string {
  const names = indices.slice(0, 5).map((i) => `"${ids?.[i] ?? String(i + 1)}"`)
  const more = indices.length > 5 ? ` and ${indices.length - 5} more` : ''
  return `${indices.length === 1 ? 'study' : 'studies'} ${names.join(', ')}${more}`
}

/** Refuses the models that weight by 1/vi when a study has vi = 0 (metafor refuses them too). */
function checkZeroVariances(zero: readonly number[], ids: readonly string[] | undefined, method: RmaMethod, fixedTau2: number | undefined): void {
  if (zero.length === 0) return
  const who = `${nameStudies(ids, zero)} ${zero.length === 1 ? 'has' : 'have'} a sampling variance of 0`
  const alternatives = 'use REML, ML, HE or SJ (they add tau2 to every variance), or check the data'
  if (method === 'FE' || fixedTau2 === 0) throw new InputError(`${who}: the common-effect model would give ${zero.length === 1 ? 'it' : 'them'} infinite weight; ${alternatives}`)
  if (method === 'DL' || method === 'PM') throw new InputError(`${who}: the ${method} estimator needs positive sampling variances; ${alternatives}`)
}

const fullRankMessage = 'the model matrix is not of full rank (a moderator is constant or redundant)'

export function fitMixedEffects(input: MixedEffectsInput): MixedEffectsFit {
  const method = input.method ?? 'REML'
  let test = input.test ?? 'z'
  const level = parseLevel(input.level)
  const { x } = input
  const { k, p } = x
  if (!rmaMethods.includes(method)) throw new InputError(`method must be one of ${rmaMethods.join(', ')}`)
  if (test !== 'z' && test !== 'knha') throw new InputError('test must be "z" or "knha"')
  if (input.yi.length !== k) throw new InputError(`yi has ${input.yi.length} values but the model matrix has ${k} rows`)
  validateOutcomes(input.yi, input.vi, input.ids)
  if (k < 1) throw new InputError('there are no studies to pool')
  const fixedTau2 = input.tau2
  if (fixedTau2 !== undefined && !(fixedTau2 >= 0 && Number.isFinite(fixedTau2))) throw new InputError('a fixed tau2 must be a non-negative number')
  const isFE = method === 'FE'
  const zeroVariance: number[] = []
  for (let i = 0; i < k; i++) if (input.vi[i] === 0) zeroVariance.push(i)
  checkZeroVariances(zeroVariance, input.ids, method, fixedTau2)
  const warnings: string[] = []
  if (k === 1 && test !== 'z') {
    warnings.push('test set to "z" since k = 1')
    test = 'z'
  }
  if (!(p === 1 && k === 1)) {
    const needed = isFE || fixedTau2 !== undefined ? p : p + 1
    if (needed > k) throw new InputError(`${k} studies are too few to estimate ${p} coefficient(s)${isFE || fixedTau2 !== undefined ? '' : ' and tau2'}`)
  }
  const xtxCholesky = cholesky(weightedCrossproduct(x, null))
  if (!xtxCholesky) throw new InputError(fullRankMessage)

  // Work on (yi/s, vi/s²); s = 1 unless the variances are extreme (rescaling.ts).
  let inputViMax = 0
  for (let i = 0; i < k; i++) inputViMax = Math.max(inputViMax, input.vi[i] as number)
  const s2 = varianceScale(Math.log2(inputViMax))
  const s = Math.sqrt(s2)
  const yi = Float64Array.from(input.yi)
  const vi = Float64Array.from(input.vi)
  if (s2 !== 1) {
    for (let i = 0; i < k; i++) {
      yi[i] = (yi[i] as number) / s
      vi[i] = (vi[i] as number) / s2
    }
  }
  let mean = 0
  let viMin = Infinity
  let viMax = 0
  for (let i = 0; i < k; i++) {
    mean += yi[i] as number
    viMin = Math.min(viMin, vi[i] as number)
    viMax = Math.max(viMax, vi[i] as number)
  }
  mean /= k
  if (!Number.isFinite(mean)) {
    mean = 0
    for (let i = 0; i < k; i++) mean += (yi[i] as number) / k
  }
  if (viMin > 0 && viMax / viMin >= 1e7) warnings.push('the ratio of the largest to the smallest sampling variance is extremely large; results may be unstable')
  const centred = new Float64Array(k)
  let maxAbsY = 0
  for (let i = 0; i < k; i++) {
    centred[i] = (yi[i] as number) - mean
    maxAbsY = Math.max(maxAbsY, Math.abs(centred[i] as number))
  }

  let tau2 = 0
  let se_tau2: number | null = null
  let converged = true
  let iterations = 0
  if (!isFE) {
    if (fixedTau2 !== undefined) tau2 = fixedTau2 / s2
    else if (k > 1) {
      // metafor checks the likelihood at tau2 = 0 only when every vi is positive (it is -Inf otherwise)
      const control = defaultTau2Control({ ...input.control, ...(zeroVariance.length > 0 ? { ll0check: false } : {}) })
      const scaledControl =
        s2 === 1 ? control : { ...control, tau2Init: control.tau2Init === undefined ? undefined : control.tau2Init / s2, tau2Max: control.tau2Max === undefined ? undefined : control.tau2Max / s2 }
      const estimate = estimateTau2(method, { y: centred, vi, x, control: scaledControl }, { maxVariance: viMax, maxAbsY })
      tau2 = estimate.tau2
      se_tau2 = estimate.se_tau2 * s2
      converged = estimate.converged
      iterations = estimate.iterations
      warnings.push(...estimate.warnings)
    }
  }

  if (zeroVariance.length > 0) {
    if (!(tau2 > 0))
      throw new InputError(
        `${nameStudies(input.ids, zeroVariance)} ${zeroVariance.length === 1 ? 'has' : 'have'} a sampling variance of 0 and tau2 is estimated as 0, so the model would give ${zeroVariance.length === 1 ? 'it' : 'them'} infinite weight; check the data`,
      )
    warnings.push(`Q, I² and H² are undefined: ${nameStudies(input.ids, zeroVariance)} ${zeroVariance.length === 1 ? 'has' : 'have'} a sampling variance of 0`)
  }
  const wi = new Float64Array(k)
  let sumLogV = 0
  for (let i = 0; i < k; i++) {
    wi[i] = 1 / ((vi[i] as number) + tau2)
    sumLogV += Math.log((vi[i] as number) + tau2)
  }
  const fit = weightedLeastSquares(x, yi, wi)
  if (!fit) throw new InputError(fullRankMessage)
  let s2w = 1
  if (test === 'knha') {
    if (isFE) warnings.push('the Knapp–Hartung method is not meant for the common-effect (FE) model')
    s2w = fit.rss <= Number.EPSILON ? 0 : fit.rss / (k - p)
    if (s2w === 0 && k > p) warnings.push('the Knapp–Hartung multiplier is 0 (the model fits every yi exactly), so the standard errors are 0 and the intervals have zero width')
  }
  const vb = fit.xtwxInverse.scale(s2w * s2)
  const df = test === 'knha' ? k - p : null
  const alpha = 1 - level
  const crit = df === null ? qnorm(1 - alpha / 2) : df > 0 ? qt(1 - alpha / 2, df) : Number.NaN
  const beta = fit.beta.map((b) => b * s)
  const se = vb.diag().map((v) => Math.sqrt(v))
  const zval = beta.map((b, j) => b / (se[j] as number))
  const pval = zval.map((z) => (df === null ? pnormTwoSided(z) : df > 0 ? ptTwoSided(z, df) : Number.NaN))

  const btt = p > 1 ? Array.from({ length: p - 1 }, (_, j) => j + 1) : [0]
  const m = btt.length
  const vbSub = inverseSpd(Matrix.fromRows(btt.map((a) => btt.map((b) => vb.get(a, b)))))
  let QM = Number.NaN
  if (vbSub) {
    QM = 0
    btt.forEach((a, ia) => btt.forEach((b, ib) => (QM += (beta[a] as number) * vbSub.get(ia, ib) * (beta[b] as number))))
  }
  let QMp: number
  let QMdf: [number, number | null]
  if (df !== null) {
    QM /= m
    QMdf = [m, df]
    QMp = df > 0 ? pfUpper(QM, m, df) : Number.NaN
  } else {
    QMdf = [m, null]
    QMp = pchisqUpper(QM, m)
  }

  const heterogeneity = residualHeterogeneity(x, centred, vi, tau2, isFE)

  const parms = p + (isFE || fixedTau2 !== undefined ? 0 : 1)
  const fitStats = modelFitStatistics({
    x,
    vi,
    tau2,
    xtxLogDet: logDetFromCholesky(xtxCholesky),
    rss: fit.rss,
    xtwxLogDet: fit.xtwxLogDet,
    sumLogV,
    parms,
    logVarianceScale: Math.log(s2),
  })
  if (s2 !== 1) for (let i = 0; i < k; i++) wi[i] = (wi[i] as number) / s2

  return {
    method,
    test,
    level,
    k,
    p,
    coefficientNames: x.columnNames,
    beta,
    vb: vb.toRows(),
    se,
    zval,
    pval,
    ci_lb: beta.map((b, j) => b - crit * (se[j] as number)),
    ci_ub: beta.map((b, j) => b + crit * (se[j] as number)),
    df,
    crit,
    tau2: tau2 * s2,
    se_tau2,
    ...heterogeneity,
    vt: heterogeneity.vt * s2,
    QM,
    QMdf,
    QMp,
    s2w,
    wi,
    parms,
    fitStats,
    converged,
    iterations,
    warnings,
  }
}
