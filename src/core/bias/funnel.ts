/**
 * Funnel-plot coordinates as metafor's funnel.rma draws them for a model without moderators:
 * each study at (yi, sei), the reference line at the model estimate, and the pseudo confidence
 * region est ± z(1 − α/2)·√(sei² + tau2) (tau2 only with addTau2, else a straight-sided triangle)
 * from sei = 0 down to 1.1·max(sei), metafor's plotting range.
 * Reference: Sterne & Egger 2001 (J Clin Epidemiol 54:1046); metafor 3.8 funnel.rma.
 *
 * Example: funnel({ yi, vi, est: -0.7145 }).lower_at_seiMax = est − 1.96·max(sei).
 */
import { InputError } from '../input-error'
import { qnorm } from '../distributions/distributions'
import { parseLevel } from '../spec-fields'
import { largest } from '../univariate/rescaling'
import { validateOutcomes } from '../univariate/mixed-effects-model'

export interface FunnelInput {
  yi: readonly number[]
  vi: readonly number[]
  /** The reference line (the pooled estimate). */
  est: number
  ids?: readonly string[]
  /** Level of the pseudo confidence region: 0.95 or 95 (default 0.95). */
  level?: number
  /** Widen the region by tau2 (metafor's addtau2). */
  addTau2?: boolean
  tau2?: number
  /** Points on each limit line (default 2 without tau2, 101 with). */
  resolution?: number
}

export interface FunnelPlot {
  points: { id: string; yi: number; sei: number }[]
  refline: number
  crit: number
  /** Largest standard error and the region's limits there (metafor's x.lb.bot, x.ub.bot). */
  seiMax: number
  lower_at_seiMax: number
  upper_at_seiMax: number
  /** Bottom of metafor's plotting region, 1.1·seiMax. */
  seiPlotMax: number
  /** The limit lines from sei = 0 to seiPlotMax. */
  limits: { sei: number; lower: number; upper: number }[]
}

export function funnel(input: FunnelInput): FunnelPlot {
  const { yi, vi, est } = input
  validateOutcomes(yi, vi, input.ids)
  if (!Number.isFinite(est)) throw new InputError('the funnel plot needs a finite reference estimate')
  const tau2 = input.addTau2 ? (input.tau2 ?? 0) : 0
  const crit = qnorm(1 - (1 - parseLevel(input.level)) / 2)
  const sei = vi.map((v) => Math.sqrt(v))
  const seiMax = largest(sei)
  const seiPlotMax = seiMax * 1.1
  const half = (s: number): number => crit * Math.sqrt(s * s + tau2)
  const n = Math.max(2, input.resolution ?? (tau2 > 0 ? 101 : 2))
  const limits = Array.from({ length: n }, (_, j) => {
    const s = (seiPlotMax * j) / (n - 1)
    return { sei: s, lower: est - half(s), upper: est + half(s) }
  })
  return {
    points: yi.map((y, i) => ({ id: input.ids?.[i] ?? String(i + 1), yi: y, sei: sei[i] as number })),
    refline: est,
    crit,
    seiMax,
    lower_at_seiMax: est - half(seiMax),
    upper_at_seiMax: est + half(seiMax),
    seiPlotMax,
    limits,
  }
}
