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
 * method), "correction":{"value":0.5,"scope":"none"|"proportion"|"study"|"all"} (default 0.5 "all",
 * mada's; the GLMM ignores it), "quadrature":{"nodes":n} (GLMM; 1 = Laplace), "level":0.95,
 * "studies":[{"id","tp","fp","fn","tn","covariate"?}], "covariate":{"type","levels"}?}.
 * Models: fitBivariateNormal (Reitsma), fitBivariateGlmm (Chu & Cole), poolSensSpecSeparately.
 * Invalid input throws RangeError/TypeError naming the study and field; non-convergence is data.
 *
 * Example: analyzeDta({ type: 'dta', model: 'bivariate', studies: [...] }).sens
 */
export function analyzeDta(spec: unknown): DtaAnalysis {
  const s = parseDtaSpec(spec)
  const studies = studyAccuracy(s.studies, s.level)
  const observedFpr = studies.map((st) => st.fpr)
  const warnings: string[] = []
  let deeks: DtaAnalysis['deeks'] = null
  try {
    const { warnings: deeksWarnings, ...rest } = deeksFunnelTest(s.studies, s.correction)
    deeks = rest
    warnings.push(...deeksWarnings.map((w) => `Deeks' test: ${w}`))
  } catch (e) {
    if (!(e instanceof RangeError)) throw e
    warnings.push(`Deeks' test not computed: ${e.message}`)
  }
  const base = { type: 'dta' as const, model: s.model, level: s.level }
  // Per-study rows and secondary analyses go last, so the JSON reads summary first.
  const tail = { deeks, univariate: null, meta_regression: null, subgroups: null, studies }

  if (s.model === 'glmm') {
    const fit = fitBivariateGlmm(s.studies, { nodes: s.nodes })
    if (s.covariate) warnings.push('the GLMM fits subgroups of a categorical covariate but no meta-regression; use the bivariate model for that')
    return {
      ...base,
      ...bivariateReport(fit, observedFpr, s.level, s.regionPoints),
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
      subgroups: s.covariate?.type === 'categorical' ? subgroups(s, (sub) => glmmSubgroup(sub, s)) : null,
      studies,
    }
  }

  const correctedStudies = applyContinuityCorrection(s.studies, s.correction)
  const { data, excluded } = toLogitData(correctedStudies)
  const corrected = correctedStudies.filter((c) => c.corrected).map((c) => c.id)
  // The partial AUC spans the observed FPRs of the studies in the fit.
  const fitted = new Set(data.ids)
  const fittedFpr = studies.filter((st) => fitted.has(st.id)).map((st) => st.fpr)
  if (excluded.length > 0) warnings.push(`${excluded.length} studies left out: a zero cell remains under correction scope "${s.correction.scope}"`)
  const minimum = s.model === 'univariate' ? 2 : 3
  if (data.ids.length < minimum) throw new RangeError(`only ${data.ids.length} studies remain after leaving out those with zero cells; use a continuity correction or the glmm model`)
  const common = { ...base, method: s.method, k: data.ids.length, correction: s.correction, corrected, excluded }

  if (s.model === 'univariate') {
    const pooled = poolSensSpecSeparately(data, s.method, s.test, s.level)
    const point = summaryPoint([pooled.sens.logit, pooled.spec.logit], [[pooled.sens.se ** 2, 0], [0, pooled.spec.se ** 2]], s.level)
    const strip = ({ fit: _fit, ...rest }: PooledProportion): Omit<PooledProportion, 'fit'> => rest
    return {
      ...common,
      ...nullReport(),
      ...point,
      sens_ci: pooled.sens.ci,
      spec_ci: pooled.spec.ci,
      tau2_sens: pooled.sens.tau2,
      tau2_spec: pooled.spec.tau2,
      critical_values: { interval_z: pooled.sens.fit.crit, region: null },
      logLik: null,
      converged: pooled.sens.converged && pooled.spec.converged,
      iterations: pooled.sens.fit.iterations + pooled.spec.fit.iterations,
      warnings: [...pooled.sens.warnings, ...pooled.spec.warnings, ...warnings, 'DOR and likelihood ratios assume independent sensitivity and specificity'],
      ...tail,
      univariate: { sens: strip(pooled.sens), spec: strip(pooled.spec) },
      studies,
    }
  }

  const method = s.method as 'REML' | 'ML'
  const fit = fitBivariateNormal(data, { method })
  let metaRegression: DtaAnalysis['meta_regression'] = null
  if (s.covariate) {
    const byId = new Map(s.studies.map((st, i) => [st.id, s.covariate!.values[i]!]))
    const values = data.ids.map((id) => byId.get(id)!)
    try {
      const { fit: rf, ...rest } = bivariateRegression(data, { ...s.covariate, values }, method, s.level)
      metaRegression = { ...rest, tau2_sens: rf.tau2Sens, tau2_spec: rf.tau2Spec, rho: rf.rho, logLik: rf.logLik, converged: rf.converged, warnings: rf.warnings }
    } catch (e) {
      if (!(e instanceof RangeError)) throw e
      warnings.push(`meta-regression not computed: ${e.message}`)
    }
  }
  return {
    ...common,
    ...bivariateReport(fit, fittedFpr, s.level, s.regionPoints),
    logLik: fit.logLik,
    converged: fit.converged,
    iterations: fit.iterations,
    warnings: [...fit.warnings, ...warnings],
    ...tail,
    meta_regression: metaRegression,
    subgroups: s.covariate?.type === 'categorical' ? subgroups(s, (sub) => normalSubgroup(sub, s)) : null,
    studies,
  }
}

