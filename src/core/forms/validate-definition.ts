/**
 * Checks a form definition a lead has built: unique ids, choice fields with options, sensible bounds,
 * no field silently changing its type between versions (values entered before would no longer fit).
 */
import { fieldTypes, type FormDefinition } from './definition'

export function checkDefinition(definition: FormDefinition, previous?: FormDefinition): string[] {
  const problems: string[] = []
  if (!Array.isArray(definition.sections) || definition.sections.length === 0) return ['A form needs at least one section.']
  const sectionIds = new Set<string>()
  for (const section of definition.sections) {
    const where = `Section "${section.title || section.id}"`
    if (!/^[a-z0-9_]{1,40}$/.test(section.id)) problems.push(`${where}: its id must be lower-case letters, digits and _`)
    if (sectionIds.has(section.id)) problems.push(`${where}: another section has the id "${section.id}"`)
    sectionIds.add(section.id)
    if (!section.title?.trim()) problems.push(`${where}: give it a title`)
    if (section.repeat && !section.repeat.rowLabel?.trim()) problems.push(`${where}: name what one row is (e.g. "Index test")`)
    if (!section.fields?.length) problems.push(`${where}: add at least one field`)
    const fieldIds = new Set<string>()
    for (const field of section.fields ?? []) {
      const at = `${where}, field "${field.label || field.id}"`
      if (!/^[a-z0-9_]{1,40}$/.test(field.id)) problems.push(`${at}: its id must be lower-case letters, digits and _`)
      if (fieldIds.has(field.id)) problems.push(`${at}: another field in this section has the id "${field.id}"`)
      fieldIds.add(field.id)
      if (!field.label?.trim()) problems.push(`${at}: give it a label`)
      if (!fieldTypes.includes(field.type)) problems.push(`${at}: unknown type "${String(field.type)}"`)
      if ((field.type === 'single_choice' || field.type === 'multiple_choice') && (field.options?.length ?? 0) < 2) problems.push(`${at}: a choice needs at least two options`)
      const values = new Set((field.options ?? []).map((o) => o.value))
      if (values.size !== (field.options ?? []).length) problems.push(`${at}: two options have the same value`)
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) problems.push(`${at}: the minimum is above the maximum`)
      const before = previous?.sections.find((s) => s.id === section.id)?.fields.find((f) => f.id === field.id)
      if (before && before.type !== field.type) problems.push(`${at}: its type cannot change from ${before.type} to ${field.type} (add a new field instead; entered values stay with the old one)`)
    }
  }
  return problems
}
