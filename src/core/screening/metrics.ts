import { InputError } from '../input-error'
/**
 * Evaluation of a screening order: the labels (1 relevant, 0 irrelevant) of every record in the order
 * they were screened, priors first (ASReview counts the priors as screened).
 */

/** 1-based number of records screened when at least ceil(recall · R) of the R relevant records are found. */
export function screenedToReach(labelsInOrder: ArrayLike<number>, recall: number): number {
  const relevant = countRelevant(labelsInOrder)
  if (!(recall > 0 && recall <= 1)) throw new InputError(`recall must be in (0, 1] (got ${recall})`)
  // The epsilon keeps 0.95 · 40 = 38 from rounding up to 39 through binary representation error.
  const needed = Math.ceil(recall * relevant - 1e-9)
  let found = 0
  for (let k = 0; k < labelsInOrder.length; k++) {
    found += labelsInOrder[k]!
    if (found >= needed) return k + 1
  }
  return labelsInOrder.length
}

/**
 * Work saved over sampling at a recall level, in percent (Cohen et al., JAMIA 2006;13:206–219):
 * WSS@r = (N − n_r) / N − (1 − r), n_r = records screened when recall r is first reached, N = all records.
 * Example: 100 records, 10 relevant, the 10th relevant found at position 20: WSS@100 = 80 %;
 * the 10th (ceil(9.5) = 10) is also what WSS@95 needs, so WSS@95 = 80 − 5 = 75 %.
 */
export function workSavedOverSampling(labelsInOrder: ArrayLike<number>, recall: number): number {
  const n = labelsInOrder.length
  return 100 * ((n - screenedToReach(labelsInOrder, recall)) / n - (1 - recall))
}

/**
 * Relevant records found after screening a share of the records, in percent of all relevant ones
 * (ASReview's RRF@10 for share = 0.10). The records screened are ceil(share · N), the first point
 * at which the share screened reaches `share`, as asreview-insights counts it.
 * Example: 100 records, 10 relevant of which 6 in the first 10 screened: RRF@10 = 60 %.
 */
export function relevantRecordsFound(labelsInOrder: ArrayLike<number>, share: number): number {
  const relevant = countRelevant(labelsInOrder)
  if (!(share > 0 && share <= 1)) throw new InputError(`share must be in (0, 1] (got ${share})`)
  const screened = Math.ceil(share * labelsInOrder.length - 1e-9)
  let found = 0
  for (let k = 0; k < screened; k++) found += labelsInOrder[k]!
  return (100 * found) / relevant
}

/**
 * The recall curve as [records screened, relevant found] points: the origin, every `percentStep` percent
 * of the records (rounded up to a whole record), and every record at which a relevant one was found.
 */
export function recallCurve(labelsInOrder: ArrayLike<number>, percentStep = 1): [number, number][] {
  countRelevant(labelsInOrder)
  const n = labelsInOrder.length
  const marks = new Uint8Array(n + 1)
  marks[0] = 1
  for (let p = percentStep; p < 100 + 1e-9; p += percentStep) marks[Math.min(n, Math.ceil((p * n) / 100 - 1e-9))] = 1
  marks[n] = 1
  const points: [number, number][] = [[0, 0]]
  let found = 0
  for (let k = 1; k <= n; k++) {
    found += labelsInOrder[k - 1]!
    if (marks[k] === 1 || labelsInOrder[k - 1] === 1) points.push([k, found])
  }
  return points
}

function countRelevant(labelsInOrder: ArrayLike<number>): number {
  let relevant = 0
  for (let k = 0; k < labelsInOrder.length; k++) {
    const y = labelsInOrder[k]
    if (y !== 0 && y !== 1) throw new InputError(`label at screening position ${k + 1} must be 0 or 1 (got ${String(y)})`)
    relevant += y
  }
  if (relevant === 0) throw new InputError('the screening order has no relevant record, so recall is undefined')
  return relevant
}
