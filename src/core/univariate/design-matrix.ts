/**
 * The k-by-p model matrix X of a (mixed-effects) meta-regression, stored row-major.
 * Univariate models only ever need X'DX products (p-by-p) and the row quadratic forms
 * x_i' M x_i, so nothing here is k-by-k.
 */
import { InputError } from '../input-error'

export interface DesignMatrix {
  readonly k: number
  readonly p: number
  /** Row-major values, length k·p. */
  readonly values: Float64Array
  /** Column names in metafor's style: "intrcpt", then the moderators. */
  readonly columnNames: readonly string[]
}

/** X = 1 (k-by-1): the intercept-only (random- or common-effect) model. */
export function interceptOnlyDesign(k: number): DesignMatrix {
  return { k, p: 1, values: new Float64Array(k).fill(1), columnNames: ['intrcpt'] }
}

/** X = [1, columns...]; every column must have k values. */
export function designWithIntercept(k: number, columns: readonly { name: string; values: ArrayLike<number> }[]): DesignMatrix {
  const p = columns.length + 1
  const values = new Float64Array(k * p)
  for (let i = 0; i < k; i++) values[i * p] = 1
  columns.forEach((column, j) => {
    if (column.values.length !== k) throw new InputError(`moderator "${column.name}" has ${column.values.length} values, expected ${k}`)
    for (let i = 0; i < k; i++) values[i * p + j + 1] = column.values[i] as number
  })
  return { k, p, values, columnNames: ['intrcpt', ...columns.map((c) => c.name)] }
}

/** Rows `rows` of X, in that order. */
export function selectRows(x: DesignMatrix, rows: readonly number[]): DesignMatrix {
  const values = new Float64Array(rows.length * x.p)
  rows.forEach((r, i) => values.set(x.values.subarray(r * x.p, (r + 1) * x.p), i * x.p))
  return { k: rows.length, p: x.p, values, columnNames: x.columnNames }
}
