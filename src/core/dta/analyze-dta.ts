import { InputError } from '../input-error'
import { parseDtaSpec, type DtaSpec } from './analyze-input'
import { applyContinuityCorrection, type ContinuityCorrection } from './continuity-correction'
import { toLogitData, type ExcludedStudy } from './logit-accuracy'
import { fitBivariateNormal } from './bivariate-normal'
import { fitBivariateGlmm } from './bivariate-glmm'
import { bivariateReport, type BivariateReport } from './bivariate-report'
import { bivariateRegression, type BivariateRegression } from './bivariate-regression'
import { deeksFunnelTest, type DeeksTest } from './deeks-test'
import { studyAccuracy, type StudyAccuracy } from './study-accuracy'
import { poolSensSpecSeparately, type PooledProportion } from './univariate-pooling'
import { summaryPoint } from './summary-point'
import type { DtaStudy } from './dta-study'

type Nullable<T> = { [K in keyof T]: T[K] | null }

/** Shape of `ferrite analyze` output for "type":"dta" (fields that do not apply to a model are null). */
export interface DtaAnalysis extends Nullable<BivariateReport> {
  type: 'dta'
  model: DtaSpec['model']
  method: string
  level: number
  k: number
  correction: ContinuityCorrection
  corrected: string[]
  excluded: ExcludedStudy[]
  logLik: number | null
  converged: boolean
  iterations: number
  warnings: string[]
  studies: StudyAccuracy[]
  deeks: Omit<DeeksTest, 'warnings'> | null
  univariate: { sens: Omit<PooledProportion, 'fit'>; spec: Omit<PooledProportion, 'fit'> } | null
  meta_regression: (Omit<BivariateRegression, 'fit'> & { tau2_sens: number; tau2_spec: number; rho: number; logLik: number; converged: boolean; warnings: string[] }) | null
  subgroups: SubgroupResult[] | null
}

export interface SubgroupResult {
  level: string
  k: number
  ids: string[]
  result: (BivariateReport & { logLik: number; converged: boolean; warnings: string[] }) | null
  error: string | null
}

/**
 * Diagnostic test accuracy meta-analysis from untrusted JSON (the `ferrite analyze` contract):
 * {"type":"dta","model":"bivariate"|"glmm"|"univariate","method":"REML"|"ML" (univariate: any τ²
 * method), "test":"z"|"knha" (univariate), "correction":{"value":0.5,"scope":"none"|"proportion"|
 * "study"|"all"} (default 0.5 "all", mada's; the GLMM ignores it), "quadrature":{"nodes":n} (GLMM;
 * 1 = Laplace), "level":0.95 or 95, "region_points":100, "studies":[{"id","tp","fp","fn","tn",
 * "covariate"?}], "covariate":{"type","levels"}?}.
 * Models: fitBivariateNormal (Reitsma), fitBivariateGlmm (Chu & Cole), poolSensSpecSeparately; with
 * test "knha" every interval of the univariate model (sens, spec, DOR, LRs) uses the t quantile.
 * Invalid input throws an InputError naming the study and field; non-convergence is data.
 * Two studies cannot inform the bivariate models' two between-study variances and correlation
 * (metafor's rma.mv fits them with rho at −1): they are pooled by the univariate model with a
 * warning. A GLMM whose data are completely separated (every fn = 0, say: the maximum likelihood
 * sensitivity is 1, logit +∞) is not fitted: the result is converged = false with null estimates
 * and a warning that suggests the continuity-corrected bivariate model (lme4's glmer returns
 * logits near 27 with standard errors near 800 there, or fails).
 * The AUC is the exact integral of the SROC curve; mada's AUC averages the curve at 99 points
 * (FPR 0.01, ..., 0.99), so its printed values differ by up to about 0.01.
 *
 * Example: analyzeDta({ type: 'dta', model: 'bivariate', studies: [...] }).sens
 */
