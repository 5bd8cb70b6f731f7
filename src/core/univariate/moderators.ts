/**
 * Coding of study-level moderators into model-matrix columns, as R's model.matrix does for
 * metafor's rma(yi, vi, mods = ~ ...): numeric moderators enter as they are; categorical ones
 * (strings) by treatment (dummy) coding against a reference level, the first in `levels` or
 * else the first in sorted order (R's factor default in the C locale). Columns are named like
 * R's ("ablat", "allocrandom"). Columns that are linear combinations of earlier ones are dropped
 * with a warning, as metafor drops redundant predictors. A categorical moderator with a single
 * level is refused, as metafor refuses it ("contrasts can be applied only to factors with 2 or more
 * levels"); when no moderator column is left (every moderator constant) the model is refused too,
 * where metafor would fit the intercept alone and report its test as the test of the moderators.
 *
 * Example: mods [{ alloc: 'random' }, { alloc: 'systematic' }, { alloc: 'alternate' }]
 *   → columns allocrandom = [1, 0, 0], allocsystematic = [0, 1, 0] (reference "alternate").
 */
import { InputError } from '../input-error'
import { Matrix, cholesky } from '../linalg/matrix'

export type ModeratorValue = number | string
export type StudyModerators = Readonly<Record<string, ModeratorValue | null | undefined>>

export interface ModeratorColumns {
  columns: { name: string; values: number[] }[]
  /** Row indices (into the input) of the studies with every moderator present. */
  rows: number[]
  /** Studies left out for a missing moderator. */
  skipped: { index: number; reason: string }[]
  /** Per categorical moderator, its levels with the reference first. */
  levels: Record<string, string[]>
  warnings: string[]
}

const label = (ids: readonly string[] | undefined, i: number): string => `study "${ids?.[i] ?? String(i + 1)}"`

export function codeModerators(mods: readonly (StudyModerators | undefined)[], options: { ids?: readonly string[]; levels?: Readonly<Record<string, readonly string[]>> } = {}): ModeratorColumns {
  const names: string[] = []
  for (const m of mods) for (const name of Object.keys(m ?? {})) if (!names.includes(name)) names.push(name)
  if (names.length === 0) throw new InputError('meta-regression needs at least one moderator')

  const kind = new Map<string, 'numeric' | 'categorical'>()
  mods.forEach((m, i) => {
    for (const name of names) {
      const v = m?.[name]
      if (v === undefined || v === null) continue
      const k = typeof v === 'number' ? 'numeric' : typeof v === 'string' ? 'categorical' : null
      if (k === null || (typeof v === 'number' && !Number.isFinite(v))) throw new InputError(`${label(options.ids, i)}: mods.${name} must be a finite number or a string`)
      const seen = kind.get(name)
      if (seen && seen !== k) throw new InputError(`${label(options.ids, i)}: mods.${name} must be a ${seen === 'numeric' ? 'number' : 'string'} like in the other studies`)
      kind.set(name, k)
    }
  })

  const rows: number[] = []
  const skipped: { index: number; reason: string }[] = []
  mods.forEach((m, i) => {
    const missing = names.filter((n) => m?.[n] === undefined || m?.[n] === null)
    if (missing.length > 0) skipped.push({ index: i, reason: `missing moderator ${missing.join(', ')}` })
    else rows.push(i)
  })

  const columns: { name: string; values: number[] }[] = []
  const levels: Record<string, string[]> = {}
  for (const name of names) {
    const values = rows.map((i) => (mods[i] as StudyModerators)[name] as ModeratorValue)
    if (kind.get(name) === 'numeric') {
      columns.push({ name, values: values as number[] })
      continue
    }
    const present = [...new Set(values as string[])]
    if (present.length === 1)
      throw new InputError(`moderator "${name}" has a single level ("${present[0]}") among the ${rows.length} studies that have every moderator; a categorical moderator needs at least two levels`)
    const given = options.levels?.[name]
    const ordered = given ? [...given.filter((l) => present.includes(l)), ...present.filter((l) => !given.includes(l)).sort()] : present.sort()
    levels[name] = ordered
    for (const level of ordered.slice(1)) columns.push({ name: `${name}${level}`, values: values.map((v) => (v === level ? 1 : 0)) })
  }

  const warnings: string[] = []
  const kept = dropRedundantColumns(columns, rows.length)
  if (kept.length === 0) throw new InputError(`no moderator varies among the ${rows.length} studies that have every moderator (${names.map((n) => `"${n}"`).join(', ')}), so there is nothing to test`)
  for (const c of columns) if (!kept.includes(c)) warnings.push(`moderator column "${c.name}" is redundant (a linear combination of the others) and was dropped`)
  return { columns: kept, rows, skipped, levels, warnings }
}

/** Keeps columns (after an intercept) that are not linear combinations of the kept ones (lm's 1e-7 rule). */
function dropRedundantColumns(columns: { name: string; values: number[] }[], k: number): { name: string; values: number[] }[] {
  const kept: { name: string; values: number[] }[] = []
  for (const candidate of columns) {
    const trial = [{ name: 'intrcpt', values: new Array<number>(k).fill(1) }, ...kept, candidate]
    const p = trial.length
    const gram = new Matrix(p, p)
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) {
        let s = 0
        const va = (trial[a] as { values: number[] }).values
        const vb = (trial[b] as { values: number[] }).values
        for (let i = 0; i < k; i++) s += (va[i] as number) * (vb[i] as number)
        gram.set(a, b, s)
      }
    const chol = cholesky(gram)
    const last = chol ? chol.get(p - 1, p - 1) : 0
    if (last > 1e-7 * Math.sqrt(gram.get(p - 1, p - 1))) kept.push(candidate)
  }
  return kept
}
