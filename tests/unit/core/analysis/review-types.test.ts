import { describe, expect, it } from 'vitest'
import { runAnalysis } from '@/core/analysis/run-analysis'
import { analysisSpecSchema, measuresFor } from '@/core/analysis/spec'
import { checkEntry } from '@/core/forms/validate-entry'
import { checkFieldValue } from '@/core/forms/validate-value'
import { diagnosticAccuracyTemplate, extractionTemplates, prevalenceTemplate } from '@/core/forms/templates'
import { reviewTypeInfo, reviewTypes } from '@/core/review-types'
import { qualityTools } from '@/core/quality/tools'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'

describe('review types', () => {
  it('each has its own exclusion reasons and suggests forms that exist', () => {
    for (const t of reviewTypes) {
      const info = reviewTypeInfo[t]
      expect(new Set(info.exclusionReasons).size, t).toBe(info.exclusionReasons.length)
      if (info.template) expect(extractionTemplates[info.template], t).toBeDefined()
      if (info.qualityTool) expect(qualityTools[info.qualityTool], t).toBeDefined()
    }
    expect(reviewTypeInfo.intervention.exclusionReasons).toContain('Wrong comparator')
    expect(reviewTypeInfo.intervention.exclusionReasons.join()).not.toMatch(/index test|reference standard/i)
    expect(reviewTypeInfo.prevalence.exclusionReasons).toContain('No prevalence data (no numerator or denominator)')
  })

  it('ships templates worded for any topic: no MRI, liver or algorithm families outside the demo', () => {
    const words = JSON.stringify(extractionTemplates)
    for (const topic of [/MRI/, /liver/i, /FerriScan/, /biopsy/i, /CNN/, /radiomics/i, /fuzzy/i, /per slice/]) expect(words).not.toMatch(topic)
    // index test, reference standard and target condition are the team's words, not a list of ours
    const fields = diagnosticAccuracyTemplate.sections.flatMap((s) => s.fields)
    for (const id of ['reference_standard', 'target_condition', 'name', 'algorithm']) expect(fields.find((f) => f.id === id)?.type, id).toBe('text')
  })
})

describe('prevalence: cases out of participants', () => {
  it('refuses counts that cannot be', () => {
    const field = { id: 'p', type: 'proportion' as const, label: 'Cases / participants' }
    expect(checkFieldValue(field, { events: '12', total: 80 })).toEqual({ ok: true, value: { events: 12, total: 80 } })
    expect(checkFieldValue(field, { events: 81, total: 80 })).toEqual({ ok: false, message: 'events cannot exceed the total' })
    expect(checkFieldValue(field, { events: 3, total: 0 }).ok).toBe(false)
    const entry = checkEntry(prevalenceTemplate, { population: { population: 'Adults in primary care' }, condition: { condition: 'Iron deficiency' }, estimates: [{}] }, { submit: true })
    expect(entry.errors['estimates[0].proportion']).toBe('Cases / participants is required')
  })

  it('pools proportions on the logit scale as metafor does, by subgroup when asked', () => {
    expect(measuresFor('proportion')).toEqual(['PLO', 'PR', 'PFT'])
    const counts = [
      [12, 80, 'Women'],
      [30, 150, 'Men'],
      [7, 64, 'Women'],
      [25, 90, 'Men'],
    ] as const
    const studies = counts.map(([events, total, group], i) => ({
      studyId: `s${i}`,
      label: `Study ${i + 1}`,
      values: { population: { population: 'Adults' }, condition: { condition: 'Anaemia' }, estimates: [{ subgroup: group, proportion: { events, total } }] },
    }))
    const spec = analysisSpecSchema.parse({ kind: 'univariate', formId: 'f', source: { sectionId: 'estimates', fieldId: 'proportion' }, measure: 'PLO', method: 'REML' })
    const result = runAnalysis(spec, prevalenceTemplate, studies)
    expect(result.error).toBeNull()
    const direct = analyzeUnivariate({ type: 'univariate', measure: 'PLO', method: 'REML', studies: counts.map(([xi, ni], i) => ({ id: `Study ${i + 1}`, xi, ni })) })
    expect(result.univariate!.est).toBeCloseTo(direct.est, 12)
    expect(result.univariate!.tau2).toBeCloseTo(direct.tau2, 12)
    expect(result.univariate!.k).toBe(4)
    const bySex = runAnalysis({ ...spec, subgroup: { sectionId: 'estimates', fieldId: 'subgroup' } }, prevalenceTemplate, studies)
    expect(bySex.univariate!.subgroups!.map((g) => g.group).sort()).toEqual(['Men', 'Women'])
  })
})