export function analyzeDta(input: unknown): DtaAnalysis {
  const spec = parseDtaSpec(input)
  const studies = studyAccuracy(spec.studies, spec.level)
  const observedFpr = studies.map((st) => st.fpr)
  const warnings: string[] = []
  let deeks: DtaAnalysis['deeks'] = null
  try {
    const { warnings: deeksWarnings, ...rest } = deeksFunnelTest(spec.studies, spec.correction)
    deeks = rest
    warnings.push(...deeksWarnings.map((w) => `Deeks' test: ${w}`))
  } catch (e) {
    if (!(e instanceof InputError)) throw e
    warnings.push(`Deeks' test not computed: ${e.message}`)
  }
  warnings.push(...spec.warnings)
  const base = { type: 'dta' as const, model: spec.model, level: spec.level }
  // Per-study rows and secondary analyses go last, so the JSON reads summary first.
  const tail = { deeks, univariate: null, meta_regression: null, subgroups: null, studies }

  if (spec.model === 'glmm' && spec.studies.length > 2) {
    const separation = completeSeparation(spec.studies)
    if (separation) {
      return {
        ...base,
        ...nullReport(),
        method: spec.nodes === 1 ? 'laplace' : `adaptive-gauss-hermite-${spec.nodes}`,
        k: spec.studies.length,
        correction: { value: 0, scope: 'none' },
        corrected: [],
        excluded: [],
        logLik: null,
        converged: false,
        iterations: 0,
        warnings: [
          `the GLMM was not fitted: ${separation}, so its maximum likelihood estimate is on the edge (a logit of ±∞) and any finite estimate, standard error or interval would mislead; use the bivariate model with a continuity correction (model "bivariate"), which adds 0.5 to the cells`,
          ...warnings,
        ],
        ...tail,
      }
    }
  }
  if (spec.model === 'glmm' && spec.studies.length > 2) {
    const fit = fitBivariateGlmm(spec.studies, { nodes: spec.nodes })
    if (spec.covariate) warnings.push('the GLMM fits subgroups of a categorical covariate but no meta-regression; use the bivariate model for that')
    const report = bivariateReport(fit, observedFpr, spec.level, spec.regionPoints)
    if (report.auc_converged === false) warnings.push(aucWarning)
    return {
      ...base,
      ...report,
      method: fit.nodes === 1 ? 'laplace' : `adaptive-gauss-hermite-${fit.nodes}`,
      k: fit.k,
      correction: { value: 0, scope: 'none' },
      corrected: [],
      excluded: [],
      logLik: fit.logLik,
      converged: fit.converged,
      iterations: fit.iterations,
      warnings: [...fit.warnings, ...warnings],
      ...tail,
      subgroups: spec.covariate?.type === 'categorical' ? subgroups(spec, (sub) => glmmSubgroup(sub, spec)) : null,
      studies,
    }
  }

  const correctedStudies = applyContinuityCorrection(spec.studies, spec.correction)
  const { data, excluded } = toLogitData(correctedStudies)
  const corrected = correctedStudies.filter((c) => c.corrected).map((c) => c.id)
  // The partial AUC spans the observed FPRs of the studies in the fit.
  const fitted = new Set(data.ids)
  const fittedFpr = studies.filter((st) => fitted.has(st.id)).map((st) => st.fpr)
  if (excluded.length > 0) warnings.push(`${excluded.length} studies left out: a zero cell remains under correction scope "${spec.correction.scope}"`)
  if (data.ids.length < 2) throw new InputError(`only ${data.ids.length} studies remain after leaving out those with zero cells; use a continuity correction or the glmm model`)
  const twoStudies = spec.model !== 'univariate' && data.ids.length === 2
  if (twoStudies)
    warnings.unshift(
      `with 2 studies the ${spec.model} model's two between-study variances and their correlation cannot be estimated (metafor's rma.mv ends at rho = −1), so sensitivity and specificity are pooled separately by univariate random-effects models, without SROC curve or confidence regions`,
    )
  const common = { ...base, model: twoStudies ? ('univariate' as const) : spec.model, method: spec.method, k: data.ids.length, correction: spec.correction, corrected, excluded }

  if (spec.model === 'univariate' || twoStudies) {
    const pooled = poolSensSpecSeparately(data, spec.method, spec.test, spec.level)
    // knha: the pooled logits have t intervals (k − 1 df); the DOR and LR intervals use the same quantile
    const df = pooled.sens.fit.df
    const critical = df === null ? undefined : { value: pooled.sens.fit.crit, df }
    const point = summaryPoint(
      [pooled.sens.logit, pooled.spec.logit],
      [
        [pooled.sens.se ** 2, 0],
        [0, pooled.spec.se ** 2],
      ],
      spec.level,
      critical,
    )
    const strip = ({ fit: _fit, ...rest }: PooledProportion): Omit<PooledProportion, 'fit'> => rest
    return {
      ...common,
      ...nullReport(),
      ...point,
      sens_ci: pooled.sens.ci,
      spec_ci: pooled.spec.ci,
      tau2_sens: pooled.sens.tau2,
      tau2_spec: pooled.spec.tau2,
      critical_values: { interval_z: point.z_critical, interval: point.interval_critical, interval_df: point.interval_df, region: null },
      logLik: null,
      converged: pooled.sens.converged && pooled.spec.converged,
      iterations: pooled.sens.fit.iterations + pooled.spec.fit.iterations,
      warnings: [...pooled.sens.warnings, ...pooled.spec.warnings, ...warnings, 'DOR and likelihood ratios assume independent sensitivity and specificity'],
      ...tail,
      univariate: { sens: strip(pooled.sens), spec: strip(pooled.spec) },
      studies,
    }
  }

  const method = spec.method as 'REML' | 'ML'
  const fit = fitBivariateNormal(data, { method })
  let metaRegression: DtaAnalysis['meta_regression'] = null
  if (spec.covariate) {
    const byId = new Map(spec.studies.map((st, i) => [st.id, spec.covariate!.values[i]!]))
    const values = data.ids.map((id) => byId.get(id)!)
    try {
      const { fit: rf, ...rest } = bivariateRegression(data, { ...spec.covariate, values }, method, spec.level)
      metaRegression = { ...rest, tau2_sens: rf.tau2Sens, tau2_spec: rf.tau2Spec, rho: rf.rho, logLik: rf.logLik, converged: rf.converged, warnings: rf.warnings }
    } catch (e) {
      if (!(e instanceof InputError)) throw e
      warnings.push(`meta-regression not computed: ${e.message}`)
    }
  }
  const report = bivariateReport(fit, fittedFpr, spec.level, spec.regionPoints)
  if (report.auc_converged === false) warnings.push(aucWarning)
  return {
    ...common,
    ...report,
    logLik: fit.logLik,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings: [...fit.warnings, ...warnings],
    ...tail,
    meta_regression: metaRegression,
    subgroups: spec.covariate?.type === 'categorical' ? subgroups(spec, (sub) => normalSubgroup(sub, spec)) : null,
    studies,
  }
}

