/**
 * The shape of a form definition (./definition.ts) as data arriving from outside (a backup, a published
 * snapshot): types, lengths and counts bounded, unknown keys dropped. The rules a lead's form must keep
 * beyond its shape (unique ids, options for choices, no type changes) are checkDefinition's.
 */
import { z } from 'zod'
import { fieldTypes, type FormDefinition } from './definition'

const id = z.string().regex(/^[a-z0-9_]{1,40}$/, 'ids are lower-case letters, digits and _ (at most 40)')
const text = (max: number) => z.string().max(max)

const option = z.object({ value: text(200), label: text(500) })

const field = z.object({
  id,
  type: z.enum(fieldTypes as unknown as [string, ...string[]]),
  label: text(500),
  help: text(4000).optional(),
  required: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: text(60).optional(),
  multiline: z.boolean().optional(),
  options: z.array(option).max(500).optional(),
  outcome: z.enum(['dichotomous', 'continuous']).optional(),
  role: z.enum(['signalling', 'risk_of_bias', 'applicability']).optional(),
  withNote: z.boolean().optional(),
})

const section = z.object({
  id,
  title: text(300),
  description: text(4000).optional(),
  repeat: z.object({ rowLabel: text(100), min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).optional(),
  fields: z.array(field).max(500),
})

export const formDefinitionSchema = z.object({ sections: z.array(section).max(200) }) as unknown as z.ZodType<FormDefinition>

const rowValues = z.record(z.string().max(40), z.json())
/** One study's values for a form: section id -> field id -> value (repeating sections: a list of rows). */
export const entryValuesSchema = z.record(z.string().max(40), z.union([rowValues, z.array(rowValues).max(1000)]))
