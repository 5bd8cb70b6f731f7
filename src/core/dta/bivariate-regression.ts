import { InputError } from '../input-error'
import { pchisqUpper, pnormTwoSided, qnorm } from '../distributions/distributions'
import { Matrix, inverseSpd } from '../linalg/matrix'
import type { BivariateDesign } from './bivariate-likelihood'
import { fitBivariateNormal, type BivariateNormalFit } from './bivariate-normal'
import type { BivariateLogitData } from './logit-accuracy'

export type CovariateValue = number | string

export interface Covariate {
  type: 'numeric' | 'categorical'
  /** One value per study, in the order of the data. */
  values: readonly CovariateValue[]
  /** Categorical levels, the first the reference; default: the values' distinct levels sorted. */
  levels?: readonly string[]
}

/**
 * Design of mada's reitsma(formula = cbind(tsens, tfpr) ~ cov), i.e. metafor's
 * mods = ~ factor(outcome) + factor(outcome):cov − 1: an intercept per outcome and, per outcome,
 * the covariate's slope (numeric) or its treatment contrasts against the reference level (categorical).
 * Columns are named "sens", "spec", "sens:<cov>" / "spec:<cov>" or "sens:<level>" / "spec:<level>".
 */
export function covariateDesign(covariate: Covariate): { design: BivariateDesign; levels: string[] | null } {
  const k = covariate.values.length
  const columns = ['sens', 'spec']
  let levels: string[] | null = null
  let terms: ((value: CovariateValue) => number)[]
  if (covariate.type === 'numeric') {
    columns.push('sens:covariate', 'spec:covariate')
    terms = [(v) => v as number]
  } else {
    levels = covariate.levels ? [...covariate.levels] : [...new Set(covariate.values.map(String))].sort()
    const all = levels
    covariate.values.forEach((v) => {
      if (!all.includes(String(v))) throw new InputError(`covariate value "${String(v)}" is not among the levels`)
    })
    if (levels.length < 2) throw new InputError('a categorical covariate needs at least two levels')
    terms = levels.slice(1).map((level) => (v: CovariateValue) => (String(v) === level ? 1 : 0))
    for (const level of levels.slice(1)) columns.push(`sens:${level}`, `spec:${level}`)
  }
  const p = columns.length
  const x = new Float64Array(2 * k * p)
  covariate.values.forEach((v, i) => {
    const o = 2 * i * p
    x[o] = 1
    x[o + p + 1] = 1
    terms.forEach((term, t) => {
      x[o + 2 + 2 * t] = term(v)
      x[o + p + 3 + 2 * t] = term(v)
    })
  })
  return { design: { columns, p, x }, levels }
}

export interface RegressionCoefficient {
  name: string
  estimate: number
  se: number
  z: number
  p: number
  ci: [number, number]
}

export interface BivariateRegression {
  covariate_type: 'numeric' | 'categorical'
  levels: string[] | null
  coefficients: RegressionCoefficient[]
  /** Wald test that every covariate coefficient (all but the two intercepts) is zero. */
  QM: number
  QM_df: number
  QM_p: number
  fit: BivariateNormalFit
}

/**
 * Bivariate meta-regression (Reitsma et al. 2005, section 2.4): the covariate acts on both logits,
 * Σ is shared. Coefficients with Wald z tests and CIs, as summary(rma.mv(...)) prints them.
 *
 * Example: bivariateRegression(data, { type: 'categorical', values: ['a', 'b', ...] }, 'REML')
 */
export function bivariateRegression(data: BivariateLogitData, covariate: Covariate, method: 'REML' | 'ML' = 'REML', level = 0.95): BivariateRegression {
  if (covariate.values.length !== data.ySens.length) throw new InputError('every study needs a covariate value')
  if (covariate.type === 'numeric')
    covariate.values.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`study "${data.ids[i]}": covariate must be a finite number`)
    })
  const { design, levels } = covariateDesign(covariate)
  const fit = fitBivariateNormal(data, { method, design })
  const z = qnorm(1 - (1 - level) / 2)
  const coefficients = fit.coefficients.map((estimate, j) => {
    const se = Math.sqrt(fit.vcov[j]![j]!)
    return { name: design.columns[j]!, estimate, se, z: estimate / se, p: pnormTwoSided(estimate / se), ci: [estimate - z * se, estimate + z * se] as [number, number] }
  })
  const q = design.p - 2
  const sub = new Matrix(q, q)
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) sub.set(a, b, fit.vcov[a + 2]![b + 2]!)
  const inv = inverseSpd(sub)
  const slopes = fit.coefficients.slice(2)
  const QM = inv ? slopes.reduce((s, va, a) => s + slopes.reduce((t, vb, b) => t + va * inv.get(a, b) * vb, 0), 0) : NaN
  return { covariate_type: covariate.type, levels, coefficients, QM, QM_df: q, QM_p: pchisqUpper(QM, q), fit }
}
