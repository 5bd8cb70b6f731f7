import { describe, expect, it } from 'vitest'
import { analyzeDta } from '@/core/dta/analyze-dta'
import { applyContinuityCorrection, type ContinuityCorrectionScope as CorrectionScope } from '@/core/dta/continuity-correction'
import { toLogitData } from '@/core/dta/logit-accuracy'
import { poolSensSpecSeparately } from '@/core/dta/univariate-pooling'
import { bivariateRegression } from '@/core/dta/bivariate-regression'
import { tolerance } from '../../../reference/tolerances'
import { asStudies, expectAgrees, expectAllAgree, readReference, type ReferenceStudy } from './reference-data'

interface Fit {
  coefficients: number[]
  se: number[]
  vcov: number[][]
  tau2_sens: number
  tau2_spec: number
  rho: number
  logLik: number
}
interface Case extends Fit {
  name: string
  data: string
  value: number
  scope: CorrectionScope
  method: 'REML' | 'ML'
  corrected: string[]
  excluded: string[]
  sens: number
  sens_ci: number[]
  spec: number
  spec_ci: number[]
  dor: number
  dor_ci: number[]
  lr_pos: number
  lr_pos_ci: number[]
  lr_neg: number
  lr_neg_ci: number[]
  hsroc: Record<'Lambda' | 'Theta' | 'beta' | 'sigma2_alpha' | 'sigma2_theta', number>
  auc: number
  pauc: number
  pauc_fpr_range: number[]
  region_critical_value: number
  deeks: { intercept: number; slope: number; se: number; t: number; df: number; p: number }
  studies: { id: string; sens_ci: number[]; spec_ci: number[] }[]
  univariate: Record<string, { sens: Pooled; spec: Pooled }>
}
interface Pooled {
  logit: number
  se: number
  tau2: number
  ci: number[]
  I2: number
  Q: number
}
interface Regression extends Fit {
  name: string
  value: number
  scope: CorrectionScope
  method: 'REML' | 'ML'
  categorical: boolean
  zval: number[]
  pval: number[]
  QM: number
  QM_df: number
  QM_p: number
  subgroups?: (Fit & { level: string })[]
}
interface Reference {
  datasets: Record<string, ReferenceStudy[]>
  cases: Case[]
  regressions: Regression[]
}

const reference = readReference<Reference>('dta-bivariate.json')
const rel = tolerance.bivariate
// A boundary estimate (rho = -1 or tau2 = 0) is where metafor's optimiser stops near the edge; compare
// what is identified there and leave the correlation's last digits aside.
const atBoundary = (c: Fit): boolean => Math.abs(c.rho) > 0.9999 || Math.min(c.tau2_sens, c.tau2_spec) < 1e-6

describe('bivariate normal model (Reitsma) against metafor::rma.mv', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const studies = asStudies(reference.datasets[c.data]!)
      const r = analyzeDta({ type: 'dta', model: 'bivariate', method: c.method, correction: { value: c.value, scope: c.scope }, studies })
      expect(r.converged).toBe(true)
      expect([...r.excluded.map((e) => e.id)].sort()).toEqual([...c.excluded].sort())
      expect([...r.corrected].sort()).toEqual([...c.corrected].sort())
      expectAgrees(r.logLik, c.logLik, rel, 'logLik')
      expectAgrees(r.logit_sens, c.coefficients[0]!, rel, 'logit_sens')
      expectAgrees(r.logit_spec, c.coefficients[1]!, rel, 'logit_spec')
      expectAgrees(r.tau2_sens, c.tau2_sens, rel, 'tau2_sens')
      expectAgrees(r.tau2_spec, c.tau2_spec, rel, 'tau2_spec')
      if (atBoundary(c)) {
        expect(Math.abs(r.rho! - c.rho)).toBeLessThan(1e-3)
        return
      }
      expectAgrees(r.rho, c.rho, rel, 'rho')
      expectAgrees(r.se_logit_sens, c.se[0]!, rel, 'se_logit_sens')
      expectAgrees(r.se_logit_spec, c.se[1]!, rel, 'se_logit_spec')
      expectAgrees(r.cov_logit, c.vcov[0]![1]!, rel, 'cov_logit')
      expectAgrees(r.sens, c.sens, rel, 'sens')
      expectAllAgree(r.sens_ci, c.sens_ci, rel, 'sens_ci')
      expectAgrees(r.spec, c.spec, rel, 'spec')
      expectAllAgree(r.spec_ci, c.spec_ci, rel, 'spec_ci')
      expectAgrees(r.dor, c.dor, rel, 'dor')
      expectAllAgree(r.dor_ci, c.dor_ci, rel, 'dor_ci')
      expectAgrees(r.lr_pos, c.lr_pos, rel, 'lr_pos')
      expectAllAgree(r.lr_pos_ci, c.lr_pos_ci, rel, 'lr_pos_ci')
      expectAgrees(r.lr_neg, c.lr_neg, rel, 'lr_neg')
      expectAllAgree(r.lr_neg_ci, c.lr_neg_ci, rel, 'lr_neg_ci')
      for (const key of ['Lambda', 'Theta', 'beta', 'sigma2_alpha', 'sigma2_theta'] as const) expectAgrees(r.hsroc?.[key], c.hsroc[key], rel, `hsroc.${key}`)
      expectAgrees(r.auc, c.auc, rel, 'auc')
      expectAgrees(r.pauc, c.pauc, rel, 'pauc')
      expectAllAgree(r.pauc_fpr_range, c.pauc_fpr_range, tolerance.univariate, 'pauc_fpr_range')
      expectAgrees(r.critical_values?.region, c.region_critical_value, tolerance.univariate, 'region critical value')
    })
  }

  it('reproduces mada on its AuditC data: sens 0.891 [0.808, 0.941], spec 0.780 [0.715, 0.833], AUC 0.888', () => {
    const r = analyzeDta({ type: 'dta', model: 'bivariate', studies: asStudies(reference.datasets.auditc!) })
    const round3 = (v: number | null): number => Math.round(v! * 1000) / 1000
    expect([r.sens, ...r.sens_ci!].map(round3)).toEqual([0.891, 0.808, 0.941])
    expect([r.spec, ...r.spec_ci!].map(round3)).toEqual([0.78, 0.715, 0.833])
    expect(round3(r.auc)).toBe(0.888)
  })
})

