import { InputError } from '../input-error'
/**
 * ASReview 2's "balanced" sample weights (asreview/models/balancers.py `Balanced(ratio)`): relevant
 * records weigh 1 and irrelevant ones n1 / (ratio · n0), so that the relevant records together weigh
 * `ratio` times the irrelevant ones; then all weights are scaled to sum to n = n1 + n0.
 * ELAS u4 (SVM) uses ratio 9.8, ELAS u3 (Naive Bayes) 1.2.
 *
 * Example: labels [1, 0, 0, 0], ratio 1: raw weights [1, 1/3, 1/3, 1/3] (sum 2), scaled by 4/2 to
 * [2, 2/3, 2/3, 2/3].
 */
export function balancedWeights(labels: ArrayLike<number>, ratio: number): Float64Array {
  if (!(ratio > 0)) throw new InputError(`balance ratio must be positive (got ${ratio})`)
  const n = labels.length
  let n1 = 0
  for (let i = 0; i < n; i++) n1 += labels[i] === 1 ? 1 : 0
  const n0 = n - n1
  const weights = new Float64Array(n)
  if (n1 === 0 || n0 === 0) return weights.fill(1)
  const zeroWeight = n1 / (ratio * n0)
  const scale = n / (n1 + zeroWeight * n0)
  for (let i = 0; i < n; i++) weights[i] = (labels[i] === 1 ? 1 : zeroWeight) * scale
  return weights
}
