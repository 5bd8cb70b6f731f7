/**
 * Levenshtein (edit) distance with a cut-off, for title similarity in deduplication. Only the band
 * of width 2·maxDistance+1 around the diagonal is filled (Ukkonen 1985), so comparing two 150-
 * character titles at similarity 0.9 costs about 150·31 cells instead of 150².
 */

/**
 * Edit distance between a and b (insertions, deletions, substitutions, each cost 1), or
 * maxDistance + 1 as soon as the distance is known to exceed maxDistance.
 * Example: boundedLevenshtein('kitten', 'sitting', 5) === 3; boundedLevenshtein('kitten', 'sitting', 2) === 3.
 */
export function boundedLevenshtein(a: string, b: string, maxDistance: number): number {
  if (a === b) return 0
  const la = a.length
  const lb = b.length
  const limit = Math.max(0, Math.floor(maxDistance))
  if (Math.abs(la - lb) > limit) return limit + 1
  if (la === 0 || lb === 0) return Math.max(la, lb)
  const big = limit + 1
  if (rowA.length <= lb + 1) {
    rowA = new Int32Array(2 * (lb + 1))
    rowB = new Int32Array(2 * (lb + 1))
  }
  let previous = rowA
  let current = rowB
  for (let j = 0; j <= lb; j++) previous[j] = j <= limit ? j : big
  for (let i = 1; i <= la; i++) {
    const from = Math.max(i - limit, 1)
    const to = Math.min(i + limit, lb)
    current[0] = i <= limit ? i : big
    if (from > 1) current[from - 1] = big
    let rowMin = big
    if (from === 1 && i <= limit) rowMin = i
    const ca = a.charCodeAt(i - 1)
    let left = current[from - 1] as number
    for (let j = from; j <= to; j++) {
      let value = (previous[j - 1] as number) + (ca === b.charCodeAt(j - 1) ? 0 : 1)
      const up = (previous[j] as number) + 1
      if (up < value) value = up
      if (left + 1 < value) value = left + 1
      if (value > big) value = big
      current[j] = value
      left = value
      if (value < rowMin) rowMin = value
    }
    if (to < lb) current[to + 1] = big
    if (rowMin > limit) return big
    const swap = previous
    previous = current
    current = swap
  }
  const distance = previous[lb] as number
  return Math.min(distance, big)
}

/** Two reusable rows: titles are compared millions of times and allocation would dominate. */
let rowA = new Int32Array(512)
let rowB = new Int32Array(512)

/**
 * 1 − distance / max(length), or 0 when below `minimum` (then the exact value is not computed).
 * Example: levenshteinRatio('colour', 'color', 0.8) ≈ 0.833.
 */
export function levenshteinRatio(a: string, b: string, minimum = 0): number {
  const longest = Math.max(a.length, b.length)
  if (longest === 0) return 1
  const maxDistance = Math.floor((1 - minimum) * longest + 1e-9)
  const distance = boundedLevenshtein(a, b, maxDistance)
  return distance > maxDistance ? 0 : 1 - distance / longest
}
