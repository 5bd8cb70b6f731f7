/**
 * Validation of a whole entry against its form: every value that is present must be valid (drafts
 * may be incomplete); on submission every required field must be filled. Errors are keyed by the
 * field's path, `section.field` or `section[row].field`, and name the field for the person entering it.
 */
import type { EntryValues, FormDefinition, RowValues } from './definition'
import { checkFieldValue, isEmptyValue } from './validate-value'

export interface EntryCheck {
  values: EntryValues
  errors: Record<string, string>
}

export const fieldPath = (sectionId: string, fieldId: string, row?: number) => (row === undefined ? `${sectionId}.${fieldId}` : `${sectionId}[${row}].${fieldId}`)

export function checkEntry(definition: FormDefinition, input: unknown, options: { submit?: boolean } = {}): EntryCheck {
  const values: EntryValues = {}
  const errors: Record<string, string> = {}
  const source = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  for (const section of definition.sections) {
    const raw = source[section.id]
    const rows: unknown[] = section.repeat ? (Array.isArray(raw) ? raw : []) : [raw ?? {}]
    if (section.repeat) {
      const max = section.repeat.max ?? 50
      if (rows.length > max) errors[section.id] = `${section.title}: at most ${max} ${section.repeat.rowLabel.toLowerCase()} rows`
      if (options.submit && rows.length < (section.repeat.min ?? 0)) errors[section.id] = `${section.title}: add at least ${section.repeat.min} ${section.repeat.rowLabel.toLowerCase()} rows`
    }
    const cleanRows: RowValues[] = []
    rows.slice(0, section.repeat?.max ?? 50).forEach((row, i) => {
      const clean: RowValues = {}
      const rowValues = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>
      for (const field of section.fields) {
        const path = fieldPath(section.id, field.id, section.repeat ? i : undefined)
        const value = rowValues[field.id]
        const answer = field.withNote ? (value as { value?: unknown } | undefined)?.value : value
        if (isEmptyValue(value)) {
          if (options.submit && field.required) errors[path] = `${field.label} is required`
          continue
        }
        const checked = checkFieldValue(field, value)
        if (!checked.ok) {
          errors[path] = `${field.label}: ${checked.message}`
          continue
        }
        clean[field.id] = checked.value
        // A support note without an answer is kept, but the answer is still missing.
        if (isEmptyValue(answer) && options.submit && field.required) errors[path] = `${field.label} is required`
      }
      cleanRows.push(clean)
    })
    values[section.id] = section.repeat ? cleanRows : (cleanRows[0] ?? {})
  }
  return { values, errors }
}
