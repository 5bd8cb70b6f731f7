/**
 * Saving an entry under the latest version of a form must not lose what was entered under an earlier
 * one: values of fields (and sections) the current version no longer has are kept as they were; the
 * fields it has take their new values (an empty field is cleared).
 */
import type { EntryValues, FormDefinition, RowValues } from './definition'

const keepRemoved = (fieldIds: Set<string>, before: unknown): RowValues =>
  Object.fromEntries(Object.entries((typeof before === 'object' && before !== null ? before : {}) as RowValues).filter(([k]) => !fieldIds.has(k)))

export function mergeEntryValues(definition: FormDefinition, before: EntryValues, next: EntryValues): EntryValues {
  const out: EntryValues = { ...before }
  for (const section of definition.sections) {
    const ids = new Set(section.fields.map((f) => f.id))
    const prev = before[section.id]
    const now = next[section.id]
    if (section.repeat) {
      const prevRows = Array.isArray(prev) ? prev : []
      out[section.id] = (Array.isArray(now) ? now : []).map((row, i) => ({ ...keepRemoved(ids, prevRows[i]), ...row }))
    } else out[section.id] = { ...keepRemoved(ids, Array.isArray(prev) ? undefined : prev), ...((now as RowValues | undefined) ?? {}) }
  }
  return out
}

/** Values present in an entry for fields the given form version does not have ("kept from an earlier version"). */
export function valuesOutsideForm(definition: FormDefinition, values: EntryValues): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = []
  for (const [sectionId, content] of Object.entries(values)) {
    const section = definition.sections.find((s) => s.id === sectionId)
    const ids = new Set(section?.fields.map((f) => f.id) ?? [])
    const rows = Array.isArray(content) ? content : [content]
    rows.forEach((row, i) => {
      for (const [fieldId, value] of Object.entries(row ?? {}))
        if (!ids.has(fieldId) && value !== null && value !== undefined) out.push({ path: Array.isArray(content) ? `${sectionId}[${i}].${fieldId}` : `${sectionId}.${fieldId}`, value })
    })
  }
  return out
}