function nullReport(): Nullable<BivariateReport> {
  return {
    logit_sens: null, logit_spec: null, se_logit_sens: null, se_logit_spec: null, cov_logit: null, sens: null, sens_ci: null,
    spec: null, spec_ci: null, dor: null, dor_ci: null, lr_pos: null, lr_pos_ci: null, lr_neg: null, lr_neg_ci: null, z_critical: null,
    tau2_sens: null, tau2_spec: null, cov_sens_spec: null, rho: null, hsroc: null, auc: null, pauc: null, pauc_normalised: null,
    pauc_fpr_range: null, sroc: null, confidence_region: null, prediction_region: null, critical_values: null,
  }
}

/** Fits the model separately within each level of a categorical covariate (needs 3 studies per level). */
function subgroups(s: DtaSpec, fitOne: (studies: DtaStudy[]) => NonNullable<SubgroupResult['result']>): SubgroupResult[] {
  const cov = s.covariate!
  const levels = cov.levels ?? [...new Set(cov.values.map(String))].sort()
  return levels.map((level) => {
    const members = s.studies.filter((_, i) => String(cov.values[i]) === level)
    const ids = members.map((m) => m.id)
    try {
      return { level, k: members.length, ids, result: fitOne(members), error: null }
    } catch (e) {
      if (!(e instanceof RangeError)) throw e
      return { level, k: members.length, ids, result: null, error: e.message }
    }
  })
}

function normalSubgroup(members: DtaStudy[], s: DtaSpec): NonNullable<SubgroupResult['result']> {
  const { data } = toLogitData(applyContinuityCorrection(members, s.correction))
  if (data.ids.length < 3) throw new RangeError(`a subgroup needs at least 3 studies without remaining zero cells, got ${data.ids.length}`)
  const fit = fitBivariateNormal(data, { method: s.method as 'REML' | 'ML' })
  const fpr = members.map((m) => m.fp / (m.fp + m.tn))
  return { ...bivariateReport(fit, fpr, s.level, s.regionPoints), logLik: fit.logLik, converged: fit.converged, warnings: fit.warnings }
}

function glmmSubgroup(members: DtaStudy[], s: DtaSpec): NonNullable<SubgroupResult['result']> {
  const fit = fitBivariateGlmm(members, { nodes: s.nodes })
  const fpr = members.map((m) => m.fp / (m.fp + m.tn))
  return { ...bivariateReport(fit, fpr, s.level, s.regionPoints), logLik: fit.logLik, converged: fit.converged, warnings: fit.warnings }
}
