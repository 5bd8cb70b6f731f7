/**
 * The engine behind rma() and metaRegression(): metafor's rma.uni for a given model matrix X.
 * Model: yi = x_i'β + u_i + e_i, u_i ~ N(0, tau2), e_i ~ N(0, vi); FE sets tau2 = 0.
 * β = (X'WX)⁻¹X'Wy with wi = 1/(vi + tau2), Var(β) = (X'WX)⁻¹, times
 * s2w = Σwi(yi − x_i'β)²/(k − p) for test = "knha" (Knapp & Hartung 2003, t with k − p df).
 * Heterogeneity: QE = Σ(1/vi)(yi − x_i'β_FE)² ~ χ²(k − p); I2 = 100·tau2/(vt + tau2),
 * H2 = tau2/vt + 1 with vt = (k − p)/tr(P_FE) (for FE: I2 = 100(QE − df)/QE, H2 = QE/df).
 * Everything is O(k·p²); no k-by-k matrix is formed.
 * Reference: Viechtbauer 2010 (J Stat Softw 36(3)), metafor 3.8 rma.uni, print.rma.uni, fitstats.
 *
 * Example: fitMixedEffects({ yi, vi, x: interceptOnlyDesign(k), method: 'REML' }).beta[0]
 * gives −0.7145 for dat.bcg's log risk ratios.
 */
import { pchisqUpper, pfUpper, pnormTwoSided, ptTwoSided, qnorm, qt } from '../distributions/distributions'
import { modelFitStatistics, type FitStatistics } from './fit-statistics'
import { residualHeterogeneity } from './heterogeneity'
import { Matrix, cholesky, inverseSpd, logDetFromCholesky } from '../linalg/matrix'
import type { DesignMatrix } from './design-matrix'
import { weightedCrossproduct, weightedLeastSquares } from './weighted-least-squares'
import { defaultTau2Control, type Tau2Control, type Tau2Estimate, type Tau2Method, type Tau2Problem } from './tau2-estimator'
import { derSimonianLairdTau2 } from './tau2-dersimonian-laird'
import { hedgesTau2 } from './tau2-hedges'
import { sidikJonkmanTau2 } from './tau2-sidik-jonkman'
import { pauleMandelTau2 } from './tau2-paule-mandel'
import { fisherScoringTau2 } from './tau2-fisher-scoring'

export type { FitStatistics } from './fit-statistics'
export type RmaMethod = 'FE' | Tau2Method
export type RmaTest = 'z' | 'knha'
export const rmaMethods: readonly RmaMethod[] = ['FE', 'DL', 'HE', 'SJ', 'ML', 'REML', 'PM']

export interface MixedEffectsInput {
  yi: ArrayLike<number>
  vi: ArrayLike<number>
  x: DesignMatrix
  /** Default "REML", as metafor. */
  method?: RmaMethod
  /** Default "z". */
  test?: RmaTest
  /** Confidence level in percent, default 95. */
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

/** Throws a RangeError naming the study when yi or vi is unusable. */
export function validateOutcomes(yi: ArrayLike<number>, vi: ArrayLike<number>, ids?: readonly string[]): void {
  if (yi.length !== vi.length) throw new RangeError(`yi has ${yi.length} values but vi has ${vi.length}`)
  for (let i = 0; i < yi.length; i++) {
    const y = yi[i]
    const v = vi[i]
    if (typeof y !== 'number' || !Number.isFinite(y)) throw new RangeError(`${label(ids, i)}: yi must be a finite number`)
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) throw new RangeError(`${label(ids, i)}: vi must be a positive finite number`)
  }
}

function estimateTau2(method: Tau2Method, problem: Tau2Problem): Tau2Estimate {
  switch (method) {
    case 'DL':
      return derSimonianLairdTau2(problem)
    case 'HE':
      return hedgesTau2(problem)
    case 'SJ':
      return sidikJonkmanTau2(problem)
    case 'PM':
      return pauleMandelTau2(problem)
    case 'ML':
    case 'REML':
      return fisherScoringTau2(problem, method, hedgesTau2(problem, false).tau2)
  }
}

