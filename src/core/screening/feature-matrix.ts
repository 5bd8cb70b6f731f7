/**
 * A sparse matrix in compressed-sparse-row form (scipy's CSR with descriptive names): the non-zero
 * entries of row i are at positions rowStart[i] .. rowStart[i+1]-1 of `column` and `value`.
 * Values are stored in single precision to halve the memory of 50,000-record matrices; every sum
 * over them is done in double precision.
 */
export interface FeatureMatrix {
  readonly rows: number
  readonly columns: number
  readonly rowStart: Int32Array
  readonly column: Int32Array
  readonly value: Float32Array
  /** Term of each column ("ace", "ace inhibitor", ...). */
  readonly vocabulary: readonly string[]
  /** Inverse document frequency of each column, as used in the values. */
  readonly idf: Float64Array
}

/** x_i · w for one row i, in double precision. */
export function rowDot(features: FeatureMatrix, row: number, weights: Float64Array): number {
  const { rowStart, column, value } = features
  let sum = 0
  const end = rowStart[row + 1]!
  for (let p = rowStart[row]!; p < end; p++) sum += value[p]! * weights[column[p]!]!
  return sum
}

/** target += factor · x_i for one row i. */
export function addRow(features: FeatureMatrix, row: number, factor: number, target: Float64Array): void {
  const { rowStart, column, value } = features
  const end = rowStart[row + 1]!
  for (let p = rowStart[row]!; p < end; p++) target[column[p]!]! += factor * value[p]!
}

/** The value at (row, column), 0 when not stored; for tests and inspection, not for loops. */
export function entry(features: FeatureMatrix, row: number, col: number): number {
  const { rowStart, column, value } = features
  for (let p = rowStart[row]!; p < rowStart[row + 1]!; p++) if (column[p] === col) return value[p]!
  return 0
}
