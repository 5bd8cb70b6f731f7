/**
 * Checks one field's value, and returns it normalised (trimmed text, numbers as numbers) or the
 * reason it is refused. Compound fields are validated as a unit, with a message naming the part that
 * is wrong ("FN must be a whole number of 0 or more"; callers put the field's label in front).
 */
import type { FieldDefinition } from './definition'

export type Checked = { ok: true; value: unknown } | { ok: false; message: string }

const ok = (value: unknown): Checked => ({ ok: true, value })
const fail = (message: string): Checked => ({ ok: false, message })

/** null, undefined, '' and objects whose parts are all empty count as "not entered". */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.values(value as object).every(isEmptyValue)
  return false
}

const toNumber = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'string' && v.trim() !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.trim())) return Number(v.trim())
  return null
}

function count(label: string, v: unknown, min: number): Checked {
  const n = toNumber(v)
  if (n === null || !Number.isInteger(n) || n < min) return fail(`${label} must be a whole number of ${min} or more`)
  return ok(n)
}

function parts(owner: string, value: unknown, spec: Record<string, (v: unknown) => Checked>): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`expected the parts of a ${owner} (${Object.keys(spec).join(', ')})`)
  const out: Record<string, unknown> = {}
  for (const [key, check] of Object.entries(spec)) {
    const r = check((value as Record<string, unknown>)[key])
    if (!r.ok) return r
    out[key] = r.value
  }
  return ok(out)
}

const real =
  (label: string, lo = -Infinity, hi = Infinity) =>
  (v: unknown): Checked => {
    const n = toNumber(v)
    if (n === null) return fail(`${label} must be a number`)
    if (n < lo || n > hi) return fail(hi === Infinity ? `${label} must be ${lo} or more` : `${label} must be between ${lo} and ${hi}`)
    return ok(n)
  }

function twoByTwo(value: unknown): Checked {
  return parts('2x2 table', value, { tp: (v) => count('TP', v, 0), fp: (v) => count('FP', v, 0), fn: (v) => count('FN', v, 0), tn: (v) => count('TN', v, 0) })
}

function correlation(value: unknown): Checked {
  return parts('Correlation', value, { r: real('r', -1, 1), n: (v) => count('n', v, 4) })
}

function meanError(value: unknown): Checked {
  const checked = parts('Mean error', value, {
    kind: (v) => (v === 'mae' || v === 'bias' ? ok(v) : fail('kind must be "mae" (mean absolute error) or "bias" (mean difference)')),
    mean: real('the mean error'),
    sd: real('SD', 0),
    n: (v) => count('n', v, 2),
  })
  if (checked.ok && (checked.value as { kind: string; mean: number }).kind === 'mae' && (checked.value as { mean: number }).mean < 0) return fail('a mean absolute error cannot be negative')
  return checked
}

function twoGroup(field: FieldDefinition, value: unknown): Checked {
  if (field.outcome === 'continuous')
    return parts('Two-group outcome', value, {
      mean1: real('mean (group 1)'),
      sd1: real('SD (group 1)', 0),
      n1: (v) => count('n (group 1)', v, 1),
      mean2: real('mean (group 2)'),
      sd2: real('SD (group 2)', 0),
      n2: (v) => count('n (group 2)', v, 1),
    })
  const checked = parts('Two-group outcome', value, {
    events1: (v) => count('events (group 1)', v, 0),
    total1: (v) => count('total (group 1)', v, 1),
    events2: (v) => count('events (group 2)', v, 0),
    total2: (v) => count('total (group 2)', v, 1),
  })
  if (!checked.ok) return checked
  const g = checked.value as { events1: number; total1: number; events2: number; total2: number }
  if (g.events1 > g.total1) return fail('events (group 1) cannot exceed its total')
  if (g.events2 > g.total2) return fail('events (group 2) cannot exceed its total')
  return checked
}

function proportion(value: unknown): Checked {
  const checked = parts('Proportion', value, { events: (v) => count('events', v, 0), total: (v) => count('total', v, 1) })
  if (checked.ok && (checked.value as { events: number }).events > (checked.value as { total: number }).total) return fail('events cannot exceed the total')
  return checked
}

function plain(field: FieldDefinition, value: unknown): Checked {
  switch (field.type) {
    case 'number':
    case 'integer': {
      const n = toNumber(value)
      if (n === null) return fail(field.type === 'integer' ? 'must be a whole number' : 'must be a number')
      if (field.type === 'integer' && !Number.isInteger(n)) return fail('must be a whole number')
      if (field.min !== undefined && n < field.min) return fail(`must be at least ${field.min}`)
      if (field.max !== undefined && n > field.max) return fail(`must be at most ${field.max}`)
      return ok(n)
    }
    case 'text':
      return typeof value === 'string' ? ok(value.trim().slice(0, 20_000)) : fail('must be text')
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? ok(value) : fail('must be a date (YYYY-MM-DD)')
    case 'single_choice':
      return field.options?.some((o) => o.value === value) ? ok(value) : fail(`must be one of: ${(field.options ?? []).map((o) => o.label).join(', ')}`)
    case 'multiple_choice': {
      if (!Array.isArray(value)) return fail('must be a list of choices')
      const bad = value.find((v) => !field.options?.some((o) => o.value === v))
      if (bad !== undefined) return fail(`"${String(bad)}" is not one of the choices`)
      return ok([...new Set(value as string[])])
    }
    case 'two_by_two':
      return twoByTwo(value)
    case 'correlation':
      return correlation(value)
    case 'mean_error':
      return meanError(value)
    case 'two_group':
      return twoGroup(field, value)
    case 'proportion':
      return proportion(value)
  }
}

/**
 * Validates a value for a field. Fields with a support note (quality tools) store `{ value, note }`;
 * the note is free text and only the value is checked.
 */
export function checkFieldValue(field: FieldDefinition, value: unknown): Checked {
  if (field.withNote) {
    const v = (value ?? {}) as { value?: unknown; note?: unknown }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected an answer with an optional note')
    if (v.note !== undefined && v.note !== null && typeof v.note !== 'string') return fail('the support note must be text')
    const note = typeof v.note === 'string' ? v.note.trim().slice(0, 5000) : ''
    if (isEmptyValue(v.value)) return ok({ value: null, note })
    const inner = plain(field, v.value)
    return inner.ok ? ok({ value: inner.value, note }) : inner
  }
  return plain(field, value)
}
