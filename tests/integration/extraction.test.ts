import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import type { FormDefinition } from '@/core/forms/definition'
import { callerFor, outcome, reviewWithStudies } from '../helpers/fixtures'
import { httpMutation } from '../helpers/http'

const entry = (overrides: Record<string, unknown> = {}) => ({
  study: { n_participants: 40 },
  population: { population: 'Thalassaemia major, transfusion-dependent' },
  reference: { reference_standard: 'r2_ferriscan' },
  index_tests: [{ name: 'CNN', algorithm: 'cnn', validation: 'internal', two_by_two: { tp: 18, fp: 4, fn: 3, tn: 15 }, ...overrides }],
})

async function twoExtractors() {
  const t = await reviewWithStudies(1)
  const study = t.studies[0]!
  await callerFor(t.users.lead).studies.assign({ reviewId: t.review.id, studyId: study.id, formId: t.form.id, userIds: [t.users.reviewer.id, t.users.target.id] })
  const a = callerFor(t.users.reviewer)
  const b = callerFor(t.users.target)
  const key = { reviewId: t.review.id, studyId: study.id, formId: t.form.id }
  return { ...t, study, a, b, key }
}

describe('dual extraction', () => {
  it('keeps each extractor blind to the other until both submit', async () => {
    const t = await twoExtractors()
    await t.a.entries.save({ ...t.key, values: entry(), submit: true })
    const before = await t.b.entries.comparison(t.key)
    expect(before.open).toBe(false)
    expect(before.fields).toBeNull()
    expect(before.people.map((p) => p.status).sort()).toEqual(['NOT_STARTED', 'SUBMITTED'])
    expect(JSON.stringify(await t.b.entries.mine(t.key))).not.toContain('Thalassaemia')
    const leadView = await callerFor(t.users.lead).entries.comparison(t.key)
    expect(leadView.fields).toBeNull()
    // someone not assigned cannot read or write the entry, and a viewer cannot even ask
    expect(await outcome(() => callerFor(t.users.lead).entries.mine(t.key))).toBe('FORBIDDEN')
    expect(await outcome(() => callerFor(t.users.viewer).entries.comparison(t.key))).toBe('FORBIDDEN')
    expect(await outcome(() => callerFor(t.users.outsider).entries.comparison(t.key))).toBe('NOT_FOUND')
  })

  it('compares field by field, records agreements, and lets the lead settle a discrepancy', async () => {
    const t = await twoExtractors()
    await t.a.entries.save({ ...t.key, values: entry(), submit: true })
    await t.b.entries.save({ ...t.key, values: entry({ two_by_two: { tp: 18, fp: 5, fn: 3, tn: 14 } }), submit: true })
    const view = await callerFor(t.users.lead).entries.comparison(t.key)
    expect(view.open).toBe(true)
    const states = Object.fromEntries(view.fields!.filter((f) => f.state !== 'empty').map((f) => [f.path, f.state]))
    expect(states).toMatchObject({ 'study.n_participants': 'agree', 'index_tests[0].name': 'agree', 'index_tests[0].two_by_two': 'differ' })
    // agreements became consensus at once; the difference did not
    const consensus = await prisma().consensusValue.findMany({ where: { studyId: t.study.id } })
    expect(consensus.map((c) => c.path)).toContain('index_tests[0].name')
    expect(consensus.map((c) => c.path)).not.toContain('index_tests[0].two_by_two')
    expect(consensus.every((c) => c.source === 'agreement' && c.decidedById === null)).toBe(true)
    // the lead picks Rita's table
    await callerFor(t.users.lead).entries.setConsensus({ ...t.key, path: 'index_tests[0].two_by_two', choice: { source: 'entry', userId: t.users.reviewer.id } })
    const settled = await prisma().consensusValue.findUniqueOrThrow({ where: { studyId_formId_path: { studyId: t.study.id, formId: t.form.id, path: 'index_tests[0].two_by_two' } } })
    expect(settled).toMatchObject({ value: { tp: 18, fp: 4, fn: 3, tn: 15 }, source: 'entry', decidedById: t.users.lead.id })
    expect((settled.entered as { value: unknown }[]).map((e) => e.value)).toEqual([
      { tp: 18, fp: 4, fn: 3, tn: 15 },
      { tp: 18, fp: 5, fn: 3, tn: 14 },
    ])
    // neither a viewer nor one of the pair settles a difference: a lead does
    expect(await outcome(() => callerFor(t.users.viewer).entries.setConsensus({ ...t.key, path: 'index_tests[0].threshold', choice: { source: 'manual', value: '7' } }))).toBe('FORBIDDEN')
    expect(await outcome(() => t.b.entries.setConsensus({ ...t.key, path: 'index_tests[0].threshold', choice: { source: 'manual', value: '7 mg Fe/g' } }))).toBe('FORBIDDEN')
    await callerFor(t.users.lead).entries.setConsensus({ ...t.key, path: 'index_tests[0].threshold', choice: { source: 'manual', value: '7 mg Fe/g' } })
    const actions = (await prisma().auditEvent.findMany({ where: { reviewId: t.review.id }, orderBy: { id: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['entry.submitted', 'consensus.agreements_recorded', 'consensus.set']))
  })

  it('refuses consensus before both have submitted, and an invalid manual value with the reason', async () => {
    const t = await twoExtractors()
    await t.a.entries.save({ ...t.key, values: entry(), submit: true })
    expect(await outcome(() => callerFor(t.users.lead).entries.setConsensus({ ...t.key, path: 'index_tests[0].two_by_two', choice: { source: 'entry', userId: t.users.reviewer.id } }))).toBe(
      'PRECONDITION_FAILED',
    )
    await t.b.entries.save({ ...t.key, values: entry(), submit: true })
    const r = await httpMutation('entries.setConsensus', { ...t.key, path: 'index_tests[0].two_by_two', choice: { source: 'manual', value: { tp: 1, fp: 2, fn: -3, tn: 4 } } }, t.users.lead)
    expect(r.status).toBe(400)
    expect(r.error?.fieldErrors).toEqual({ value: ['2x2 table: FN must be a whole number of 0 or more'] })
    expect(await outcome(() => callerFor(t.users.lead).entries.setConsensus({ ...t.key, path: 'nowhere.field', choice: { source: 'manual', value: 1 } }))).toBe('BAD_REQUEST')
  })
})

describe('validation of compound fields in entries', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['2x2 table', { two_by_two: { tp: 5, fp: 1.5, fn: 2, tn: 9 } }, '2x2 table: FP must be a whole number of 0 or more'],
    ['correlation', { correlation: { r: -1.4, n: 30 } }, 'Correlation with the reference standard: r must be between -1 and 1'],
    ['correlation n', { correlation: { r: 0.9, n: 2 } }, 'Correlation with the reference standard: n must be a whole number of 4 or more'],
    ['mean error', { mean_error: { kind: 'mae', mean: -0.2, sd: 1, n: 20 } }, 'Mean difference from the reference standard: a mean absolute error cannot be negative'],
  ]
  it.each(cases)('refuses a bad %s with a clear message and saves nothing', async (_, bad, message) => {
    const t = await twoExtractors()
    const r = await httpMutation('entries.save', { ...t.key, values: entry(bad) }, t.users.reviewer)
    expect(r.status).toBe(400)
    expect(r.error?.fieldErrors).toEqual({ [`index_tests[0].${Object.keys(bad)[0]}`]: [message] })
    expect(await prisma().formEntry.count({ where: { studyId: t.study.id } })).toBe(0)
  })

  it('refuses a bad two-group outcome in the intervention template', async () => {
    const t = await twoExtractors()
    const form = await callerFor(t.users.lead).forms.create({ reviewId: t.review.id, kind: 'EXTRACTION', templateKey: 'intervention' })
    await callerFor(t.users.lead).studies.assign({ reviewId: t.review.id, studyId: t.study.id, formId: form.id, userIds: [t.users.reviewer.id, t.users.target.id] })
    const r = await httpMutation(
      'entries.save',
      { reviewId: t.review.id, studyId: t.study.id, formId: form.id, values: { dichotomous: [{ outcome: 'Death', data: { events1: 30, total1: 20, events2: 1, total2: 20 } }] } },
      t.users.reviewer,
    )
    expect(r.error?.fieldErrors).toEqual({ 'dichotomous[0].data': ['Events / total (intervention, comparator): events (group 1) cannot exceed its total'] })
  })

  it('requires the required fields on submission, naming each', async () => {
    const t = await twoExtractors()
    const r = await httpMutation('entries.save', { ...t.key, values: { study: {}, index_tests: [{}] }, submit: true }, t.users.reviewer)
    expect(r.status).toBe(400)
    expect(r.error?.fieldErrors).toMatchObject({
      'population.population': ['Participants (presenting condition, prior tests, inclusion criteria) is required'],
      'reference.reference_standard': ['Reference standard is required'],
      'index_tests[0].name': ['Index test is required'],
    })
  })
})

