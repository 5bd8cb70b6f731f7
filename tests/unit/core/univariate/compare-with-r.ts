/**
 * Compares a result with the values an R reference script produced: every number in `expected`
 * (recursively, arrays element by element) must agree with the same path in `actual` within the
 * tolerance of tests/reference/tolerances.ts; null (R's NA) must meet null or NaN; strings and
 * booleans must be equal. Returns the mismatches and the largest relative disagreement seen.
 */
import { absoluteFloor, agrees, tolerance } from '../../../reference/tolerances'

export interface Comparison {
  mismatches: string[]
  /** Largest |actual − expected| / max(|expected|, floor/rel) over all numbers compared. */
  largest: { path: string; relative: number }
  compared: number
}

const isMissing = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))

export function compareWithR(actual: unknown, expected: unknown, rel: number = tolerance.univariate): Comparison {
  const out: Comparison = { mismatches: [], largest: { path: '', relative: 0 }, compared: 0 }
  const walk = (a: unknown, e: unknown, path: string): void => {
    if (e === null) {
      if (!isMissing(a)) out.mismatches.push(`${path}: expected NA/null, got ${JSON.stringify(a)}`)
      return
    }
    if (typeof e === 'number') {
      out.compared++
      if (typeof a !== 'number' || !agrees(a, e, rel)) {
        out.mismatches.push(`${path}: expected ${e}, got ${JSON.stringify(a)}`)
        return
      }
      if (Number.isFinite(e)) {
        const relative = Math.abs(a - e) / Math.max(Math.abs(e), absoluteFloor / rel)
        if (relative > out.largest.relative) out.largest = { path, relative }
      }
      return
    }
    if (typeof e === 'string' || typeof e === 'boolean') {
      if (a !== e) out.mismatches.push(`${path}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`)
      return
    }
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) {
        out.mismatches.push(`${path}: expected an array of ${e.length}, got ${Array.isArray(a) ? `an array of ${a.length}` : JSON.stringify(a)}`)
        return
      }
      e.forEach((v, i) => walk(a[i], v, `${path}[${i}]`))
      return
    }
    if (typeof e === 'object') {
      if (typeof a !== 'object' || a === null) {
        out.mismatches.push(`${path}: expected an object, got ${JSON.stringify(a)}`)
        return
      }
      for (const [key, v] of Object.entries(e as Record<string, unknown>)) walk((a as Record<string, unknown>)[key], v, path ? `${path}.${key}` : key)
    }
  }
  walk(actual, expected, '')
  return out
}

/** Keeps the largest disagreement per label, for the summary the tests print. */
export class DisagreementLog {
  private readonly worst = new Map<string, { path: string; relative: number; compared: number }>()

  record(label: string, comparison: Comparison): void {
    const current = this.worst.get(label)
    const compared = (current?.compared ?? 0) + comparison.compared
    if (!current || comparison.largest.relative > current.relative) this.worst.set(label, { ...comparison.largest, compared })
    else current.compared = compared
  }

  table(): string {
    return [...this.worst.entries()].map(([label, w]) => `${label.padEnd(28)} ${w.compared.toString().padStart(6)} values, largest rel. diff ${w.relative.toExponential(2)} at ${w.path}`).join('\n')
  }
}
