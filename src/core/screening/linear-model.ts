import { InputError } from '../input-error'
import { rowDot, type FeatureMatrix } from './feature-matrix'

/**
 * Every classifier here is linear in the features on the log-odds scale:
 * log P(relevant | x) / P(irrelevant | x) = x · weights + intercept.
 */
export interface LinearModel {
  weights: Float64Array
  intercept: number
}

/** The training set of one fit: record indices (rows of the feature matrix), 0/1 labels, sample weights. */
export interface TrainingSet {
  rows: Int32Array
  labels: Uint8Array
  sampleWeights: Float64Array
}

/** Log-odds of relevance of the given rows (default: every row). */
export function logOdds(model: LinearModel, features: FeatureMatrix, rows?: ArrayLike<number>): Float64Array {
  if (model.weights.length !== features.columns) throw new InputError(`model has ${model.weights.length} weights but the features have ${features.columns} columns`)
  const count = rows === undefined ? features.rows : rows.length
  const out = new Float64Array(count)
  for (let k = 0; k < count; k++) out[k] = rowDot(features, rows === undefined ? k : rows[k]!, model.weights) + model.intercept
  return out
}

/** The logistic function, written to stay accurate for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z))
  const e = Math.exp(z)
  return e / (1 + e)
}