describe("Deeks' test, Wilson intervals and univariate pooling against R", () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const studies = asStudies(reference.datasets[c.data]!)
      const r = analyzeDta({ type: 'dta', model: 'bivariate', method: c.method, correction: { value: c.value, scope: c.scope }, studies })
      for (const key of ['intercept', 'slope', 'se', 't', 'p'] as const) expectAgrees(r.deeks?.[key], c.deeks[key], tolerance.univariate, `deeks.${key}`)
      expect(r.deeks?.df).toBe(c.deeks.df)
      c.studies.forEach((s, i) => {
        expectAllAgree(r.studies[i]!.sens_ci, s.sens_ci, tolerance.univariate, `${s.id} sens_ci`)
        expectAllAgree(r.studies[i]!.spec_ci, s.spec_ci, tolerance.univariate, `${s.id} spec_ci`)
      })
      const { data } = toLogitData(applyContinuityCorrection(studies, { value: c.value, scope: c.scope }))
      for (const [method, expected] of Object.entries(c.univariate)) {
        const pooled = poolSensSpecSeparately(data, method as 'DL')
        for (const outcome of ['sens', 'spec'] as const) {
          const e = expected[outcome]
          const a = pooled[outcome]
          const label = `${method} ${outcome}`
          expectAgrees(a.logit, e.logit, tolerance.univariate, `${label} logit`)
          expectAgrees(a.se, e.se, tolerance.univariate, `${label} se`)
          expectAgrees(a.tau2, e.tau2, tolerance.univariate, `${label} tau2`)
          expectAllAgree(a.ci, e.ci, tolerance.univariate, `${label} ci`)
          expectAgrees(a.Q, e.Q, tolerance.univariate, `${label} Q`)
        }
      }
    })
  }
})

describe('bivariate meta-regression and subgroups against rma.mv(mods = ~ factor(outcome) + factor(outcome):cov - 1)', () => {
  for (const g of reference.regressions) {
    it(g.name, () => {
      const rows = reference.datasets[g.name.startsWith('kearon') ? 'kearon1998' : 'simulated16']!
      const { data } = toLogitData(applyContinuityCorrection(asStudies(rows), { value: g.value, scope: g.scope }))
      const covariate = { type: g.categorical ? ('categorical' as const) : ('numeric' as const), values: rows.map((s) => s.covariate!) }
      const r = bivariateRegression(data, covariate, g.method)
      expect(r.fit.converged).toBe(true)
      expectAllAgree(r.fit.coefficients, g.coefficients, rel, 'coefficients')
      expectAllAgree(
        r.coefficients.map((c) => c.se),
        g.se,
        rel,
        'se',
      )
      expectAllAgree(
        r.coefficients.map((c) => c.z),
        g.zval,
        rel,
        'z',
      )
      expectAgrees(r.fit.tau2Sens, g.tau2_sens, rel, 'tau2_sens')
      expectAgrees(r.fit.tau2Spec, g.tau2_spec, rel, 'tau2_spec')
      expectAgrees(r.fit.rho, g.rho, rel, 'rho')
      expectAgrees(r.fit.logLik, g.logLik, rel, 'logLik')
      expectAgrees(r.QM, g.QM, rel, 'QM')
      expectAgrees(r.QM_p, g.QM_p, rel, 'QM_p')
      expect(r.QM_df).toBe(g.QM_df)
      if (!g.subgroups) return
      const out = analyzeDta({
        type: 'dta',
        model: 'bivariate',
        method: g.method,
        correction: { value: g.value, scope: g.scope },
        studies: rows.map(({ id, tp, fp, fn, tn, covariate: cov }) => ({ id, tp, fp, fn, tn, covariate: cov })),
      })
      expectAllAgree(
        out.meta_regression!.coefficients.map((c) => c.estimate),
        g.coefficients,
        rel,
        'analyzeDta meta-regression',
      )
      for (const sub of g.subgroups) {
        const mine = out.subgroups!.find((s) => s.level === sub.level)!.result!
        expectAgrees(mine.logit_sens, sub.coefficients[0]!, rel, `${sub.level} logit_sens`)
        expectAgrees(mine.logit_spec, sub.coefficients[1]!, rel, `${sub.level} logit_spec`)
        expectAgrees(mine.tau2_sens, sub.tau2_sens, rel, `${sub.level} tau2_sens`)
        expectAgrees(mine.tau2_spec, sub.tau2_spec, rel, `${sub.level} tau2_spec`)
        expectAgrees(mine.rho, sub.rho, rel, `${sub.level} rho`)
        expectAgrees(mine.logLik, sub.logLik, rel, `${sub.level} logLik`)
      }
    })
  }
})
