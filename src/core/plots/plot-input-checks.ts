/**
 * Input checks shared by the plot generators. Each throws an InputError (a RangeError) with a
 * one-line message that names the plot, the study (or summary) and the field, e.g.
 * `forest plot: study "Aronson 1948": lo 0.9 is greater than hi 0.4`.
 *
 * Example: requireFinite('forest plot', 'study "A"', 'est', NaN) throws `forest plot: study "A": est must be a finite number (got NaN)`
 */
import { InputError } from '../input-error'

/** How a message names a study: by its label, quoted, cut to 60 characters. */
export function studyOwner(label: unknown, index: number, noun = 'study'): string {
  if (typeof label !== 'string' || label.trim() === '') return `${noun} ${index + 1}`
  const text = label.length > 60 ? `${label.slice(0, 59)}…` : label
  return `${noun} "${text}"`
}

function fail(plot: string, owner: string, message: string): never {
  throw new InputError(`${plot}: ${owner}: ${message}`)
}

export function requireNonEmpty(plot: string, list: unknown, what = 'studies'): void {
  if (!Array.isArray(list)) throw new InputError(`${plot}: ${what} must be a list`)
  if (list.length === 0) throw new InputError(`${plot}: needs at least one entry in ${what}`)
}

export function requireLabel(plot: string, owner: string, label: unknown): void {
  if (typeof label !== 'string') fail(plot, owner, 'label must be a string')
}

export function requireFinite(plot: string, owner: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(plot, owner, `${field} must be a finite number (got ${String(value)})`)
  return value
}

export function requirePositive(plot: string, owner: string, field: string, value: unknown): number {
  const v = requireFinite(plot, owner, field, value)
  if (v <= 0) fail(plot, owner, `${field} must be greater than 0 on a log scale (got ${v})`)
  return v
}

export function requireProbability(plot: string, owner: string, field: string, value: unknown): number {
  const v = requireFinite(plot, owner, field, value)
  if (v < 0 || v > 1) fail(plot, owner, `${field} must lie between 0 and 1 (got ${v})`)
  return v
}

export function requireCount(plot: string, owner: string, field: string, value: unknown): number {
  const v = requireFinite(plot, owner, field, value)
  if (v < 0 || !Number.isInteger(v)) fail(plot, owner, `${field} must be a non-negative whole number (got ${v})`)
  return v
}

/**
 * lo <= est <= hi, all finite (and > 0 on a log scale); `names` are the caller's field names.
 */
export function requireInterval(
  plot: string,
  owner: string,
  values: { lo: unknown; est: unknown; hi: unknown },
  log: boolean,
  names: { lo: string; est: string; hi: string } = { lo: 'lo', est: 'est', hi: 'hi' },
): void {
  const check = log ? requirePositive : requireFinite
  const lo = check(plot, owner, names.lo, values.lo)
  const est = check(plot, owner, names.est, values.est)
  const hi = check(plot, owner, names.hi, values.hi)
  if (lo > hi) fail(plot, owner, `${names.lo} ${lo} is greater than ${names.hi} ${hi}`)
  if (est < lo || est > hi) fail(plot, owner, `${names.est} ${est} lies outside [${names.lo}, ${names.hi}] = [${lo}, ${hi}]`)
}
