/**
 * Kendall's rank correlation tau-b and its two-sided test as R's cor.test(method = "kendall",
 * exact = TRUE) computes them: without ties the exact null distribution of the number of
 * concordant pairs (R's pkendall, here by dynamic programming on probabilities); with ties the
 * normal approximation with the tie-corrected variance of S.
 * tau-b = (C − D)/√((n0 − n1)(n0 − n2)), counted in O(n log n) (Knight 1966, J Am Stat Assoc 61:436).
 * R's pkendall overflows (returns NaN) from n = 171 on; there the normal approximation is used.
 *
 * Example: kendallTau([1, 2, 3, 4], [1, 3, 2, 4]) → { tau: 0.6667, p: 0.3333, method: 'exact' }
 */
import { InputError } from '../input-error'
import { pnorm } from '../distributions/distributions'

export interface KendallTest {
  tau: number
  p: number
  method: 'exact' | 'normal'
}

/** Σ t(t − 1)/2 and the two variance sums over runs of equal values in a sorted array. */
function tieSums(sorted: readonly number[]): { pairs: number; v: number; v1: number; v2: number } {
  let pairs = 0
  let v = 0
  let v1 = 0
  let v2 = 0
  let run = 1
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) {
      run++
      continue
    }
    if (run > 1) {
      pairs += (run * (run - 1)) / 2
      v += run * (run - 1) * (2 * run + 5)
      v1 += run * (run - 1)
      v2 += run * (run - 1) * (run - 2)
    }
    run = 1
  }
  return { pairs, v, v1, v2 }
}

/** Number of swaps bubble sort would make to sort `a` (inversions), by merge sort; sorts `a`. */
function countInversions(a: number[]): number {
  const buffer = new Array<number>(a.length)
  let swaps = 0
  for (let width = 1; width < a.length; width *= 2) {
    for (let lo = 0; lo < a.length; lo += 2 * width) {
      const mid = Math.min(lo + width, a.length)
      const hi = Math.min(lo + 2 * width, a.length)
      let i = lo
      let j = mid
      let out = lo
      while (i < mid && j < hi) {
        if ((a[j] as number) < (a[i] as number)) {
          swaps += mid - i
          buffer[out++] = a[j++] as number
        } else buffer[out++] = a[i++] as number
      }
      while (i < mid) buffer[out++] = a[i++] as number
      while (j < hi) buffer[out++] = a[j++] as number
      for (let t = lo; t < hi; t++) a[t] = buffer[t] as number
    }
  }
  return swaps
}

/** P(T <= q) for the number T of concordant pairs among n untied observations (R's pkendall). */
export function kendallCdf(q: number, n: number): number {
  const max = (n * (n - 1)) / 2
  const qf = Math.floor(q + 1e-7)
  if (qf < 0) return 0
  if (qf >= max) return 1
  let dist = new Float64Array([1])
  for (let m = 2; m <= n; m++) {
    const size = (m * (m - 1)) / 2 + 1
    const next = new Float64Array(size)
    let window = 0
    for (let k = 0; k < size; k++) {
      if (k < dist.length) window += dist[k] as number
      if (k - m >= 0 && k - m < dist.length) window -= dist[k - m] as number
      next[k] = window / m
    }
    dist = next
  }
  let p = 0
  for (let k = 0; k <= qf; k++) p += dist[k] as number
  return Math.min(1, p)
}

export function kendallTau(x: readonly number[], y: readonly number[]): KendallTest {
  const n = x.length
  if (y.length !== n) throw new InputError('x and y must have the same length')
  if (n < 2) throw new InputError("Kendall's tau needs at least 2 observations")
  const order = x.map((_, i) => i).sort((a, b) => (x[a] as number) - (x[b] as number) || (y[a] as number) - (y[b] as number))
  const xs = order.map((i) => x[i] as number)
  const ys = order.map((i) => y[i] as number)
  const xTies = tieSums(xs)
  let jointPairs = 0
  let run = 1
  for (let i = 1; i <= n; i++) {
    if (i < n && xs[i] === xs[i - 1] && ys[i] === ys[i - 1]) run++
    else {
      jointPairs += (run * (run - 1)) / 2
      run = 1
    }
  }
  const swaps = countInversions(ys)
  const yTies = tieSums(ys)
  const n0 = (n * (n - 1)) / 2
  const concordantMinusDiscordant = n0 - xTies.pairs - yTies.pairs + jointPairs - 2 * swaps
  const tau = concordantMinusDiscordant / Math.sqrt((n0 - xTies.pairs) * (n0 - yTies.pairs))
  if (!Number.isFinite(tau)) return { tau: Number.NaN, p: Number.NaN, method: 'normal' }

  const ties = xTies.pairs > 0 || yTies.pairs > 0
  if (!ties && n <= 170) {
    const q = Math.round(((tau + 1) * n * (n - 1)) / 4)
    const half = kendallCdf(q > (n * (n - 1)) / 4 ? q - 1 : q, n)
    const p = q > (n * (n - 1)) / 4 ? 1 - half : half
    return { tau, p: Math.min(2 * p, 1), method: 'exact' }
  }
  const S = tau * Math.sqrt((n0 - xTies.pairs) * (n0 - yTies.pairs))
  const varS = (n * (n - 1) * (2 * n + 5) - xTies.v - yTies.v) / 18 + (xTies.v1 * yTies.v1) / (2 * n * (n - 1)) + (xTies.v2 * yTies.v2) / (9 * n * (n - 1) * (n - 2))
  const z = S / Math.sqrt(varS)
  return { tau, p: 2 * Math.min(pnorm(z), pnorm(-z)), method: 'normal' }
}
