import { describe, expect, it } from 'vitest'
import type { FieldDefinition, FormDefinition } from '@/core/forms/definition'
import { idFromLabel } from '@/core/forms/definition'
import { checkFieldValue } from '@/core/forms/validate-value'
import { checkEntry } from '@/core/forms/validate-entry'
import { checkDefinition } from '@/core/forms/validate-definition'
import { compareEntries, parsePath } from '@/core/forms/compare'
import { extractionTemplates, diagnosticAccuracyTemplate } from '@/core/forms/templates'
import { qualityTools, quadas2 } from '@/core/quality/tools'
import { formDefinitionSchema } from '@/core/forms/definition-schema'

const f = (type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ id: 'x', label: 'X', type, ...extra })
const labels: Partial<Record<FieldDefinition['type'], string>> = { two_by_two: '2x2 table', correlation: 'Correlation', mean_error: 'Mean error', two_group: 'Two-group outcome' }
/** The message a person sees: the field's label, then the reason (as checkEntry words it). */
const message = (field: FieldDefinition, value: unknown) => {
  const label = labels[field.type] ?? field.label
  const entry = checkEntry({ sections: [{ id: 's', title: 'S', fields: [{ ...field, label }] }] }, { s: { x: value } })
  return entry.errors['s.x'] ?? null
}

describe('compound fields refuse bad values with a clear message', () => {
  it('2x2 table', () => {
    expect(checkFieldValue(f('two_by_two'), { tp: '12', fp: 3, fn: 0, tn: 40 })).toEqual({ ok: true, value: { tp: 12, fp: 3, fn: 0, tn: 40 } })
    expect(message(f('two_by_two'), { tp: 12, fp: -1, fn: 0, tn: 40 })).toBe('2x2 table: FP must be a whole number of 0 or more')
    expect(message(f('two_by_two'), { tp: 12, fp: 1, fn: 2.5, tn: 40 })).toBe('2x2 table: FN must be a whole number of 0 or more')
    expect(message(f('two_by_two'), { tp: 12, fp: 1, fn: 2 })).toBe('2x2 table: TN must be a whole number of 0 or more')
    expect(message(f('two_by_two'), 'twelve')).toBe('2x2 table: expected the parts of a 2x2 table (tp, fp, fn, tn)')
  })
  it('correlation', () => {
    expect(checkFieldValue(f('correlation'), { r: '0.93', n: 40 })).toEqual({ ok: true, value: { r: 0.93, n: 40 } })
    expect(message(f('correlation'), { r: 1.2, n: 40 })).toBe('Correlation: r must be between -1 and 1')
    expect(message(f('correlation'), { r: 0.5, n: 3 })).toBe('Correlation: n must be a whole number of 4 or more')
  })
  it('mean error', () => {
    expect(checkFieldValue(f('mean_error'), { kind: 'bias', mean: -0.4, sd: 1.1, n: 30 }).ok).toBe(true)
    expect(message(f('mean_error'), { kind: 'mae', mean: -0.4, sd: 1.1, n: 30 })).toBe('Mean error: a mean absolute error cannot be negative')
    expect(message(f('mean_error'), { kind: 'mae', mean: 0.4, sd: -1, n: 30 })).toBe('Mean error: SD must be 0 or more')
    expect(message(f('mean_error'), { kind: 'rmse', mean: 0.4, sd: 1, n: 30 })).toMatch(/kind must be "mae"/)
  })
  it('two-group outcome, dichotomous and continuous', () => {
    expect(checkFieldValue(f('two_group', { outcome: 'dichotomous' }), { events1: 4, total1: 20, events2: 9, total2: 21 }).ok).toBe(true)
    expect(message(f('two_group', { outcome: 'dichotomous' }), { events1: 24, total1: 20, events2: 9, total2: 21 })).toBe('Two-group outcome: events (group 1) cannot exceed its total')
    expect(message(f('two_group', { outcome: 'continuous' }), { mean1: 1, sd1: 1, n1: 10, mean2: 2, sd2: 'a lot', n2: 10 })).toBe('Two-group outcome: SD (group 2) must be a number')
  })
  it('simple fields', () => {
    expect(message(f('integer', { min: 1 }), 0)).toBe('X: must be at least 1')
    expect(message(f('integer'), 2.5)).toBe('X: must be a whole number')
    expect(message(f('date'), '2024-13-40')).toBe('X: must be a date (YYYY-MM-DD)')
    expect(
      message(
        f('single_choice', {
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
        }),
        'c',
      ),
    ).toBe('X: must be one of: A, B')
    expect(
      checkFieldValue(
        f('multiple_choice', {
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
        }),
        ['a', 'a', 'b'],
      ),
    ).toEqual({ ok: true, value: ['a', 'b'] })
    expect(checkFieldValue(f('text'), '  padded  ')).toEqual({ ok: true, value: 'padded' })
  })
})

