export interface KneeResult {
  /** Records screened at the knee of the gain curve (0 when there is none yet). */
  knee: number
  /** Rate of relevant records before the knee over the rate after it. */
  slopeRatio: number
  stop: boolean
}

/**
 * Cormack & Grossman's knee method (SIGIR 2016, "Engineering quality and reliability in technology-
 * assisted review"): on the gain curve (records screened s, relevant found r(s)) the knee i is the point
 * farthest above the chord from the origin to the current point; the slope ratio is
 *   ρ = (r(i) / i) / ((r(s) − r(i) + 1) / (s − i)),
 * and screening may stop when ρ >= 156 − min(r(s), 150) and at least `minimumScreened` records
 * (default 150) have been screened. The "+ 1" and the threshold that falls as relevant records accrue
 * make the rule cautious when few relevant records have been found. A heuristic: no recall guarantee.
 *
 * Example: 40 relevant records screened first, then 960 irrelevant: knee at 40,
 * ρ = (40/40)/(1/960) = 960 >= 156 − 40 = 116, so stop.
 */
export function kneeMethod(labelsInOrder: ArrayLike<number>, minimumScreened = 150): KneeResult {
  const s = labelsInOrder.length
  let total = 0
  for (let i = 0; i < s; i++) total += labelsInOrder[i]!
  if (s === 0 || total === 0) return { knee: 0, slopeRatio: 0, stop: false }
  let knee = 0
  let bestDistance = 0
  let found = 0
  let foundAtKnee = 0
  for (let i = 1; i <= s; i++) {
    found += labelsInOrder[i - 1]!
    // Proportional to the perpendicular distance above the chord from (0, 0) to (s, total).
    const distance = found * s - i * total
    if (distance > bestDistance) {
      bestDistance = distance
      knee = i
      foundAtKnee = found
    }
  }
  if (knee === 0 || knee === s) return { knee, slopeRatio: 0, stop: false }
  const slopeRatio = foundAtKnee / knee / ((total - foundAtKnee + 1) / (s - knee))
  return { knee, slopeRatio, stop: s >= minimumScreened && slopeRatio >= 156 - Math.min(total, 150) }
}