describe('form versions', () => {
  it('keeps values entered under an earlier version when the form changes', async () => {
    const t = await twoExtractors()
    await t.a.entries.save({ ...t.key, values: entry({ threshold: '> 7 mg Fe/g' }) })
    const lead = callerFor(t.users.lead)
    const { definition } = await lead.forms.get({ reviewId: t.review.id, formId: t.form.id })
    const next: FormDefinition = {
      sections: definition.sections.map((s) => (s.id === 'index_tests' ? { ...s, fields: [...s.fields.filter((f) => f.id !== 'threshold'), { id: 'gpu', type: 'text', label: 'GPU' }] } : s)),
    }
    expect(await lead.forms.saveVersion({ reviewId: t.review.id, formId: t.form.id, definition: next })).toEqual({ version: 2, changed: true })
    // saving under version 2 keeps the value of the removed field
    const mine = await t.a.entries.mine(t.key)
    expect(mine.form.version).toBe(2)
    expect(mine.kept).toEqual([{ path: 'index_tests[0].threshold', value: '> 7 mg Fe/g' }])
    await t.a.entries.save({ ...t.key, values: { ...mine.values, index_tests: [{ ...(mine.values.index_tests as object[])[0], gpu: 'A100' }] } })
    const stored = await prisma().formEntry.findFirstOrThrow({ where: { studyId: t.study.id, userId: t.users.reviewer.id } })
    expect((stored.values as { index_tests: Record<string, unknown>[] }).index_tests[0]).toMatchObject({ threshold: '> 7 mg Fe/g', gpu: 'A100', name: 'CNN' })
    // a field may not change type
    const retyped: FormDefinition = {
      sections: next.sections.map((s) => (s.id === 'study' ? { ...s, fields: s.fields.map((f) => (f.id === 'country' ? { ...f, type: 'integer' as const } : f)) } : s)),
    }
    expect(await outcome(() => lead.forms.saveVersion({ reviewId: t.review.id, formId: t.form.id, definition: retyped }))).toBe('BAD_REQUEST')
    expect((await lead.forms.get({ reviewId: t.review.id, formId: t.form.id })).version).toBe(2)
  })
})

