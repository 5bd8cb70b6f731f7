/**
 * Agreed data as a flat table: one row per study and repeating-group row (study-level fields repeated
 * on each row; compound fields spread over one column per part in the order people write them, e.g.
 * index_tests.two_by_two.tp, .fp, .fn, .tn; choices as their labels; support notes in their own column). Used for CSV exports and the public page's download.
 */
import Papa from 'papaparse'
import type { EntryValues, FieldDefinition, FormDefinition, RowValues, SectionDefinition } from './definition'

/** The parts of a compound value in the order people write them (the database returns JSON keys sorted). */
export const compoundPartOrder: Partial<Record<FieldDefinition['type'], readonly string[]>> = {
  two_by_two: ['tp', 'fp', 'fn', 'tn'],
  correlation: ['r', 'n'],
  mean_error: ['kind', 'mean', 'sd', 'n'],
  proportion: ['events', 'total'],
  two_group: ['events1', 'total1', 'events2', 'total2', 'mean1', 'sd1', 'n1', 'mean2', 'sd2', 'n2'],
}

function orderedParts(field: FieldDefinition, value: Record<string, unknown>): [string, unknown][] {
  const order = compoundPartOrder[field.type] ?? []
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length)
  return Object.entries(value).sort(([a], [b]) => rank(a) - rank(b))
}

/** A choice as its label (what the team reads), not its stored code. */
function optionLabel(field: FieldDefinition, code: unknown): unknown {
  return field.options?.find((o) => o.value === code)?.label ?? code
}

function cells(section: SectionDefinition, field: FieldDefinition, value: unknown): [string, unknown][] {
  const name = `${section.id}.${field.id}`
  const inner = field.withNote ? (value as { value?: unknown } | undefined)?.value : value
  const note: [string, unknown][] = field.withNote ? [[`${name}.note`, (value as { note?: string } | undefined)?.note ?? '']] : []
  if (inner !== null && typeof inner === 'object' && !Array.isArray(inner))
    return [...orderedParts(field, inner as Record<string, unknown>).map(([k, v]) => [`${name}.${k}`, v] as [string, unknown]), ...note]
  if (Array.isArray(inner)) return [[name, inner.map((x) => optionLabel(field, x)).join('; ')], ...note]
  return [[name, optionLabel(field, inner ?? '')], ...note]
}

export interface TableStudy {
  id: string
  label: string
  dois: string[]
  values: EntryValues
}

export function consensusRows(definition: FormDefinition, studies: TableStudy[]): Record<string, unknown>[] {
  const single = definition.sections.filter((s) => !s.repeat)
  const repeating = definition.sections.filter((s) => s.repeat)
  const records: Record<string, unknown>[] = []
  for (const s of studies) {
    const base: Record<string, unknown> = { study_id: s.id, study: s.label, dois: s.dois.filter(Boolean).join('; ') }
    for (const section of single) for (const field of section.fields) for (const [k, v] of cells(section, field, (s.values[section.id] as RowValues | undefined)?.[field.id])) base[k] = v
    const groupRows = repeating.flatMap((section) => ((s.values[section.id] as RowValues[] | undefined) ?? []).map((row, i) => ({ section, row, i })))
    if (!groupRows.length) records.push(base)
    for (const { section, row, i } of groupRows) {
      const r: Record<string, unknown> = { ...base, group: section.id, row: i + 1 }
      for (const field of section.fields) for (const [k, v] of cells(section, field, row[field.id])) r[k] = v
      records.push(r)
    }
  }
  return records
}

/**
 * The table as CSV. A text cell that starts with =, +, -, @, a tab or a carriage return is written with a
 * leading apostrophe (OWASP's advice against CSV injection): a spreadsheet would otherwise run it as a
 * formula. Numbers are written as numbers.
 */
export function consensusCsv(definition: FormDefinition, studies: TableStudy[]): string {
  const records = consensusRows(definition, studies)
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))]
  return Papa.unparse({ fields: columns, data: records.map((r) => columns.map((c) => r[c] ?? '')) }, { escapeFormulae: true })
}
