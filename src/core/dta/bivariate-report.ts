import { areaUnderCurve, hsrocParameters, srocCurve, type HsrocParameters } from './hsroc'
import { rocEllipse, type RocRegion } from './roc-regions'
import { summaryPoint, type SummaryPoint } from './summary-point'

/** What a bivariate fit (normal or GLMM, intercept-only) provides for the report. */
export interface BivariateEstimates {
  coefficients: readonly number[]
  vcov: readonly (readonly number[])[]
  tau2Sens: number
  tau2Spec: number
  covariance: number
  rho: number
}

export interface BivariateReport extends SummaryPoint {
  tau2_sens: number
  tau2_spec: number
  /** Between-study covariance and correlation of logit sens and logit spec. */
  cov_sens_spec: number
  rho: number
  hsroc: HsrocParameters | null
  auc: number | null
  pauc: number | null
  pauc_normalised: number | null
  pauc_fpr_range: [number, number] | null
  /** False when the quadrature of the AUC did not reach its tolerance (null without a curve). */
  auc_converged: boolean | null
  sroc: [number, number][] | null
  confidence_region: RocRegion
  prediction_region: RocRegion
  /** interval_z: the normal quantile; interval: the quantile the intervals use (t under knha), with its df; region: √χ²₂. */
  critical_values: { interval_z: number; interval: number; interval_df: number | null; region: number | null }
}

/**
 * The summary of an intercept-only bivariate fit: summary point and ratios (summaryPoint), HSROC
 * parameters, SROC curve and (partial) AUC (hsroc), and the confidence and prediction ellipses
 * (rocEllipse) — the numbers and drawings of a DTA review's main figure.
 */
export function bivariateReport(fit: BivariateEstimates, observedFpr: readonly number[], level = 0.95, regionPoints = 100): BivariateReport {
  const mu: [number, number] = [fit.coefficients[0]!, fit.coefficients[1]!]
  const point = summaryPoint(mu, fit.vcov, level)
  const hsroc = hsrocParameters(mu[0], mu[1], fit.tau2Sens, fit.tau2Spec, fit.covariance)
  const area = hsroc ? areaUnderCurve(hsroc, observedFpr) : null
  const confidence = rocEllipse(mu, fit.vcov, level, regionPoints)
  const predictionCov = [
    [fit.tau2Sens + fit.vcov[0]![0]!, fit.covariance + fit.vcov[0]![1]!],
    [fit.covariance + fit.vcov[1]![0]!, fit.tau2Spec + fit.vcov[1]![1]!],
  ]
  const prediction = rocEllipse(mu, predictionCov, level, regionPoints)
  return {
    ...point,
    tau2_sens: fit.tau2Sens,
    tau2_spec: fit.tau2Spec,
    cov_sens_spec: fit.covariance,
    rho: fit.rho,
    hsroc,
    auc: area ? area.auc : null,
    pauc: area ? area.pauc : null,
    pauc_normalised: area ? area.pauc_normalised : null,
    pauc_fpr_range: area ? area.pauc_fpr_range : null,
    auc_converged: area ? area.converged : null,
    sroc: hsroc ? srocCurve(hsroc) : null,
    confidence_region: confidence,
    prediction_region: prediction,
    critical_values: { interval_z: point.z_critical, interval: point.interval_critical, interval_df: point.interval_df, region: confidence.critical_value },
  }
}
