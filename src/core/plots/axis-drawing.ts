/**
 * Drawn axes: a line over the scale's domain, outward ticks with their labels, and an optional axis
 * title; the horizontal title is centred under the axis, the vertical one rotated along it.
 *
 * Example: horizontalAxis(axisScale(niceLinearTicks(0, 1), 100, 400), 300, { title: 'Estimate' })
 */
import type { AxisScale } from './axis-scale'
import { element, lineElement, textElement } from './svg-document'
import { formatCoordinate } from './svg-text'

export const TICK_FONT_SIZE = 11
const TICK_LENGTH = 5

export interface AxisOptions {
  title?: string
  /** Tick labels (default: the scale's shortest decimal form). */
  tickLabel?: (value: number) => string
}

/** Height below the axis line taken by the tick labels and, when present, the title. */
export function horizontalAxisHeight(hasTitle: boolean): number {
  return hasTitle ? 38 : 20
}

export function horizontalAxis(scale: AxisScale, y: number, options: AxisOptions = {}): string {
  const label = options.tickLabel ?? scale.tickLabel
  const [x0, x1] = [scale.toPixel(scale.domain[0]), scale.toPixel(scale.domain[1])]
  const parts = [lineElement(x0, y, x1, y, { class: 'axis-line' })]
  for (const tick of scale.ticks) {
    const x = scale.toPixel(tick)
    parts.push(lineElement(x, y, x, y + TICK_LENGTH, { class: 'tick' }))
    parts.push(textElement(x, y + TICK_LENGTH + 12, label(tick), { class: 'tick-label', 'text-anchor': 'middle', 'font-size': TICK_FONT_SIZE }))
  }
  if (options.title) {
    parts.push(textElement((x0 + x1) / 2, y + 34, options.title, { class: 'axis-title', 'text-anchor': 'middle' }))
  }
  return element('g', { class: 'x-axis' }, parts.join(''))
}

/**
 * A vertical axis at x with ticks to the left; `titleX` is where the rotated title's baseline sits
 * (left of the widest tick label).
 */
export function verticalAxis(scale: AxisScale, x: number, options: AxisOptions & { titleX?: number } = {}): string {
  const label = options.tickLabel ?? scale.tickLabel
  const [y0, y1] = [scale.toPixel(scale.domain[0]), scale.toPixel(scale.domain[1])]
  const parts = [lineElement(x, y0, x, y1, { class: 'axis-line' })]
  for (const tick of scale.ticks) {
    const y = scale.toPixel(tick)
    parts.push(lineElement(x - TICK_LENGTH, y, x, y, { class: 'tick' }))
    parts.push(textElement(x - TICK_LENGTH - 3, y + 4, label(tick), { class: 'tick-label', 'text-anchor': 'end', 'font-size': TICK_FONT_SIZE }))
  }
  if (options.title) {
    const cx = options.titleX ?? x - 40
    const cy = (y0 + y1) / 2
    parts.push(textElement(cx, cy, options.title, { class: 'axis-title', 'text-anchor': 'middle', transform: `rotate(-90 ${formatCoordinate(cx)} ${formatCoordinate(cy)})` }))
  }
  return element('g', { class: 'y-axis' }, parts.join(''))
}

/** Light grid lines at the ticks of a scale, across the perpendicular pixel span [from, to]. */
export function gridLines(scale: AxisScale, orientation: 'vertical' | 'horizontal', from: number, to: number): string {
  const lines = scale.ticks.map((tick) => {
    const p = scale.toPixel(tick)
    return orientation === 'vertical' ? lineElement(p, from, p, to, { stroke: '#e4e4e4' }) : lineElement(from, p, to, p, { stroke: '#e4e4e4' })
  })
  return element('g', { class: 'grid' }, lines.join(''))
}