const aucWarning = 'the AUC and partial AUC did not reach the quadrature tolerance (1e-10); they are approximate'

/**
 * Why the GLMM's maximum likelihood estimate is infinite, or null: every study has fn = 0 (or every
 * tp = 0) makes the logit sensitivity +∞ (−∞), and likewise fp and tn for specificity.
 */
export function completeSeparation(studies: readonly DtaStudy[]): string | null {
  const every = (cell: 'tp' | 'fp' | 'fn' | 'tn') => studies.every((s) => s[cell] === 0)
  const found = [
    every('fn') ? 'every study has fn = 0 (sensitivity 1)' : every('tp') ? 'every study has tp = 0 (sensitivity 0)' : null,
    every('fp') ? 'every study has fp = 0 (specificity 1)' : every('tn') ? 'every study has tn = 0 (specificity 0)' : null,
  ].filter((s): s is string => s !== null)
  return found.length === 0 ? null : found.join(' and ')
}

function nullReport(): Nullable<BivariateReport> {
  return {
    logit_sens: null,
    logit_spec: null,
    se_logit_sens: null,
    se_logit_spec: null,
    cov_logit: null,
    sens: null,
    sens_ci: null,
    spec: null,
    spec_ci: null,
    dor: null,
    dor_ci: null,
    lr_pos: null,
    lr_pos_ci: null,
    lr_neg: null,
    lr_neg_ci: null,
    z_critical: null,
    interval_critical: null,
    interval_df: null,
    tau2_sens: null,
    tau2_spec: null,
    cov_sens_spec: null,
    rho: null,
    hsroc: null,
    auc: null,
    pauc: null,
    pauc_normalised: null,
    pauc_fpr_range: null,
    auc_converged: null,
    sroc: null,
    confidence_region: null,
    prediction_region: null,
    critical_values: null,
  }
}

/** Fits the model separately within each level of a categorical covariate (needs 3 studies per level). */
function subgroups(spec: DtaSpec, fitOne: (studies: DtaStudy[]) => NonNullable<SubgroupResult['result']>): SubgroupResult[] {
  const cov = spec.covariate!
  const levels = cov.levels ?? [...new Set(cov.values.map(String))].sort()
  return levels.map((level) => {
    const members = spec.studies.filter((_, i) => String(cov.values[i]) === level)
    const ids = members.map((m) => m.id)
    try {
      return { level, k: members.length, ids, result: fitOne(members), error: null }
    } catch (e) {
      if (!(e instanceof InputError)) throw e
      return { level, k: members.length, ids, result: null, error: e.message }
    }
  })
}

function normalSubgroup(members: DtaStudy[], spec: DtaSpec): NonNullable<SubgroupResult['result']> {
  const { data } = toLogitData(applyContinuityCorrection(members, spec.correction))
  if (data.ids.length < 3) throw new InputError(`a subgroup needs at least 3 studies without remaining zero cells, got ${data.ids.length}`)
  const fit = fitBivariateNormal(data, { method: spec.method as 'REML' | 'ML' })
  const fpr = members.map((m) => m.fp / (m.fp + m.tn))
  return { ...bivariateReport(fit, fpr, spec.level, spec.regionPoints), logLik: fit.logLik, converged: fit.converged, warnings: fit.warnings }
}

function glmmSubgroup(members: DtaStudy[], spec: DtaSpec): NonNullable<SubgroupResult['result']> {
  const separation = completeSeparation(members)
  if (separation) throw new InputError(`the GLMM cannot be fitted: ${separation}`)
  const fit = fitBivariateGlmm(members, { nodes: spec.nodes })
  const fpr = members.map((m) => m.fp / (m.fp + m.tn))
  return { ...bivariateReport(fit, fpr, spec.level, spec.regionPoints), logLik: fit.logLik, converged: fit.converged, warnings: fit.warnings }
}
