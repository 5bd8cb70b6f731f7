import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { analyzeDta } from '@/core/dta/analyze-dta'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'
import { callerFor, outcome, reviewWithStudies } from '../helpers/fixtures'

const tables = [
  { tp: 37, fp: 4, fn: 3, tn: 31 },
  { tp: 37, fp: 24, fn: 25, tn: 34 },
  { tp: 13, fp: 3, fn: 12, tn: 27 },
  { tp: 31, fp: 12, fn: 2, tn: 15 },
  { tp: 40, fp: 6, fn: 8, tn: 46 },
  { tp: 10, fp: 13, fn: 10, tn: 31 },
]

/** Studies with agreed 2x2 tables, correlations and QUADAS-2 patient-selection judgements, written as consensus. */
async function reviewWithData() {
  const t = await reviewWithStudies(tables.length)
  const quality = await callerFor(t.users.lead).forms.create({ reviewId: t.review.id, kind: 'QUALITY', templateKey: 'quadas2' })
  const version = await prisma().formVersion.findFirstOrThrow({ where: { formId: t.form.id } })
  const qVersion = await prisma().formVersion.findFirstOrThrow({ where: { formId: quality.id } })
  for (const [i, s] of t.studies.entries()) {
    const base = { studyId: s.id, source: 'agreement', entered: [] }
    await prisma().consensusValue.createMany({
      data: [
        { ...base, formId: t.form.id, formVersionId: version.id, path: 'index_tests[0].two_by_two', value: tables[i]! },
        { ...base, formId: t.form.id, formVersionId: version.id, path: 'index_tests[0].correlation', value: { r: 0.8 + i * 0.02, n: 30 + 5 * i } },
        { ...base, formId: t.form.id, formVersionId: version.id, path: 'index_tests[0].algorithm', value: i % 2 ? 'Deep learning' : 'Radiomics' },
        { ...base, formId: quality.id, formVersionId: qVersion.id, path: 'd1.risk_of_bias', value: { value: i < 2 ? 'high' : 'low', note: '' } },
      ],
    })
  }
  return { ...t, quality }
}

const dtaSpec = (formId: string) => ({ kind: 'dta' as const, formId, source: { sectionId: 'index_tests', fieldId: 'two_by_two' }, model: 'bivariate' as const, method: 'REML' as const })

describe('analyses', () => {
  it('pools agreed 2x2 tables exactly as the core does, and leaves out high-risk studies in a sensitivity analysis', async () => {
    const t = await reviewWithData()
    const lead = callerFor(t.users.lead)
    const saved = await lead.analyses.save({ reviewId: t.review.id, name: 'Overall accuracy', spec: dtaSpec(t.form.id) })
    const r = await callerFor(t.users.viewer).analyses.result({ reviewId: t.review.id, analysisId: saved.id })
    const direct = analyzeDta({ type: 'dta', model: 'bivariate', method: 'REML', studies: t.studies.map((s, i) => ({ id: s.label, ...tables[i]! })) })
    expect(r.dta!.sens).toBe(direct.sens)
    expect(r.dta!.spec).toBe(direct.spec)
    expect(r.rows).toHaveLength(6)
    expect(r.rows[0]!.provenance).toMatchObject({ source: 'agreement' })

    const sensitivity = await lead.analyses.save({
      reviewId: t.review.id,
      name: 'Low risk of bias in patient selection',
      spec: { ...dtaSpec(t.form.id), excludeRisk: { qualityFormId: t.quality.id, domainId: 'd1', includeUnclear: false }, leaveOneOut: true },
    })
    const s = await lead.analyses.result({ reviewId: t.review.id, analysisId: sensitivity.id })
    expect(s.leftOut.map((x) => x.label)).toEqual([t.studies[0]!.label, t.studies[1]!.label])
    expect(s.dta!.k).toBe(4)
    expect(s.leaveOneOut).toHaveLength(4)
  })

  it('pools correlations with subgroups from an extracted field', async () => {
    const t = await reviewWithData()
    const saved = await callerFor(t.users.owner).analyses.save({
      reviewId: t.review.id,
      name: 'Correlation with R2',
      spec: {
        kind: 'univariate',
        formId: t.form.id,
        source: { sectionId: 'index_tests', fieldId: 'correlation' },
        measure: 'ZCOR',
        method: 'REML',
        subgroup: { sectionId: 'index_tests', fieldId: 'algorithm' },
      },
    })
    const r = await callerFor(t.users.owner).analyses.result({ reviewId: t.review.id, analysisId: saved.id })
    const direct = analyzeUnivariate({
      type: 'univariate',
      measure: 'ZCOR',
      method: 'REML',
      studies: t.studies.map((s, i) => ({ id: s.label, ri: 0.8 + i * 0.02, ni: 30 + 5 * i, group: i % 2 ? 'Deep learning' : 'Radiomics' })),
    })
    expect(r.univariate!.transformed.est).toBeCloseTo(direct.transformed.est, 12)
    expect(r.univariate!.subgroups!.map((g) => g.group).sort()).toEqual(['Deep learning', 'Radiomics'])
  })

  it('reports a model that cannot be fitted instead of failing, and refuses a field that cannot feed the analysis', async () => {
    const t = await reviewWithStudies(1)
    const lead = callerFor(t.users.lead)
    const saved = await lead.analyses.save({ reviewId: t.review.id, name: 'Too few', spec: dtaSpec(t.form.id) })
    const r = await lead.analyses.result({ reviewId: t.review.id, analysisId: saved.id })
    expect(r.error).toMatch(/stud/)
    expect(r.leftOut).toHaveLength(1)
    expect(await outcome(() => lead.analyses.save({ reviewId: t.review.id, name: 'Wrong', spec: { ...dtaSpec(t.form.id), source: { sectionId: 'study', fieldId: 'country' } } }))).toBe('BAD_REQUEST')
  })
})

