/**
 * A field's value as people read it: a choice as its label, a list of choices joined, a compound value
 * as it is written in papers (TP, FP, FN, TN in that order; "r = 0.8, n = 40"; "12 / 80"), a number with
 * its unit. Used by the entry and comparison views, provenance, and the list of changed values between
 * published versions.
 */
import type { FieldDefinition } from './definition'

/** A value as a short human-readable text (for comparisons and read-only views). */
export function describeValue(field: FieldDefinition, value: unknown): string {
  const v = field.withNote ? (value as { value?: unknown } | null)?.value : value
  if (v === null || v === undefined || v === '') return '—'
  if (field.options && typeof v === 'string') return field.options.find((o) => o.value === v)?.label ?? v
  if (Array.isArray(v)) return v.map((x) => field.options?.find((o) => o.value === x)?.label ?? String(x)).join(', ')
  if (typeof v === 'object') return describeCompound(v as Record<string, unknown>, field.type)
  return `${String(v)}${field.unit ? ` ${field.unit}` : ''}`
}

const hasKeys = (o: Record<string, unknown>, keys: string[]) => keys.every((k) => k in o)

/**
 * A compound value (a 2x2 table, a correlation, a mean error) as people write it: TP, FP, FN, TN in
 * that order, "r = 0.8, n = 40", "MAE 1.2 (SD 0.4), n = 30". The kind is the field's type or, where
 * the field is not at hand (provenance of an analysis), read from the value's keys.
 */
export function describeCompound(o: Record<string, unknown>, type?: FieldDefinition['type']): string {
  if (type === 'two_by_two' || (type === undefined && hasKeys(o, ['tp', 'fp', 'fn', 'tn']))) return `TP ${o.tp} · FP ${o.fp} · FN ${o.fn} · TN ${o.tn}`
  if (type === 'correlation' || (type === undefined && hasKeys(o, ['r', 'n']))) return `r = ${o.r}, n = ${o.n}`
  if (type === 'proportion' || (type === undefined && Object.keys(o).length === 2 && hasKeys(o, ['events', 'total']))) return `${o.events} / ${o.total}`
  if (type === 'two_group' || (type === undefined && hasKeys(o, ['events1', 'total1']))) {
    if ('events1' in o) return `${o.events1} / ${o.total1} vs ${o.events2} / ${o.total2}`
    return `${o.mean1} (SD ${o.sd1}, n = ${o.n1}) vs ${o.mean2} (SD ${o.sd2}, n = ${o.n2})`
  }
  if (type === 'mean_error' || (type === undefined && hasKeys(o, ['kind', 'mean', 'sd', 'n']))) return `${o.kind === 'mae' ? 'MAE' : 'bias'} ${o.mean} (SD ${o.sd}), n = ${o.n}`
  return Object.entries(o)
    .map(([k, x]) => `${k} ${String(x)}`)
    .join(' · ')
}
