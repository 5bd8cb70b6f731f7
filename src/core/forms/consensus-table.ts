/**
 * Agreed data as a flat table: one row per study and repeating-group row (study-level fields repeated
 * on each row; compound fields spread over one column per part, e.g. index_tests.two_by_two.tp; support
 * notes in their own column). Used for CSV exports and the public page's download.
 */
import Papa from 'papaparse'
import type { EntryValues, FieldDefinition, FormDefinition, RowValues, SectionDefinition } from './definition'

function cells(section: SectionDefinition, field: FieldDefinition, value: unknown): [string, unknown][] {
  const name = `${section.id}.${field.id}`
  const inner = field.withNote ? (value as { value?: unknown } | undefined)?.value : value
  const note: [string, unknown][] = field.withNote ? [[`${name}.note`, (value as { note?: string } | undefined)?.note ?? '']] : []
  if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) return [...Object.entries(inner).map(([k, v]) => [`${name}.${k}`, v] as [string, unknown]), ...note]
  return [[name, Array.isArray(inner) ? inner.join('; ') : (inner ?? '')], ...note]
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
