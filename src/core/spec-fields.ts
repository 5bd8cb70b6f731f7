/**
 * Readers for the fields of an analysis specification that arrives as unknown JSON (`ferrite
 * analyze`, the web app), shared by the univariate and the DTA specs so both treat input alike:
 * null means absent everywhere, unknown keys are rejected by name, and every problem is an
 * InputError with a one-line message naming the field.
 *
 * Example: parseLevel(95) === 0.95; readOptions({ value: 0.5 }, 'correction', ['value', 'to'])
 */
import { InputError } from './input-error'

export type JsonObject = Record<string, unknown>

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** True for undefined and null: a field given as null is treated as not given. */
export const isAbsent = (v: unknown): v is null | undefined => v === undefined || v === null

/** Throws naming the first key of `object` that is not in `allowed` ("methd" must not silently run the default). */
export function rejectUnknownKeys(object: JsonObject, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) throw new InputError(`${where}: unknown field "${key}" (allowed: ${allowed.join(', ')})`)
  }
}

/**
 * An optional nested options object such as `correction`: undefined when absent, else the object
 * after checking it has only the allowed keys.
 */
export function readOptions(value: unknown, field: string, allowed: readonly string[], example: string): JsonObject | undefined {
  if (isAbsent(value)) return undefined
  if (!isJsonObject(value)) throw new InputError(`${field} must be an object like ${example}`)
  rejectUnknownKeys(value, allowed, field)
  return value
}

/** One of the allowed strings, or the fallback when absent. */
export function readChoice<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback: T): T {
  if (isAbsent(value)) return fallback
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new InputError(`${field} must be one of ${allowed.join(', ')}`)
  return value as T
}

/** true or false, or the fallback when absent. */
export function readBoolean(value: unknown, field: string, fallback = false): boolean {
  if (isAbsent(value)) return fallback
  if (typeof value !== 'boolean') throw new InputError(`${field} must be true or false`)
  return value
}

/** A finite number in [0, max], or the fallback when absent. */
export function readNonNegativeNumber(value: unknown, field: string, fallback: number, max = Number.POSITIVE_INFINITY): number {
  if (isAbsent(value)) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max)
    throw new InputError(Number.isFinite(max) ? `${field} must be a number from 0 to ${max}` : `${field} must be a non-negative number`)
  return value
}

/**
 * A confidence level as the fraction the core computes with. Both conventions are accepted
 * without ambiguity: a value in (0, 1) is a fraction (0.95), a value in (1, 100) a percentage (95,
 * metafor's convention); 1 and anything outside are rejected.
 */
export function parseLevel(value: unknown, field = 'level', fallback = 0.95): number {
  if (isAbsent(value)) return fallback
  if (typeof value === 'number' && value > 0 && value < 1) return value
  if (typeof value === 'number' && value > 1 && value < 100) return value / 100
  throw new InputError(`${field} must be a fraction in (0, 1) such as 0.95, or a percentage in (1, 100) such as 95`)
}

/**
 * Study labels made unique, keeping their order: a repeated label gets its occurrence number, so
 * the second "Borris et al." becomes "Borris et al. (2)" (metafor's make.unique would write
 * "Borris et al..1"), skipping numbers another study already carries. Real data repeat labels
 * (two papers by one first author in one year); the warning lists what was renamed.
 *
 * Example: uniqueLabels(['A', 'B', 'A']) → { labels: ['A', 'B', 'A (2)'], warning: 'repeated study labels told apart: "A" → "A (2)"' }
 */
export function uniqueLabels(ids: readonly string[]): { labels: string[]; warning: string | null } {
  const taken = new Set(ids)
  const seen = new Map<string, number>()
  const renamed: string[] = []
  const labels = ids.map((id) => {
    const count = (seen.get(id) ?? 0) + 1
    seen.set(id, count)
    if (count === 1) return id
    let n = count
    while (taken.has(`${id} (${n})`)) n++
    const label = `${id} (${n})`
    taken.add(label)
    renamed.push(`"${id}" → "${label}"`)
    return label
  })
  return { labels, warning: renamed.length === 0 ? null : `repeated study labels told apart: ${renamed.join(', ')}` }
}