describe('managing analyses', () => {
  it('duplicates and deletes an analysis, each audited; a reviewer may do neither', async () => {
    const t = await reviewWithData()
    const lead = callerFor(t.users.lead)
    const original = await lead.analyses.save({ reviewId: t.review.id, name: 'Overall accuracy', spec: { ...dtaSpec(t.form.id), leaveOneOut: true } })
    const copy = await lead.analyses.duplicate({ reviewId: t.review.id, analysisId: original.id })
    expect(copy.name).toBe('Overall accuracy (copy)')
    expect((await lead.analyses.duplicate({ reviewId: t.review.id, analysisId: original.id })).name).toBe('Overall accuracy (copy 2)')
    const list = await lead.analyses.list({ reviewId: t.review.id })
    expect(list.map((a) => a.name)).toEqual(['Overall accuracy', 'Overall accuracy (copy)', 'Overall accuracy (copy 2)'])
    expect(list[1]!.spec).toEqual(list[0]!.spec)
    expect(await outcome(() => callerFor(t.users.reviewer).analyses.duplicate({ reviewId: t.review.id, analysisId: original.id }))).toBe('FORBIDDEN')
    expect(await outcome(() => callerFor(t.users.reviewer).analyses.delete({ reviewId: t.review.id, analysisId: copy.id }))).toBe('FORBIDDEN')
    await lead.analyses.delete({ reviewId: t.review.id, analysisId: copy.id })
    expect((await lead.analyses.list({ reviewId: t.review.id })).map((a) => a.name)).toEqual(['Overall accuracy', 'Overall accuracy (copy 2)'])
    const audit = await prisma().auditEvent.findMany({ where: { reviewId: t.review.id, entity: 'Analysis' }, orderBy: { createdAt: 'asc' } })
    expect(audit.map((e) => e.action)).toEqual(['analysis.created', 'analysis.duplicated', 'analysis.duplicated', 'analysis.deleted'])
    expect(audit[1]!.before).toMatchObject({ from: original.id, name: 'Overall accuracy' })
    expect(audit[3]!.before).toMatchObject({ name: 'Overall accuracy (copy)' })
  })

  it('says which analyses changed, or are new, since the latest published version', async () => {
    const t = await reviewWithData()
    const lead = callerFor(t.users.lead)
    const a = await lead.analyses.save({ reviewId: t.review.id, name: 'Overall accuracy', spec: dtaSpec(t.form.id) })
    const b = await lead.analyses.save({ reviewId: t.review.id, name: 'By algorithm', spec: dtaSpec(t.form.id) })
    expect((await lead.analyses.list({ reviewId: t.review.id })).map((x) => x.publication)).toEqual([null, null])
    await lead.publication.publish({ reviewId: t.review.id, notes: 'First version.' })
    const status = async () => Object.fromEntries((await lead.analyses.list({ reviewId: t.review.id })).map((x) => [x.name, [x.publication, x.since]]))
    expect(await status()).toEqual({ 'Overall accuracy': ['published', 1], 'By algorithm': ['published', 1] })
    await lead.analyses.save({ reviewId: t.review.id, analysisId: a.id, name: 'Overall accuracy', spec: { ...dtaSpec(t.form.id), model: 'glmm' } })
    await lead.analyses.save({ reviewId: t.review.id, analysisId: b.id, name: 'By algorithm (CNN only)', spec: dtaSpec(t.form.id) })
    await lead.analyses.duplicate({ reviewId: t.review.id, analysisId: a.id })
    expect(await status()).toEqual({
      'Overall accuracy': ['changed', 1],
      'By algorithm (CNN only)': ['changed', 1],
      'Overall accuracy (copy)': ['new', 1],
    })
  })
})

describe('published versions', () => {
  it('publishes an immutable snapshot: the database refuses to change or delete it', async () => {
    const t = await reviewWithData()
    const lead = callerFor(t.users.lead)
    await lead.analyses.save({ reviewId: t.review.id, name: 'Overall accuracy', spec: dtaSpec(t.form.id) })
    const v1 = await lead.publication.publish({ reviewId: t.review.id, notes: 'First version: six studies.' })
    expect(v1.number).toBe(1)
    await expect(prisma().reviewVersion.update({ where: { id: v1.id }, data: { notes: 'rewritten' } })).rejects.toThrow(/cannot be changed or deleted/)
    await expect(prisma().reviewVersion.delete({ where: { id: v1.id } })).rejects.toThrow(/cannot be changed or deleted/)
    expect(await outcome(() => callerFor(t.users.reviewer).publication.publish({ reviewId: t.review.id, notes: 'Not allowed to publish.' }))).toBe('FORBIDDEN')
    const v2 = await lead.publication.publish({ reviewId: t.review.id, notes: 'Second version, unchanged data.' })
    expect(v2.number).toBe(2)
    const row = await prisma().reviewVersion.findUniqueOrThrow({ where: { id: v2.id } })
    const snapshot = row.snapshot as { studies: unknown[]; analyses: { summary: { sens: number[] } }[]; changes: { studiesAdded: string[]; estimates: unknown[] } }
    expect(snapshot.studies).toHaveLength(6)
    expect(snapshot.changes.studiesAdded).toEqual([])
    expect(snapshot.analyses[0]!.summary.sens[0]).toBeGreaterThan(0.5)
  })
})
