import { InputError } from '../input-error'
/** A source of uniform random numbers in [0, 1). */
export type RandomSource = () => number

/**
 * mulberry32, Tommy Ettinger's 32-bit generator (public domain; period 2^32, passes gjrand and
 * PractRand to 2^32 outputs): a Weyl sequence (state += 0x6D2B79F5) passed through an avalanching
 * mix. Enough for choosing priors and resampling; fully determined by the seed, so a simulation is
 * reproducible bit for bit on any JavaScript engine.
 *
 * Example: const random = mulberry32(1); random() -> 0.6270739405881613 (the same on every run).
 */
export function mulberry32(seed: number): RandomSource {
  if (!Number.isInteger(seed)) throw new InputError(`seed must be an integer (got ${seed})`)
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A uniform integer in 0 .. n-1. */
export function randomInteger(random: RandomSource, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new InputError(`randomInteger needs a positive integer n (got ${n})`)
  return Math.min(n - 1, Math.floor(random() * n))
}

/** k distinct values of 0 .. n-1, uniformly (a partial Fisher–Yates shuffle). */
export function sampleWithoutReplacement(random: RandomSource, n: number, k: number): Int32Array {
  if (k > n || k < 0) throw new InputError(`cannot sample ${k} of ${n} without replacement`)
  const pool = new Int32Array(n)
  for (let i = 0; i < n; i++) pool[i] = i
  for (let i = 0; i < k; i++) {
    const j = i + randomInteger(random, n - i)
    const tmp = pool[i]!
    pool[i] = pool[j]!
    pool[j] = tmp
  }
  return pool.slice(0, k)
}
