/**
 * Axis scales: "nice" linear ticks (steps of 1, 2 or 5 times a power of ten, Heckbert's rule as in
 * R's pretty()) and log-scale ticks for ratios (0.1, 0.2, 0.5, 1, 2, 5, 10, as metafor's forest and
 * funnel plots label an exponentiated axis), mapped linearly or logarithmically onto a pixel range.
 * A reversed pixel range (start > end) gives an inverted axis, as the funnel plot's y-axis needs.
 *
 * Example: niceLinearTicks(-0.37, 1.9) gives domain [-0.5, 2] and ticks -0.5, 0, 0.5, 1, 1.5, 2;
 * niceLogTicks(0.66, 1) gives domain [0.5, 1] and ticks 0.5, 0.7, 1.
 */
import { formatFixed } from './svg-text'

export interface TickSet {
  domain: [number, number]
  ticks: number[]
}

export interface AxisScale extends TickSet {
  log: boolean
  /** Pixel position of a value (values outside the domain map outside the range). */
  toPixel: (value: number) => number
  /** The tick label of a value, with as many decimals as the tick step needs. */
  tickLabel: (value: number) => string
}

function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)) + 2
  return Number(value.toFixed(decimals))
}

/** Ticks spaced by a nice step (1, 2 or 5 × 10^k) about `target` apart, covering [min, max]. */
export function niceLinearTicks(min: number, max: number, target = 5): TickSet {
  let lo = min
  let hi = max
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.5
    lo -= pad
    hi += pad
  }
  const rough = (hi - lo) / target
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const residual = rough / magnitude
  const step = (residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10) * magnitude
  const first = Math.floor(lo / step + 1e-9)
  const last = Math.ceil(hi / step - 1e-9)
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => roundToStep((first + i) * step, step))
  return { domain: [ticks[0] as number, ticks[ticks.length - 1] as number], ticks }
}

// Mantissas per decade, coarse to fine: the coarsest giving at least three ticks is used.
const LOG_MANTISSAS = [
  [1, 2, 5],
  [1, 1.5, 2, 3, 5, 7],
  [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9],
] as const

function logCandidates(mantissas: readonly number[], min: number, max: number): number[] {
  const out: number[] = []
  for (let k = Math.floor(Math.log10(min)) - 1; k <= Math.ceil(Math.log10(max)) + 1; k++) for (const m of mantissas) out.push(Number((m * 10 ** k).toPrecision(12)))
  return out
}

/**
 * Log-axis ticks for ratios in [min, max] (both > 0): the domain is snapped outwards to the 1-2-5
 * sequence; when that leaves more than nine ticks only the powers of ten are labelled, and when it
 * leaves fewer than three a finer sequence (1, 1.5, 2, 3, 5, 7) is used.
 */
export function niceLogTicks(min: number, max: number): TickSet {
  let lo = min
  let hi = max
  if (!(hi > lo)) {
    lo /= 2
    hi *= 2
  }
  let best: TickSet | undefined
  for (const mantissas of LOG_MANTISSAS) {
    const candidates = logCandidates(mantissas, lo, hi)
    const start = [...candidates].reverse().find((c) => c <= lo * (1 + 1e-12)) as number
    const end = candidates.find((c) => c >= hi * (1 - 1e-12)) as number
    const ticks = candidates.filter((c) => c >= start && c <= end)
    best = { domain: [start, end], ticks }
    if (ticks.length >= 3) break
  }
  const chosen = best as TickSet
  if (chosen.ticks.length > 9) {
    const decades = chosen.ticks.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9)
    if (decades.length >= 2) chosen.ticks = decades
  }
  return chosen
}

/** The fewest decimals (up to 6) that print `value` exactly: 0.05 -> "0.05", 100 -> "100". */
export function shortestDecimal(value: number): string {
  for (let d = 0; d < 6; d++) {
    if (Math.abs(Number(value.toFixed(d)) - value) <= 1e-9 * Math.max(1, Math.abs(value))) return formatFixed(value, d)
  }
  return formatFixed(value, 6)
}

/** A scale over `ticks.domain` mapped onto the pixel interval [start, end]. */
export function axisScale(ticks: TickSet, start: number, end: number, log = false): AxisScale {
  const [d0, d1] = ticks.domain
  const transform = log ? Math.log : (v: number) => v
  const t0 = transform(d0)
  const span = transform(d1) - t0
  return {
    domain: ticks.domain,
    ticks: ticks.ticks,
    log,
    toPixel: (value) => start + ((transform(value) - t0) / span) * (end - start),
    tickLabel: shortestDecimal,
  }
}
