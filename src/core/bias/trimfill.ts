/**
 * Duval & Tweedie's trim-and-fill method (metafor's trimfill.rma.uni): estimate the number k0 of
 * studies missing on one side of the funnel plot with the L0 (default) or R0 estimator, iterating
 * "trim the k0 most extreme studies, re-estimate the centre, re-rank", then fill in their mirror
 * images about the centre and refit. The side is the one metafor chooses: "right" when the slope
 * of yi on √vi in the analysis model is negative, else "left" (missing studies on the left).
 *   L0 = (4·Sr − k(k + 1))/(2k − 1), Sr the sum of the positive signed ranks of yi − θ;
 *   R0 = γ − 1, γ the length of the rightmost run of positive ranks.
 * As in metafor the filled model uses the z test (and the original model is returned when k0 = 0).
 * When k0 still changes after maxIterations the last k0 is used and reported with converged = false
 * and a warning (metafor stops with an error there).
 * Reference: Duval & Tweedie 2000 (Biometrics 56:455; J Am Stat Assoc 95:89); metafor 3.8.
 *
 * Example: trimfill({ yi, vi, method: 'REML' }) on dat.bcg log risk ratios → k0 = 1 on the right,
 * filled estimate −0.6571 (metafor 3.8).
 */
import { InputError } from '../input-error'
import { designWithIntercept, interceptOnlyDesign } from '../univariate/design-matrix'
import { fitMixedEffects, validateOutcomes, type RmaMethod, type RmaTest } from '../univariate/mixed-effects-model'
import { rma, type RmaResult } from '../univariate/rma'
import type { Tau2Control } from '../univariate/tau2-problem'

export interface TrimfillInput {
  yi: readonly number[]
  vi: readonly number[]
  ids?: readonly string[]
  method?: RmaMethod
  /** Test of the original model (used only when nothing is filled). */
  test?: RmaTest
  estimator?: 'L0' | 'R0'
  side?: 'left' | 'right'
  /** 0.95 or 95 (default 0.95). */
  level?: number
  maxIterations?: number
  control?: Partial<Tau2Control>
}

export interface TrimfillResult {
  k0: number
  se_k0: number
  side: 'left' | 'right'
  estimator: 'L0' | 'R0'
  /** P-value of R0 (0.5^(k0 + 1)), null for L0. */
  p_k0: number | null
  iterations: number
  /** The imputed studies (mirror images), in metafor's order. */
  filled: { yi: number[]; vi: number[] }
  /** The model fitted to the observed plus filled studies (the original model when k0 = 0). */
  model: RmaResult
  /** False when the estimate of k0 had not settled after maxIterations. */
  converged: boolean
  warnings: string[]
}

/** R's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r
}

export function trimfill(input: TrimfillInput): TrimfillResult {
  const { yi, vi } = input
  validateOutcomes(yi, vi, input.ids)
  const k = yi.length
  if (k < 2) throw new InputError('trim-and-fill needs at least 2 studies')
  const method = input.method ?? 'REML'
  const estimator = input.estimator ?? 'L0'
  const maxIterations = input.maxIterations ?? 100
  const common = { method, level: input.level, control: input.control }

  let side = input.side
  if (side === undefined) {
    const slope = fitMixedEffects({ yi, vi, x: designWithIntercept(k, [{ name: 'sei', values: vi.map(Math.sqrt) }]), ...common }).beta[1] as number
    side = slope < 0 ? 'right' : 'left'
  }
  const flip = side === 'right' ? -1 : 1
  const order = yi.map((_, i) => i).sort((a, b) => flip * (yi[a] as number) - flip * (yi[b] as number) || a - b)
  const y = order.map((i) => flip * (yi[i] as number))
  const v = order.map((i) => vi[i] as number)

  let k0Previous = -1
  let k0 = 0
  let se_k0 = 0
  let iterations = 0
  let beta = 0
  const warnings: string[] = []
  let converged = true
  while (Math.abs(k0 - k0Previous) > 0) {
    if (iterations === maxIterations) {
      converged = false
      warnings.push(`trim-and-fill: the estimate of k0 did not settle in ${maxIterations} iterations (last two: ${k0Previous}, ${k0}); the last is used`)
      break
    }
    k0Previous = k0
    iterations++
    const kept = k - k0
    beta = fitMixedEffects({ yi: y.slice(0, kept), vi: v.slice(0, kept), x: interceptOnlyDesign(kept), ...common }).beta[0] as number
    const centred = y.map((value) => value - beta)
    const byMagnitude = centred.map((_, i) => i).sort((a, b) => Math.abs(centred[a] as number) - Math.abs(centred[b] as number) || a - b)
    const signedRank = new Array<number>(k)
    byMagnitude.forEach((i, r) => (signedRank[i] = Math.sign(centred[i] as number) * (r + 1)))
    let raw: number
    if (estimator === 'R0') {
      let largestNegativeRank = 0
      for (const r of signedRank) if (r < 0 && -r > largestNegativeRank) largestNegativeRank = -r
      raw = k - largestNegativeRank - 1
      se_k0 = Math.sqrt(2 * Math.max(0, raw) + 2)
    } else {
      const Sr = signedRank.filter((r) => r > 0).reduce((s, r) => s + r, 0)
      raw = (4 * Sr - k * (k + 1)) / (2 * k - 1)
      const varSr = (k * (k + 1) * (2 * k + 1) + 10 * raw ** 3 + 27 * raw ** 2 + 17 * raw - 18 * k * raw ** 2 - 18 * k * raw + 6 * k * k * raw) / 24
      se_k0 = (4 * Math.sqrt(varSr)) / (2 * k - 1)
    }
    k0 = Math.max(0, roundHalfEven(raw))
    se_k0 = Math.max(0, se_k0)
  }

  const p_k0 = estimator === 'R0' ? 0.5 ** (k0 + 1) : null
  const ids = input.ids ?? yi.map((_, i) => String(i + 1))
  if (k0 === 0) {
    return { k0, se_k0, side, estimator, p_k0, iterations, filled: { yi: [], vi: [] }, model: rma({ yi, vi, ids, test: input.test, ...common }), converged, warnings }
  }
  const fillYi = y.slice(k - k0).map((value) => flip * (2 * beta - value))
  const fillVi = v.slice(k - k0)
  const model = rma({
    yi: [...yi, ...fillYi],
    vi: [...vi, ...fillVi],
    ids: [...ids, ...fillYi.map((_, j) => `Filled ${j + 1}`)],
    test: 'z',
    ...common,
  })
  return { k0, se_k0, side, estimator, p_k0, iterations, filled: { yi: fillYi, vi: fillVi }, model, converged, warnings }
}
