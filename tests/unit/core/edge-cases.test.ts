/**
 * The core at the edges, against tests/reference/edge-cases.R (metafor 3.8.1, lme4): zero and
 * negative sampling variances, repeated labels, a moderator that never varies, a 2x2 table with an
 * empty group under Mantel–Haenszel and Peto, DTA with two studies, a GLMM with complete
 * separation, and the AUC beside mada's 99-point rule. Each case also checks what R itself did, so
 * the reference cannot drift from the behaviour the tests describe.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyzeDta } from '@/core/dta/analyze-dta'
import { srocSensitivity } from '@/core/dta/hsroc'
import { InputError } from '@/core/input-error'
import { uniqueLabels } from '@/core/spec-fields'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'
import { metaRegression } from '@/core/univariate/meta-regression'
import { tolerance } from '../../reference/tolerances'
import { compareWithR } from './univariate/compare-with-r'

interface EdgeCase {
  name: string
  kind: 'univariate' | 'regression' | 'dta' | 'auc' | 'dta-labels'
  spec: { studies: { id: string; mods?: Record<string, unknown> }[] } & Record<string, unknown>
  expected?: Record<string, unknown>
  refused?: boolean
  metafor?: { value?: Record<string, unknown>; error?: string; warnings?: string[] }
  differs?: string
  reference_case?: string
}

const reference = JSON.parse(readFileSync('tests/reference/edge-cases.json', 'utf8')) as { cases: EdgeCase[] }
const byName = (name: string): EdgeCase => {
  const found = reference.cases.find((c) => c.name === name)
  if (!found) throw new Error(`no reference case "${name}"`)
  return found
}

function expectUnivariateAgrees(c: EdgeCase) {
  const actual = analyzeUnivariate(c.spec)
  const withIds = { ...actual, skipped_ids: actual.skipped.map((s) => s.id), pooled_without_outcome_ids: actual.pooledWithoutOutcome.map((s) => s.id) }
  const comparison = compareWithR(withIds, c.expected)
  expect(comparison.mismatches).toEqual([])
  expect(comparison.compared).toBeGreaterThan(20)
  return actual
}

describe('a study with a sampling variance of 0', () => {
  for (const method of ['REML', 'ML', 'HE', 'SJ', 'REML knha']) {
    it(`is pooled by ${method} as metafor pools it, with Q, I² and H² undefined`, () => {
      const c = byName(`vi = 0 kept, ${method}`)
      const actual = expectUnivariateAgrees(c)
      expect(actual.k).toBe(4)
      expect(actual.ids).toContain('C')
      expect(actual.Q).toBeNaN()
      expect(actual.I2).toBeNaN()
      expect(actual.warnings).toContain('Q, I² and H² are undefined: study "C" has a sampling variance of 0')
      // metafor: the same estimate, Q and I² NA
      expect(actual.est).toBeCloseTo(c.metafor?.value?.est as number, 6)
      expect(c.metafor?.value?.Q).toBeNull()
    })
  }
  it('moved the estimate when it was dropped (0.384 kept, 0.311 without it)', () => {
    const c = byName('vi = 0 kept, REML')
    const kept = analyzeUnivariate(c.spec)
    const without = analyzeUnivariate({ ...c.spec, studies: c.spec.studies.filter((s) => s.id !== 'C') })
    expect(kept.est).toBeCloseTo(0.38376, 5)
    expect(without.est).toBeCloseTo(0.3106, 4)
  })
  for (const method of ['FE', 'DL', 'PM']) {
    it(`is refused by ${method} with a message naming the study, as metafor refuses it`, () => {
      const c = byName(`vi = 0 refused, ${method}`)
      expect(() => analyzeUnivariate(c.spec)).toThrow(InputError)
      expect(() => analyzeUnivariate(c.spec)).toThrow(/study "C" has a sampling variance of 0/)
      expect(c.metafor?.error).toMatch(method === 'FE' ? /Division by zero/ : new RegExp(`${method} estimator cannot be used`))
    })
  }
  it('is pooled when every variance is 0 (HE), as metafor', () => {
    expectUnivariateAgrees(byName('every vi = 0, HE'))
  })
  it('comes from sd = 0 in both groups (MD keeps it; SMD is not finite and is skipped, as in metafor)', () => {
    const md = expectUnivariateAgrees(byName('MD with sd = 0 in both groups'))
    expect(md.k).toBe(byName('MD with sd = 0 in both groups').metafor?.value?.k)
    const smd = expectUnivariateAgrees(byName('SMD with sd = 0 in both groups'))
    expect(smd.k).toBe(byName('SMD with sd = 0 in both groups').metafor?.value?.k)
    expect(smd.skipped).toHaveLength(1)
  })
  it('is not what r = 1 gives: the Fisher z is infinite and the study is skipped, as metafor omits it', () => {
    const c = byName('ZCOR with r = 1')
    const actual = expectUnivariateAgrees(c)
    expect(actual.k).toBe(c.metafor?.value?.k)
    expect(actual.warnings.some((w) => w.includes('skipped: the effect size is not finite'))).toBe(true)
  })
  it('takes part in leave-one-out and cumulative analyses; a step the model cannot fit is empty, not an error', () => {
    const c = byName('vi = 0 kept, REML')
    const actual = analyzeUnivariate({ ...c.spec, leave1out: true, cumulative: true, bias: true })
    expect(actual.leave1out?.map((r) => r.id)).toEqual(['A', 'B', 'C', 'D'])
    expect(actual.leave1out?.[2]?.est).toBeCloseTo(0.3106, 4)
    expect(actual.cumulative?.[0]?.est).toBe(0.2)
    // C alone (vi = 0, tau2 = 0 for k = 1) cannot be fitted: that row is NaN, as metafor gives NA
    const cFirst = analyzeUnivariate({ ...c.spec, studies: [c.spec.studies[2], ...c.spec.studies.filter((s) => s.id !== 'C')], cumulative: true })
    expect(cFirst.cumulative?.[0]?.est).toBeNaN()
    expect(cFirst.cumulative?.[3]?.est).toBeCloseTo(0.38376, 5)
    expect(actual.warnings.some((w) => /publication bias.*sampling variance of 0/.test(w))).toBe(true)
  })
})

describe('a negative sampling variance', () => {
  it('leaves the study out with a warning naming it (metafor 3.8.1 would set it to 0)', () => {
    const c = byName('vi < 0 omitted')
    const actual = expectUnivariateAgrees(c)
    expect(actual.skipped).toEqual([{ id: 'C', reason: 'the sampling variance is negative (vi = -0.005)' }])
    expect(actual.warnings).toContain('study "C" skipped: the sampling variance is negative (vi = -0.005)')
    expect(c.metafor?.warnings).toContain('Negative sampling variances constrained to zero.')
  })
})

describe('repeated study labels', () => {
  it('are told apart in order, and the analysis is the one of the same studies with unique labels', () => {
    const c = byName('repeated study labels (dat.bcg by author)')
    const actual = expectUnivariateAgrees(c)
    expect(actual.ids.filter((id) => id.startsWith('Comstock et al'))).toEqual(['Comstock et al', 'Comstock et al (2)'])
    expect(actual.ids).toContain('Rosenthal et al (2)')
    expect(actual.warnings[0]).toBe('repeated study labels told apart: "Rosenthal et al" → "Rosenthal et al (2)", "Comstock et al" → "Comstock et al (2)"')
    expect(c.metafor?.value?.labels).toContain('Rosenthal et al.1')
  })
  it('skip numbers another study already has', () => {
    expect(uniqueLabels(['A', 'A', 'A (2)', 'A']).labels).toEqual(['A', 'A (3)', 'A (2)', 'A (4)'])
    expect(uniqueLabels(['A', 'B']).warning).toBeNull()
  })
  it('in a DTA review are told apart too, and the fit is the one with unique labels', () => {
    const c = byName('DTA with repeated study labels (dat.kearon1998 by author)')
    const actual = analyzeDta(c.spec)
    expect(actual.studies.map((s) => s.id)).toEqual(c.expected?.ids)
    expect(actual.warnings.some((w) => w.startsWith('repeated study labels told apart: "Borris et al." → "Borris et al. (2)"'))).toBe(true)
    const bivariate = JSON.parse(readFileSync('tests/reference/dta-bivariate.json', 'utf8')) as { cases: { name: string; coefficients: number[] }[] }
    const fit = bivariate.cases.find((r) => r.name === c.reference_case)!
    expect(actual.logit_sens).toBeCloseTo(fit.coefficients[0]!, 4)
    expect(actual.logit_spec).toBeCloseTo(fit.coefficients[1]!, 4)
  })
})

describe('a moderator that never varies', () => {
  it('as a factor with one level is refused, as metafor refuses it', () => {
    const c = byName('factor moderator with one level')
    const actual = analyzeUnivariate(c.spec)
    expect(actual.metaRegression).toBeUndefined()
    expect(actual.warnings).toContain(
      'meta-regression not computed: moderator "design" has a single level ("RCT") among the 4 studies that have every moderator; a categorical moderator needs at least two levels',
    )
    expect(c.metafor?.error).toBe('contrasts can be applied only to factors with 2 or more levels')
  })
  it('as a constant number is refused, where metafor drops it and tests the intercept as if it were the moderator', () => {
    const c = byName('numeric moderator that never varies')
    const studies = c.spec.studies as unknown as { yi: number; vi: number; mods: Record<string, number> }[]
    expect(() => metaRegression({ yi: studies.map((s) => s.yi), vi: studies.map((s) => s.vi), mods: studies.map((s) => s.mods) })).toThrow(
      'no moderator varies among the 4 studies that have every moderator ("dose"), so there is nothing to test',
    )
    expect(c.metafor?.warnings).toContain('Redundant predictors dropped from the model.')
    expect(c.metafor?.value?.QM).toBeGreaterThan(20)
  })
})

describe('a 2x2 table with an empty group', () => {
  for (const name of ['OR MH', 'RR MH', 'RD MH', 'OR PETO', 'OR REML']) {
    it(`counts in k and Q under ${name}, as metafor`, () => {
      const c = byName(`${name} with an empty group`)
      const actual = expectUnivariateAgrees(c)
      expect(actual.k).toBe(4)
      expect(actual.k).toBe(c.metafor?.value?.k)
      expect(actual.Q).toBeCloseTo(c.metafor?.value?.Q as number, 6)
      expect(actual.warnings).toContain('study "S4": group 2 has no participants; the study\'s outcome rests on the correction added to its cells')
    })
  }
})

describe('DTA with two studies', () => {
  for (const model of ['bivariate', 'glmm']) {
    it(`pools sensitivity and specificity separately (${model} asked), saying why`, () => {
      const c = byName(`DTA with two studies, ${model}`)
      const actual = analyzeDta(c.spec)
      expect(compareWithR(actual, c.expected, tolerance.univariate).mismatches).toEqual([])
      expect(actual.model).toBe('univariate')
      expect(actual.sroc).toBeNull()
      expect(actual.warnings[0]).toMatch(/^with 2 studies the .* model's two between-study variances and their correlation cannot be estimated/)
      // metafor's rma.mv "fits" the bivariate model with the correlation on the boundary
      expect(c.metafor?.value?.rho as number).toBeLessThan(-0.9999)
    })
  }
  it('still refuses a single study', () => {
    const c = byName('DTA with two studies, bivariate')
    expect(() => analyzeDta({ ...c.spec, studies: c.spec.studies.slice(0, 1) })).toThrow('a meta-analysis needs at least 2 studies, got 1')
  })
})

describe('a GLMM with complete separation', () => {
  for (const which of ['every fn = 0', 'every fn = 0 and fp = 0']) {
    it(`reports converged: false with no estimates when ${which}`, () => {
      const c = byName(`GLMM with complete separation, ${which}`)
      const actual = analyzeDta(c.spec)
      expect(actual.converged).toBe(false)
      expect(actual.sens).toBeNull()
      expect(actual.spec).toBeNull()
      expect(actual.sens_ci).toBeNull()
      expect(actual.auc).toBeNull()
      expect(actual.warnings[0]).toMatch(/^the GLMM was not fitted: every study has fn = 0 \(sensitivity 1\).*use the bivariate model with a continuity correction/)
      // what glmer does: a logit of ~27 with a standard error of ~800, or an error
      const glmer = c.metafor
      if (glmer?.error) expect(glmer.error).toBe('Response is constant')
      else expect(((glmer?.value?.se ?? []) as number[])[0]).toBeGreaterThan(100)
      // the suggested model runs on the same data
      const corrected = analyzeDta({ ...c.spec, model: 'bivariate' })
      expect(corrected.sens).toBeGreaterThan(0.9)
    })
  }
})

describe('the AUC', () => {
  for (const name of ['AUC, kearon1998', 'AUC, auditc']) {
    it(`is the exact integral of the SROC curve; mada's 99-point average is within 0.01 (${name})`, () => {
      const c = byName(name)
      const actual = analyzeDta(c.spec)
      const auc = actual.auc as number
      expect(Math.abs(auc - (c.expected?.auc as number))).toBeLessThan(tolerance.bivariate * (c.expected?.auc as number))
      const s = Array.from({ length: 99 }, (_, i) => srocSensitivity(actual.hsroc!, (i + 1) / 100))
      const mada = (s[0]! / 2 + s.slice(1, 98).reduce((a, b) => a + b, 0) + s[98]! / 2) / 99
      expect(Math.abs(mada - (c.expected?.auc_99_points as number))).toBeLessThan(tolerance.bivariate)
      expect(auc - mada).toBeGreaterThan(0)
      expect(auc - mada).toBeLessThan(0.01)
    })
  }
})
