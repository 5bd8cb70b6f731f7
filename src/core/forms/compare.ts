/**
 * Field-by-field comparison of two independent entries of one form (dual extraction, dual quality
 * rating): which values agree, which differ, which only one person entered. Repeating sections are
 * compared row by row in the order entered. Text compares after trimming, collapsing white space and
 * ignoring case; support notes are not compared (only the answers are).
 */
import type { EntryValues, FieldDefinition, FormDefinition, RowValues } from './definition'
import { fieldPath } from './validate-entry'
import { isEmptyValue } from './validate-value'

export interface FieldComparison {
  path: string
  sectionId: string
  fieldId: string
  row: number | null
  field: FieldDefinition
  values: unknown[]
  state: 'agree' | 'differ' | 'missing' | 'empty'
}

const canonical = (field: FieldDefinition, v: unknown): unknown => {
  const value = field.withNote ? (v as { value?: unknown } | undefined)?.value : v
  if (isEmptyValue(value)) return null
  if (typeof value === 'string') return value.trim().replace(/\s+/g, ' ').toLowerCase()
  if (Array.isArray(value)) return [...value].sort()
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
  return value
}

export const sameValue = (field: FieldDefinition, a: unknown, b: unknown) => JSON.stringify(canonical(field, a)) === JSON.stringify(canonical(field, b))

/** Value stored at a path of an entry (undefined when absent). */
export function valueAt(values: EntryValues, sectionId: string, fieldId: string, row: number | null): unknown {
  const section = values[sectionId]
  const rowValues = (row === null ? section : Array.isArray(section) ? section[row] : undefined) as RowValues | undefined
  return rowValues?.[fieldId]
}

export function rowCount(values: EntryValues, sectionId: string): number {
  const section = values[sectionId]
  return Array.isArray(section) ? section.length : 0
}

export function compareEntries(definition: FormDefinition, entries: EntryValues[]): FieldComparison[] {
  const out: FieldComparison[] = []
  for (const section of definition.sections) {
    const rows = section.repeat ? Math.max(0, ...entries.map((e) => rowCount(e, section.id))) : 1
    for (let r = 0; r < rows; r++) {
      const row = section.repeat ? r : null
      for (const field of section.fields) {
        const values = entries.map((e) => valueAt(e, section.id, field.id, row))
        const filled = values.filter((v) => canonical(field, v) !== null)
        const state = filled.length === 0 ? 'empty' : filled.length < values.length ? 'missing' : values.every((v) => sameValue(field, v, values[0])) ? 'agree' : 'differ'
        out.push({ path: fieldPath(section.id, field.id, row ?? undefined), sectionId: section.id, fieldId: field.id, row, field, values, state })
      }
    }
  }
  return out
}

/** Reads a path written by fieldPath back into its parts. */
export function parsePath(path: string): { sectionId: string; row: number | null; fieldId: string } | null {
  const m = /^([a-z0-9_]+)(?:\[(\d+)\])?\.([a-z0-9_]+)$/.exec(path)
  return m ? { sectionId: m[1]!, row: m[2] === undefined ? null : Number(m[2]), fieldId: m[3]! } : null
}