describe('entries', () => {
  const form: FormDefinition = {
    sections: [
      { id: 'study', title: 'Study', fields: [{ id: 'n', type: 'integer', label: 'Participants', required: true, min: 1 }] },
      {
        id: 'tests',
        title: 'Index tests',
        repeat: { rowLabel: 'Index test', min: 1 },
        fields: [
          { id: 'name', type: 'text', label: 'Name', required: true },
          { id: 't', type: 'two_by_two', label: '2x2 table' },
        ],
      },
    ],
  }
  it('keeps drafts incomplete but checks what is there, keyed by path', () => {
    const draft = checkEntry(form, { study: {}, tests: [{ name: 'CNN', t: { tp: 1, fp: 2, fn: 3, tn: -4 } }] })
    expect(draft.errors).toEqual({ 'tests[0].t': '2x2 table: TN must be a whole number of 0 or more' })
    expect(draft.values).toEqual({ study: {}, tests: [{ name: 'CNN' }] })
  })
  it('requires required fields and repeating rows on submission', () => {
    expect(checkEntry(form, { study: {}, tests: [] }, { submit: true }).errors).toEqual({ 'study.n': 'Participants is required', tests: 'Index tests: add at least 1 index test rows' })
    expect(checkEntry(form, { study: { n: 40 }, tests: [{ name: 'CNN' }] }, { submit: true }).errors).toEqual({})
  })
  it('compares two entries field by field, rows in order', () => {
    const a = checkEntry(form, { study: { n: 40 }, tests: [{ name: 'CNN ', t: { tp: 10, fp: 2, fn: 3, tn: 25 } }] }).values
    const b = checkEntry(form, { study: { n: 41 }, tests: [{ name: 'cnn', t: { tp: 10, fp: 2, fn: 3, tn: 25 } }, { name: 'U-Net' }] }).values
    const byPath = Object.fromEntries(compareEntries(form, [a, b]).map((c) => [c.path, c.state]))
    expect(byPath).toEqual({ 'study.n': 'differ', 'tests[0].name': 'agree', 'tests[0].t': 'agree', 'tests[1].name': 'missing', 'tests[1].t': 'empty' })
    expect(parsePath('tests[1].name')).toEqual({ sectionId: 'tests', row: 1, fieldId: 'name' })
    expect(parsePath('study.n')).toEqual({ sectionId: 'study', row: null, fieldId: 'n' })
  })
})

