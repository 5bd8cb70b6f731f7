import { InputError } from '../input-error'
import { phyper } from '../distributions/distributions'

export interface HypergeometricTest {
  /** Smallest p over all windows for H0 "recall < target"; 1 before anything is screened. */
  p: number
  /** Size of the window of most recent records that gave that p. */
  window: number
}

/**
 * Callaghan & Müller-Hansen's stopping test (Systematic Reviews 2020;9:273, eq. 1–3; their buscarpy
 * `calculate_h0`). After t of N records have been screened with r relevant found, take the n most
 * recent screened records as if they were a random sample drawn from the N − (t − n) records that were
 * unscreened before them, with k relevant among them and r − k found before. Under H0 (recall < τ) the
 * total relevant is at least floor(r/τ) + 1, so that pool holds at least K = floor(r/τ) + 1 − (r − k)
 * relevant records, and the chance of seeing k or fewer is
 *   p_n = phyper(k; population N − t + n, K relevant, n drawn),
 * which is largest (most conservative) at that smallest K. p = min over n = 1..t; stop when p < 1 − confidence.
 * A K larger than the pool means H0 is impossible (p_n = 0). Prioritised screening puts relevant records
 * early, so treating the recent ones as random overstates the relevant left: the test stays conservative.
 *
 * Example: N = 1000, 100 screened, 50 relevant found, all in the first 50; target 0.95: K = 53 − 50 + k.
 * For the last 50 records (k = 0, K = 3, pool 950) p = phyper(0; 950, 3, 50) = (900·899·898)/(950·949·948)
 * = 0.8501, the smallest over all windows, so screening continues.
 */
export function hypergeometricStoppingTest(labelsInOrder: ArrayLike<number>, totalRecords: number, recallTarget = 0.95): HypergeometricTest {
  const t = labelsInOrder.length
  checkInputs(labelsInOrder, totalRecords, recallTarget)
  const found = relevantFound(labelsInOrder)
  // Smallest total consistent with recall < τ; the epsilon keeps r/τ = 40 from reading as 39.999...
  const smallestTotal = Math.floor(found / recallTarget + 1e-9) + 1
  let best: HypergeometricTest = { p: 1, window: 0 }
  let k = 0
  for (let n = 1; n <= t; n++) {
    k += labelsInOrder[t - n]!
    const population = totalRecords - t + n
    const relevantInPool = smallestTotal - (found - k)
    const p = relevantInPool > population ? 0 : phyper(k, population, relevantInPool, n)
    if (p < best.p) best = { p, window: n }
  }
  return best
}

/**
 * Relevant records among the unscreened ones, bounded from the window of the n most recent screened
 * records (k relevant) read as a random sample of a pool of `population` records: the largest count K of
 * relevant in that pool with phyper(k; population, K, n) >= 1 − level, minus the k already seen. With
 * level = 0.5 this is the median-unbiased estimate, with level = 0.95 a one-sided 95 % upper bound.
 * Example: a window of 100 with no relevant, pool 1100: level 0.5 gives 7, level 0.95 gives 30.
 */
export function relevantRemainingBound(k: number, population: number, n: number, level: number): number {
  if (!(level > 0 && level < 1)) throw new InputError(`level must be in (0, 1) (got ${level})`)
  let low = k
  let high = k + (population - n)
  // phyper decreases in K: find the largest K keeping the observed count at least this likely.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (phyper(k, population, mid, n) >= 1 - level) low = mid
    else high = mid - 1
  }
  return low - k
}

export function relevantFound(labelsInOrder: ArrayLike<number>): number {
  let found = 0
  for (let i = 0; i < labelsInOrder.length; i++) found += labelsInOrder[i]!
  return found
}

function checkInputs(labelsInOrder: ArrayLike<number>, totalRecords: number, recallTarget: number): void {
  for (let i = 0; i < labelsInOrder.length; i++) {
    const y = labelsInOrder[i]
    if (y !== 0 && y !== 1) throw new InputError(`label at screening position ${i + 1} must be 0 or 1 (got ${String(y)})`)
  }
  if (!Number.isInteger(totalRecords) || totalRecords < labelsInOrder.length)
    throw new InputError(`totalRecords must be an integer at least the ${labelsInOrder.length} records screened (got ${totalRecords})`)
  if (!(recallTarget > 0 && recallTarget < 1)) throw new InputError(`recallTarget must be in (0, 1) (got ${recallTarget})`)
}