describe('notes on agreed values', () => {
  it('a lead explains a decision; the note is kept, audited, shown in the comparison, and removed when blanked', async () => {
    const t = await twoExtractors()
    await t.a.entries.save({ ...t.key, values: entry(), submit: true })
    await t.b.entries.save({ ...t.key, values: entry({ two_by_two: { tp: 18, fp: 5, fn: 3, tn: 14 } }), submit: true })
    const lead = callerFor(t.users.lead)
    expect(await outcome(() => lead.entries.noteConsensus({ ...t.key, path: 'index_tests[0].two_by_two', note: 'x' }))).toBe('PRECONDITION_FAILED')
    await lead.entries.setConsensus({ ...t.key, path: 'index_tests[0].two_by_two', choice: { source: 'entry', userId: t.users.reviewer.id } })
    await lead.entries.noteConsensus({ ...t.key, path: 'index_tests[0].two_by_two', note: '  Table 3 of the full text, not the abstract  ' })
    const view = await lead.entries.comparison(t.key)
    expect(view.consensus!.find((c) => c.path === 'index_tests[0].two_by_two')!.note).toBe('Table 3 of the full text, not the abstract')
    expect(await outcome(() => t.a.entries.noteConsensus({ ...t.key, path: 'index_tests[0].two_by_two', note: 'mine' }))).toBe('FORBIDDEN')
    await lead.entries.noteConsensus({ ...t.key, path: 'index_tests[0].two_by_two', note: ' ' })
    expect((await lead.entries.comparison(t.key)).consensus!.find((c) => c.path === 'index_tests[0].two_by_two')!.note).toBeNull()
    expect((await prisma().auditEvent.findMany({ where: { reviewId: t.review.id, action: 'consensus.noted' } })).length).toBe(2)
  })
})
