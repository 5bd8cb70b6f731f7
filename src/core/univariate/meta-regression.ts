/**
 * Mixed-effects meta-regression (metafor's rma(yi, vi, mods = ~ ...)): yi = x_i'β + u_i + e_i
 * with numeric and categorical moderators (dummy coded) and an intercept, tau2 by REML (default)
 * or any rma method, tests z or knha. Reports coefficients with se, z (t), p and CI, the omnibus
 * QM test of the moderators (χ²(m) for z, F(m, k − p) for knha), the residual heterogeneity test
 * QE ~ χ²(k − p), and metafor's pseudo-R² = max(0, 100·(tau2_RE − tau2)/tau2_RE), tau2_RE from the
 * random-effects model without moderators on the same studies (for FE: 100·adjusted R² of the
 * weighted least-squares fit).
 * Reference: Raudenbush 2009 (Handbook of Research Synthesis, ch. 16); Viechtbauer 2010; metafor 3.8.
 *
 * Example: dat.bcg log risk ratios on absolute latitude: slope ≈ −0.0291 per degree, R2 ≈ 75.6 %.
 */
import { InputError } from '../input-error'
import { designWithIntercept } from './design-matrix'
import { fitMixedEffects, validateOutcomes, type FitStatistics, type RmaMethod, type RmaTest } from './mixed-effects-model'
import { codeModerators, type StudyModerators } from './moderators'
import type { Tau2Control } from './tau2-problem'

export interface MetaRegressionInput {
  yi: readonly number[]
  vi: readonly number[]
  /** Each study's moderators by name (numbers, or strings for categories), aligned with yi. */
  mods: readonly (StudyModerators | undefined)[]
  method?: RmaMethod
  test?: RmaTest
  level?: number
  ids?: readonly string[]
  /** Level order per categorical moderator; the first is the reference. */
  levels?: Readonly<Record<string, readonly string[]>>
  control?: Partial<Tau2Control>
}

export interface RegressionCoefficient {
  name: string
  estimate: number
  se: number
  zval: number
  pval: number
  ci_lb: number
  ci_ub: number
}

export interface MetaRegressionResult {
  method: RmaMethod
  test: RmaTest
  k: number
  p: number
  coefficients: RegressionCoefficient[]
  vb: number[][]
  df: number | null
  QM: number
  QMdf: [number, number | null]
  QMp: number
  QE: number
  QEdf: number
  QEp: number
  tau2: number
  se_tau2: number | null
  I2: number
  H2: number
  /** Pseudo-R² in percent (null without moderators left). */
  R2: number | null
  levels: Record<string, string[]>
  /** Ids of the studies in the model, and those left out for missing moderators. */
  ids: string[]
  skipped: { id: string; reason: string }[]
  fitStats: { ML: FitStatistics; REML: FitStatistics }
  converged: boolean
  iterations: number
  warnings: string[]
}

/** 100·adjusted R² of lm(yi ~ X, weights = w), as metafor reports R2 for FE meta-regression. */
function weightedAdjustedR2(yi: readonly number[], fitted: readonly number[], w: ArrayLike<number>, p: number): number {
  const k = yi.length
  let sw = 0
  let swf = 0
  for (let i = 0; i < k; i++) {
    sw += w[i] as number
    swf += (w[i] as number) * (fitted[i] as number)
  }
  const meanFitted = swf / sw
  let mss = 0
  let rss = 0
  for (let i = 0; i < k; i++) {
    mss += (w[i] as number) * ((fitted[i] as number) - meanFitted) ** 2
    rss += (w[i] as number) * ((yi[i] as number) - (fitted[i] as number)) ** 2
  }
  const r2 = mss / (mss + rss)
  return Math.max(0, 100 * (1 - (1 - r2) * ((k - 1) / (k - p))))
}

export function metaRegression(input: MetaRegressionInput): MetaRegressionResult {
  const { yi, vi, mods } = input
  if (mods.length !== yi.length) throw new InputError(`mods has ${mods.length} entries but yi has ${yi.length}`)
  validateOutcomes(yi, vi, input.ids)
  const allIds = input.ids ?? yi.map((_, i) => String(i + 1))
  const coded = codeModerators(mods, { ids: allIds, levels: input.levels })
  const rows = coded.rows
  const y = rows.map((i) => yi[i] as number)
  const v = rows.map((i) => vi[i] as number)
  const ids = rows.map((i) => allIds[i] as string)
  const x = designWithIntercept(rows.length, coded.columns)
  const common = { method: input.method, test: input.test, level: input.level, control: input.control, ids }
  const fit = fitMixedEffects({ ...common, yi: y, vi: v, x })

  let R2: number | null = null
  if (fit.p > 1) {
    if (fit.method === 'FE') {
      const allEqual = y.every((value) => value === y[0])
      const fitted = y.map((_, i) => fit.beta.reduce((s, b, j) => s + b * (x.values[i * x.p + j] as number), 0))
      R2 = allEqual ? 0 : weightedAdjustedR2(y, fitted, fit.wi, fit.p)
    } else {
      try {
        const reduced = fitMixedEffects({ ...common, yi: y, vi: v, x: designWithIntercept(y.length, []) })
        R2 = reduced.tau2 === 0 ? 0 : Math.max(0, (100 * (reduced.tau2 - fit.tau2)) / reduced.tau2)
      } catch {
        R2 = null
      }
    }
  }
  return {
    method: fit.method,
    test: fit.test,
    k: fit.k,
    p: fit.p,
    coefficients: fit.coefficientNames.map((name, j) => ({
      name,
      estimate: fit.beta[j] as number,
      se: fit.se[j] as number,
      zval: fit.zval[j] as number,
      pval: fit.pval[j] as number,
      ci_lb: fit.ci_lb[j] as number,
      ci_ub: fit.ci_ub[j] as number,
    })),
    vb: fit.vb,
    df: fit.df,
    QM: fit.QM,
    QMdf: fit.QMdf,
    QMp: fit.QMp,
    QE: fit.QE,
    QEdf: fit.QEdf,
    QEp: fit.QEp,
    tau2: fit.tau2,
    se_tau2: fit.se_tau2,
    I2: fit.I2,
    H2: fit.H2,
    R2,
    levels: coded.levels,
    ids,
    skipped: coded.skipped.map((s) => ({ id: allIds[s.index] as string, reason: s.reason })),
    fitStats: fit.fitStats,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings: [...coded.warnings, ...coded.skipped.map((s) => `study "${allIds[s.index]}" left out of the meta-regression: ${s.reason}`), ...fit.warnings],
  }
}