export function fitMixedEffects(input: MixedEffectsInput): MixedEffectsFit {
  const method = input.method ?? 'REML'
  let test = input.test ?? 'z'
  const level = input.level ?? 95
  const { x } = input
  const { k, p } = x
  if (!rmaMethods.includes(method)) throw new RangeError(`method must be one of ${rmaMethods.join(', ')}`)
  if (test !== 'z' && test !== 'knha') throw new RangeError('test must be "z" or "knha"')
  if (!(level > 0 && level < 100)) throw new RangeError('level must be between 0 and 100 (percent)')
  if (input.yi.length !== k) throw new RangeError(`yi has ${input.yi.length} values but the model matrix has ${k} rows`)
  validateOutcomes(input.yi, input.vi, input.ids)
  if (k < 1) throw new RangeError('there are no studies to pool')
  const fixedTau2 = input.tau2
  if (fixedTau2 !== undefined && !(fixedTau2 >= 0)) throw new RangeError('a fixed tau2 must be a non-negative number')
  const isFE = method === 'FE'
  const warnings: string[] = []
  if (k === 1 && test !== 'z') {
    warnings.push('test set to "z" since k = 1')
    test = 'z'
  }
  if (!(p === 1 && k === 1)) {
    const needed = isFE || fixedTau2 !== undefined ? p : p + 1
    if (needed > k) throw new RangeError(`${k} studies are too few to estimate ${p} coefficient(s)${isFE || fixedTau2 !== undefined ? '' : ' and tau2'}`)
  }
  const xtxCholesky = cholesky(weightedCrossproduct(x, null))
  if (!xtxCholesky) throw new RangeError('the model matrix is not of full rank (a moderator is constant or redundant)')

  const yi = Float64Array.from(input.yi)
  const vi = Float64Array.from(input.vi)
  let mean = 0
  let viMin = Infinity
  let viMax = 0
  for (let i = 0; i < k; i++) {
    mean += yi[i] as number
    viMin = Math.min(viMin, vi[i] as number)
    viMax = Math.max(viMax, vi[i] as number)
  }
  mean /= k
  if (viMax / viMin >= 1e7) warnings.push('the ratio of the largest to the smallest sampling variance is extremely large; results may be unstable')
  const centred = new Float64Array(k)
  for (let i = 0; i < k; i++) centred[i] = (yi[i] as number) - mean

  let tau2 = 0
  let se_tau2: number | null = null
  let converged = true
  let iterations = 0
  if (!isFE) {
    if (fixedTau2 !== undefined) tau2 = fixedTau2
    else if (k > 1) {
      const estimate = estimateTau2(method, { y: centred, vi, x, control: defaultTau2Control(input.control) })
      tau2 = estimate.tau2
      se_tau2 = estimate.se_tau2
      converged = estimate.converged
      iterations = estimate.iterations
      warnings.push(...estimate.warnings)
    }
  }

  const wi = new Float64Array(k)
  let sumLogV = 0
  for (let i = 0; i < k; i++) {
    wi[i] = 1 / ((vi[i] as number) + tau2)
    sumLogV += Math.log((vi[i] as number) + tau2)
  }
  const fit = weightedLeastSquares(x, yi, wi)
  if (!fit) throw new RangeError('the model matrix is not of full rank (a moderator is constant or redundant)')
  let s2w = 1
  if (test === 'knha') {
    if (isFE) warnings.push('the Knapp–Hartung method is not meant for the common-effect (FE) model')
    s2w = fit.rss <= Number.EPSILON ? 0 : fit.rss / (k - p)
  }
  const vb = fit.xtwxInverse.scale(s2w)
  const df = test === 'knha' ? k - p : null
  const alpha = 1 - level / 100
  const crit = df === null ? qnorm(1 - alpha / 2) : df > 0 ? qt(1 - alpha / 2, df) : Number.NaN
  const beta = fit.beta
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
  const fitStats = modelFitStatistics({ x, vi, tau2, xtxLogDet: logDetFromCholesky(xtxCholesky), rss: fit.rss, xtwxLogDet: fit.xtwxLogDet, sumLogV, parms })

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
    tau2,
    se_tau2,
    ...heterogeneity,
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
