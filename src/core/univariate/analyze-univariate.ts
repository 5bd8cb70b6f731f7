/**
 * analyzeUnivariate(spec): the whole univariate meta-analysis behind `ferrite analyze` and the
 * web app — effect sizes (escalc), pooling (rma: FE/DL/HE/SJ/ML/REML/PM with z or knha; or
 * Mantel–Haenszel / Peto for 2x2 tables), back-transformed summaries, and on request subgroups
 * with the test for subgroup differences, meta-regression, publication bias, leave-one-out and
 * cumulative analyses. The spec is unknown JSON and is validated here; every study is accounted
 * for exactly once: in `ids` (analysed), in `skipped` (not pooled, with the reason) or, for MH and
 * Peto, in `pooledWithoutOutcome` (its table is pooled but has no study-level outcome). A part that
 * cannot be computed for the data (a subgroup, the meta-regression, a bias test) becomes a warning.
 * The PFT back-transformation uses the harmonic mean n of the studies it summarises (each subgroup
 * its own, metafor's transf.ipft.hm with the subgroup's ni).
 * Reference: metafor 3.8 (escalc, rma.uni, rma.mh, rma.peto, predict, regtest, ranktest, trimfill,
 * leave1out, cumul); Cochrane Handbook ch. 10.
 *
 * Example:
 *   analyzeUnivariate({ type: 'univariate', measure: 'RR', method: 'REML', studies: [{ id: 'Aronson 1948',
 *     ai: 4, bi: 119, ci: 11, di: 128 }, ...] }) → { est, se, ci_lb, ..., transformed: { est: 0.4894, ... } }
 */
import { publicationBias, type PublicationBias } from '../bias/publication-bias'
import type { EffectSizeRow, SkippedStudy } from '../effect-sizes/escalc-study'
import { backTransform, backTransformKind, type BackTransformKind } from '../effect-sizes/transforms'
import { InputError } from '../input-error'
import { poolOutcomes, poolTables, type MantelHaenszelTests, type PooledFit } from './analysis-pooling'
import { parseAnalysisSpec, type AnalysisSpec, type AnalysisStudy } from './analysis-spec'
import { cumulativeBy, type CumulativeRow } from './cumulative'
import { leaveOneOutBy, type InfluenceRow } from './leave-one-out'
import { metaRegression, type MetaRegressionResult } from './meta-regression'
import { splitByGroup, summariseSubgroup, testSubgroupDifferences, type SubgroupDifferenceTest, type SubgroupSummary } from './subgroup-analysis'

interface Transformed {
  kind: BackTransformKind
  est: number
  ci_lb: number
  ci_ub: number
  pi_lb: number
  pi_ub: number
}

export interface UnivariateAnalysis extends PooledFit {
  type: 'univariate'
  measure: AnalysisSpec['measure']
  method: AnalysisSpec['method']
  test: AnalysisSpec['test']
  /** Confidence level as a fraction (0.95). */
  level: number
  /** Studies with a study-level outcome (metafor's k.yi); k counts the pooled tables for MH/Peto. */
  k_yi: number
  df: number | null
  tau: number
  se_tau2: number | null
  /** Typical within-study variance s² of I2 (null for MH/Peto). */
  vt: number | null
  iterations: number
  ids: string[]
  yi: number[]
  vi: number[]
  sei: number[]
  weights: number[]
  studies: (EffectSizeRow & { weight: number; group: string | null; transformed: { yi: number; ci_lb: number; ci_ub: number } })[]
  skipped: SkippedStudy[]
  /** MH/Peto: studies whose table is pooled but that have no study-level outcome (e.g. no events in either group). */
  pooledWithoutOutcome: SkippedStudy[]
  transformed: Transformed
  correction: { value: number; to: string; drop00: boolean }
  mantelHaenszel?: MantelHaenszelTests
  subgroups?: (SubgroupSummary & { transformed: { est: number; ci_lb: number; ci_ub: number } })[]
  between?: SubgroupDifferenceTest
  metaRegression?: MetaRegressionResult
  egger?: { statistic: number; p: number; df: number | null; est: number } | null
  egger_classic?: { statistic: number; p: number; df: number | null; est: number } | null
  begg?: { tau: number; p: number; method: string } | null
  trimfill?: {
    k0: number
    se_k0: number
    side: string
    estimator: string
    est: number
    se: number
    ci_lb: number
    ci_ub: number
    tau2: number
    filled: { yi: number[]; vi: number[] }
    transformed: { est: number; ci_lb: number; ci_ub: number }
    converged: boolean
  } | null
  funnel?: PublicationBias['funnel']
  leave1out?: InfluenceRow[]
  cumulative?: CumulativeRow[]
}

