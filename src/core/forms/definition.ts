/**
 * Extraction forms and quality-assessment tools as data. A form is a list of sections; a section may
 * repeat per study (one row per index test and threshold, say); a field is a typed input, or a compound
 * input validated as a unit (a 2x2 table, a correlation, a mean error, a two-group outcome). A quality
 * tool (QUADAS-2, RoB 2) is a form whose sections are domains, whose fields are signalling questions and
 * judgements (`role`), so dual entry, blinding and consensus work the same way for both.
 *
 * Field and section ids are stable: a new version of a form keeps the ids of the fields it keeps, so
 * values entered under an earlier version stay attached to the same fields.
 */

export type FieldType = 'number' | 'integer' | 'text' | 'single_choice' | 'multiple_choice' | 'date' | 'two_by_two' | 'correlation' | 'mean_error' | 'two_group' | 'proportion'

export const fieldTypes: readonly FieldType[] = ['number', 'integer', 'text', 'single_choice', 'multiple_choice', 'date', 'two_by_two', 'correlation', 'mean_error', 'two_group', 'proportion']

export const fieldTypeLabels: Record<FieldType, string> = {
  number: 'Number',
  integer: 'Whole number',
  text: 'Text',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  date: 'Date',
  two_by_two: '2x2 table (TP, FP, FN, TN)',
  correlation: 'Correlation (r, n)',
  mean_error: 'Mean error (MAE or bias, SD, n)',
  two_group: 'Two-group outcome',
  proportion: 'Proportion (events, total)',
}

export interface ChoiceOption {
  value: string
  label: string
}

/** What a field means in a quality tool: a signalling question, or a domain's judgement. */
export type QualityRole = 'signalling' | 'risk_of_bias' | 'applicability'

export interface FieldDefinition {
  id: string
  type: FieldType
  label: string
  help?: string
  required?: boolean
  /** number/integer: bounds and unit */
  min?: number
  max?: number
  unit?: string
  /** text: several lines */
  multiline?: boolean
  /** choices */
  options?: ChoiceOption[]
  /** two_group: dichotomous (events/total per group) or continuous (mean, SD, n per group) */
  outcome?: 'dichotomous' | 'continuous'
  /** quality tools: the field's role, and whether a free-text support note goes with the answer */
  role?: QualityRole
  withNote?: boolean
}

export interface SectionDefinition {
  id: string
  title: string
  description?: string
  /** a group that repeats per study; `rowLabel` names one row ("Index test") */
  repeat?: { rowLabel: string; min?: number; max?: number }
  fields: FieldDefinition[]
}

export interface FormDefinition {
  sections: SectionDefinition[]
}

/** Values of one entry: section id -> field id -> value (repeating sections: an array of such rows). */
export type FieldValue = unknown
export type RowValues = Record<string, FieldValue>
export type EntryValues = Record<string, RowValues | RowValues[]>

export function findField(definition: FormDefinition, sectionId: string, fieldId: string): FieldDefinition | undefined {
  return definition.sections.find((s) => s.id === sectionId)?.fields.find((f) => f.id === fieldId)
}

/** A stable id from a label: lower-case ASCII words joined by _ ("Reference standard" -> "reference_standard"). */
export function idFromLabel(label: string, taken: ReadonlySet<string> = new Set()): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'field'
  let id = base
  for (let i = 2; taken.has(id); i++) id = `${base}_${i}`
  return id
}
