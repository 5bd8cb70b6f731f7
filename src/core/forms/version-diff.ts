/**
 * What changed in the agreed data between two published versions, value by value: for each study in
 * both, each field of each form whose agreed value differs (added, removed or changed), as people read
 * it; and each analysis whose settings changed. Compared with the later version's form definitions
 * (fields a form no longer has are not listed).
 *
 * Example: a 2x2 table agreed as TP 22 · FP 5 · FN 4 · TN 30 in version 1 and TP 22 · FP 6 · FN 4 · TN 29
 * in version 2 gives { study: 'Haddad 2023', form: 'Accuracy', field: 'Index tests 1 · 2x2 table',
 * before: 'TP 22 · FP 5 · FN 4 · TN 30', after: 'TP 22 · FP 6 · FN 4 · TN 29' }.
 */
import { compareEntries } from './compare'
import type { EntryValues, FormDefinition } from './definition'
import { describeValue } from './describe-value'

export interface ValueChange {
  study: string
  form: string
  field: string
  before: string
  after: string
}

interface VersionForms {
  studies: readonly { id: string; label: string }[]
  forms: readonly { id: string; name: string; definition: FormDefinition; consensus: Record<string, EntryValues> }[]
}

/** At most this many changed values are listed (a new form version can touch every study). */
export const maxListedChanges = 500

export function valueChanges(before: VersionForms, after: VersionForms): { changes: ValueChange[]; more: number } {
  const earlier = new Set(before.studies.map((s) => s.id))
  const changes: ValueChange[] = []
  let total = 0
  for (const form of after.forms) {
    const old = before.forms.find((f) => f.id === form.id)
    if (!old) continue
    for (const study of after.studies) {
      if (!earlier.has(study.id)) continue
      const a = old.consensus[study.id] ?? {}
      const b = form.consensus[study.id] ?? {}
      for (const c of compareEntries(form.definition, [a, b])) {
        if (c.state === 'agree' || c.state === 'empty') continue
        total++
        if (changes.length >= maxListedChanges) continue
        const section = form.definition.sections.find((s) => s.id === c.sectionId)
        const where = section ? `${section.title}${c.row !== null ? ` ${c.row + 1}` : ''} · ` : ''
        changes.push({ study: study.label, form: form.name, field: `${where}${c.field.label}`, before: describeValue(c.field, c.values[0]), after: describeValue(c.field, c.values[1]) })
      }
    }
  }
  return { changes, more: total - changes.length }
}

/** An analysis's settings that differ, as "name: before → after" (JSON for structured settings). */
export function settingChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const show = (v: unknown) => (v === undefined || v === null ? 'none' : typeof v === 'object' ? JSON.stringify(v) : String(v))
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`)
}