describe('definitions', () => {
  it('ships templates and tools that pass their own checks', () => {
    for (const t of [...Object.values(extractionTemplates), ...Object.values(qualityTools)]) expect(checkDefinition(t.definition), t.name).toEqual([])
    const indexTests = diagnosticAccuracyTemplate.sections.find((s) => s.id === 'index_tests')!
    expect(indexTests.repeat).toBeDefined()
    expect(indexTests.fields.map((x) => x.type)).toEqual(expect.arrayContaining(['two_by_two', 'correlation', 'mean_error']))
    expect(quadas2.sections.map((s) => s.title)).toEqual(['Patient selection', 'Index test', 'Reference standard', 'Flow and timing'])
    expect(quadas2.sections.map((s) => s.fields.some((x) => x.role === 'applicability'))).toEqual([true, true, true, false])
  })
  it('finds duplicate ids, missing options and type changes between versions', () => {
    const bad: FormDefinition = {
      sections: [
        {
          id: 's',
          title: 'S',
          fields: [
            { id: 'a', type: 'single_choice', label: 'A', options: [{ value: 'x', label: 'X' }] },
            { id: 'a', type: 'number', label: 'B', min: 5, max: 1 },
          ],
        },
      ],
    }
    expect(checkDefinition(bad)).toEqual([
      'Section "S", field "A": a choice needs at least two options',
      'Section "S", field "B": another field in this section has the id "a"',
      'Section "S", field "B": the minimum is above the maximum',
    ])
    const before: FormDefinition = { sections: [{ id: 's', title: 'S', fields: [{ id: 'n', type: 'text', label: 'N' }] }] }
    const after: FormDefinition = { sections: [{ id: 's', title: 'S', fields: [{ id: 'n', type: 'integer', label: 'N' }] }] }
    expect(checkDefinition(after, before)).toEqual(['Section "S", field "N": its type cannot change from text to integer (add a new field instead; entered values stay with the old one)'])
  })
  it('makes ids from labels', () => {
    expect(idFromLabel('Reference standard (R2*)')).toBe('reference_standard_r2')
    expect(idFromLabel('Name', new Set(['name', 'name_2']))).toBe('name_3')
  })
})

describe('the form definition schema', () => {
  it('reads every shipped template and quality tool, and refuses what is not a form', () => {
    for (const [key, t] of Object.entries({ ...extractionTemplates, ...qualityTools })) expect(formDefinitionSchema.safeParse(t.definition).success, key).toBe(true)
    expect(formDefinitionSchema.safeParse({ sections: [{ id: 'Bad Id', title: 'x', fields: [] }] }).success).toBe(false)
    expect(formDefinitionSchema.safeParse({ sections: [{ id: 'a', title: 'x', fields: [{ id: 'f', type: 'script', label: 'x' }] }] }).success).toBe(false)
    expect(formDefinitionSchema.safeParse({ sections: 'none' }).success).toBe(false)
  })
})

describe('the agreed-data table (CSV exports)', () => {
  it('writes a 2x2 table as TP, FP, FN, TN and choices as their labels, whatever order the database kept', async () => {
    const { consensusCsv } = await import('@/core/forms/consensus-table')
    const definition: FormDefinition = {
      sections: [
        {
          id: 'test',
          title: 'Index test',
          fields: [
            {
              id: 'design',
              type: 'single_choice',
              label: 'Design',
              options: [
                { value: 'cohort', label: 'Prospective cohort' },
                { value: 'cc', label: 'Case–control' },
              ],
            },
            {
              id: 'features',
              type: 'multiple_choice',
              label: 'Features',
              options: [
                { value: 't1', label: 'T1 maps' },
                { value: 't2s', label: 'T2* maps' },
              ],
            },
            { id: 'tt', type: 'two_by_two', label: '2x2' },
          ],
        },
      ],
    }
    // jsonb returns keys shortest first, then by bytes: fn, fp, tn, tp
    const csv = consensusCsv(definition, [{ id: 's1', label: 'Okafor 2021', dois: [], values: { test: { design: 'cc', features: ['t2s', 't1'], tt: { fn: 6, fp: 7, tn: 28, tp: 34 } } } }])
    const [header, row] = csv.split('\r\n')
    expect(header).toBe('study_id,study,dois,test.design,test.features,test.tt.tp,test.tt.fp,test.tt.fn,test.tt.tn')
    expect(row).toBe('s1,Okafor 2021,,Case–control,T2* maps; T1 maps,34,7,6,28')
  })
})
