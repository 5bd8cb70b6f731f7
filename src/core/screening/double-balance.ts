import { sampleWithoutReplacement, type RandomSource } from './prng'

/** Parameters of ASReview's "double" balance strategy, with its defaults. */
export interface DoubleBalanceParameters {
  a: number
  alpha: number
  b: number
  beta: number
}

export const defaultDoubleBalance: DoubleBalanceParameters = { a: 2.155, alpha: 0.94, b: 0.789, beta: 1.0 }

/**
 * How many training copies each labelled record gets under ASReview's dynamic resampling ("double"
 * balance, asreview/models/balance/double.py, v0.x-v1.x). With n1 relevant and n0 irrelevant labels,
 * n = n1 + n0:
 *   w1 = a · (n1 / n0)^(−alpha)                 weight of a relevant record
 *   w0 = 1 − (1 − b) · (1 + ln n)^(−beta)       weight of an irrelevant record
 *   m1 = randomRound(w1·n1·n / (w1·n1 + w0·n0)), clamped to 1 .. n−2   relevant rows in the sample
 *   m0 = n − m1                                                        irrelevant rows
 * The training set keeps its size n: the relevant records are copied floor(m1/n1) times each and
 * m1 mod n1 of them, drawn without replacement, once more; the irrelevant ones likewise (in practice
 * m0 < n0, so a random subset of m0 irrelevant records is used). randomRound rounds up with
 * probability equal to the fractional part. Returned as a count per labelled record, in input order:
 * training on the copies is training with these counts as sample weights.
 *
 * `random` = undefined gives the expectation instead (weights m1/n1 and m0/n0, unrounded), a smooth
 * deterministic variant for iterative solvers and for ranking in the app.
 *
 * Example: labels [1, 0, 0, 0] (n1 = 1, n0 = 3): w1 = 2.155·3^0.94 = 6.05, w0 = 0.912,
 * m1 = 6.05·4/(6.05 + 2.73) = 2.75 -> clamped to n − 2 = 2; m0 = 2: weights 2 for the relevant record
 * and 1 for two of the three irrelevant ones (0 for the third).
 */
export function doubleBalanceWeights(labels: ArrayLike<number>, random: RandomSource | undefined, parameters: DoubleBalanceParameters = defaultDoubleBalance): Float64Array {
  const n = labels.length
  const ones: number[] = []
  const zeros: number[] = []
  for (let i = 0; i < n; i++) (labels[i] === 1 ? ones : zeros).push(i)
  const weights = new Float64Array(n)
  // ASReview falls back to the plain training set when one class is missing.
  if (ones.length === 0 || zeros.length === 0) return weights.fill(1)

  const { a, alpha, b, beta } = parameters
  const n1 = ones.length
  const n0 = zeros.length
  const w1 = a * (n1 / n0) ** -alpha
  const w0 = 1 - (1 - b) * (1 + Math.log(n)) ** -beta
  const target = (w1 * n1 * n) / (w1 * n1 + w0 * n0)
  let m1: number
  if (random === undefined) m1 = Math.max(1, Math.min(n - 2, target))
  else {
    const base = Math.floor(target)
    m1 = Math.max(1, Math.min(n - 2, random() < target - base ? base + 1 : base))
  }
  // With n = 2 the clamp gives m1 = 1 and m0 = 1 (ASReview's max(1, min(n-2, .)) order).
  const m0 = n - m1
  if (random === undefined) {
    for (const i of ones) weights[i] = m1 / n1
    for (const i of zeros) weights[i] = m0 / n0
  } else {
    fillCopies(ones, m1, random, weights)
    fillCopies(zeros, m0, random, weights)
  }
  return weights
}

/** ASReview's fill_training: whole copies of every source record, then a sample for the remainder. */
function fillCopies(source: readonly number[], total: number, random: RandomSource, weights: Float64Array): void {
  const copies = Math.floor(total / source.length)
  for (const i of source) weights[i] = copies
  const extra = sampleWithoutReplacement(random, source.length, total - copies * source.length)
  for (const k of extra) weights[source[k]!]! += 1
}