function cumulativeOrder(spec: AnalysisSpec, unitIds: readonly string[]): number[] {
  const natural = unitIds.map((_, i) => i)
  if (typeof spec.cumulative !== 'string') return natural
  const field = spec.cumulative
  const byId = new Map(spec.studies.map((s) => [s.id, s]))
  const keys = unitIds.map((id) => {
    const value = (byId.get(id) as AnalysisStudy).extra[field]
    if (typeof value !== 'number' && typeof value !== 'string') throw new InputError(`study "${id}": ${field} must be a number or a string to order the cumulative analysis`)
    return value
  })
  return natural.sort((a, b) => {
    const ka = keys[a] as number | string
    const kb = keys[b] as number | string
    return ka < kb ? -1 : ka > kb ? 1 : a - b
  })
}

export function analyzeUnivariate(input: unknown): UnivariateAnalysis {
  const spec = parseAnalysisSpec(input)
  const pooling = spec.method === 'MH' || spec.method === 'PETO' ? poolTables(spec) : poolOutcomes(spec)
  const { rows, fit } = pooling
  const sampleSizes = (of: readonly EffectSizeRow[]): number[] => of.map((r) => r.ni).filter((n): n is number => n !== null)
  const ni = sampleSizes(rows)
  const measureForTransform = spec.method === 'PETO' ? 'OR' : spec.measure
  const transformWith =
    (n: readonly number[]) =>
    (v: number): number =>
      backTransform(measureForTransform, v, { ni: n })
  const transform = transformWith(ni)
  const studyTransform = (v: number, n: number | null): number => backTransform(measureForTransform, v, { ni: n === null ? ni : [n] })
  const studyById = new Map(spec.studies.map((s) => [s.id, s]))
  const rowById = new Map(rows.map((r) => [r.id, r]))
  const warnings = [...spec.warnings, ...fit.warnings]

  const result: UnivariateAnalysis = {
    type: 'univariate',
    measure: spec.measure,
    method: spec.method,
    test: spec.test,
    level: spec.level,
    k: fit.k,
    k_yi: rows.length,
    est: fit.est,
    se: fit.se,
    zval: fit.zval,
    pval: fit.pval,
    ci_lb: fit.ci_lb,
    ci_ub: fit.ci_ub,
    pi_lb: fit.pi_lb,
    pi_ub: fit.pi_ub,
    crit: fit.crit,
    df: fit.df,
    tau2: fit.tau2,
    tau: Math.sqrt(fit.tau2),
    se_tau2: fit.se_tau2,
    vt: fit.vt,
    I2: fit.I2,
    H2: fit.H2,
    Q: fit.Q,
    Qdf: fit.Qdf,
    Qp: fit.Qp,
    logLik: fit.logLik,
    deviance: fit.deviance,
    AIC: fit.AIC,
    BIC: fit.BIC,
    AICc: fit.AICc,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings,
    ids: rows.map((r) => r.id),
    yi: rows.map((r) => r.yi),
    vi: rows.map((r) => r.vi),
    sei: rows.map((r) => r.sei),
    weights: fit.weights,
    studies: rows.map((r, i) => ({
      ...r,
      weight: fit.weights[i] as number,
      group: studyById.get(r.id)?.group ?? null,
      transformed: { yi: studyTransform(r.yi, r.ni), ci_lb: studyTransform(r.ci_lb, r.ni), ci_ub: studyTransform(r.ci_ub, r.ni) },
    })),
    skipped: pooling.skipped,
    pooledWithoutOutcome: pooling.pooledWithoutOutcome,
    transformed: {
      kind: backTransformKind(measureForTransform),
      est: transform(fit.est),
      ci_lb: transform(fit.ci_lb),
      ci_ub: transform(fit.ci_ub),
      pi_lb: transform(fit.pi_lb),
      pi_ub: transform(fit.pi_ub),
    },
    correction: pooling.correction,
  }
  if (pooling.mantelHaenszel) result.mantelHaenszel = pooling.mantelHaenszel

  const grouped = pooling.unitIds.filter((id) => studyById.get(id)?.group !== undefined)
  if (grouped.length > 0) {
    const ungrouped = pooling.unitIds.filter((id) => studyById.get(id)?.group === undefined)
    if (ungrouped.length > 0) warnings.push(`studies without a group are left out of the subgroup analysis: ${ungrouped.map((id) => `"${id}"`).join(', ')}`)
    const groups = splitByGroup(grouped.map((id) => studyById.get(id)?.group as string))
    const subgroups: NonNullable<UnivariateAnalysis['subgroups']> = []
    for (const [group, members] of groups) {
      const ids = members.map((i) => grouped[i] as string)
      try {
        const sub = pooling.refit(ids)
        const subTransform = transformWith(sampleSizes(ids.map((id) => rowById.get(id)).filter((r): r is EffectSizeRow => r !== undefined)))
        subgroups.push({
          ...summariseSubgroup(group, ids, sub),
          transformed: { est: subTransform(sub.est), ci_lb: subTransform(sub.ci_lb), ci_ub: subTransform(sub.ci_ub) },
        })
      } catch (error) {
        if (!(error instanceof InputError)) throw error
        warnings.push(`subgroup "${group}" not analysed: ${error.message}`)
      }
    }
    result.subgroups = subgroups
    result.between = testSubgroupDifferences(subgroups)
  }

  if (rows.some((r) => studyById.get(r.id)?.mods !== undefined)) {
    const method = spec.method === 'MH' || spec.method === 'PETO' ? 'FE' : spec.method
    if (method !== spec.method) warnings.push(`meta-regression uses the inverse-variance common-effect (FE) model: ${spec.method} has no regression form`)
    try {
      result.metaRegression = metaRegression({
        yi: result.yi,
        vi: result.vi,
        ids: result.ids,
        mods: rows.map((r) => studyById.get(r.id)?.mods),
        method,
        test: spec.test,
        level: spec.level,
        levels: spec.levels,
      })
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      warnings.push(`meta-regression not computed: ${error.message}`)
    }
  }

  if (spec.bias) {
    const bias = publicationBias({
      yi: result.yi,
      vi: result.vi,
      ids: result.ids,
      method: spec.method === 'MH' || spec.method === 'PETO' ? 'FE' : spec.method,
      test: spec.test,
      level: spec.level,
      est: fit.est,
      trimfillEstimator: spec.trimfillEstimator,
    })
    warnings.push(...bias.warnings)
    const egger = (r: PublicationBias['egger']) => (r ? { statistic: r.statistic, p: r.p, df: r.df, est: r.est } : null)
    result.egger = egger(bias.egger)
    result.egger_classic = egger(bias.egger_classic)
    result.begg = bias.begg
    const tf = bias.trimfill
    result.trimfill = tf && {
      k0: tf.k0,
      se_k0: tf.se_k0,
      side: tf.side,
      estimator: tf.estimator,
      est: tf.model.est,
      se: tf.model.se,
      ci_lb: tf.model.ci_lb,
      ci_ub: tf.model.ci_ub,
      tau2: tf.model.tau2,
      filled: tf.filled,
      transformed: { est: transform(tf.model.est), ci_lb: transform(tf.model.ci_lb), ci_ub: transform(tf.model.ci_ub) },
      converged: tf.converged,
    }
    result.funnel = bias.funnel
  }

  if (spec.leave1out) result.leave1out = leaveOneOutBy(pooling.unitIds, (keep) => pooling.refit(keep.map((i) => pooling.unitIds[i] as string)))
  if (spec.cumulative !== false) result.cumulative = cumulativeBy(pooling.unitIds, cumulativeOrder(spec, pooling.unitIds), (first) => pooling.refit(first.map((i) => pooling.unitIds[i] as string)))
  return result
}
