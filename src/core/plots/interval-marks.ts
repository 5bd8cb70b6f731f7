/**
 * The marks of forest plots: a confidence interval line (cut at the axis limits with an arrowhead,
 * as metafor's forest() does for intervals beyond xlim), a square at the estimate, and the summary
 * diamond whose left and right vertices are the confidence limits and whose centre is the estimate.
 *
 * Example: intervalLine(scale, 0.5, 2, 40) draws from x(0.5) to x(2) at y = 40.
 */
import type { AxisScale } from './axis-scale'
import { type Attributes, element, INK, lineElement, pointList } from './svg-document'

function clampToDomain(scale: AxisScale, value: number): number {
  const [d0, d1] = scale.domain
  return Math.min(Math.max(value, d0), d1)
}

/** A horizontal interval line; ends beyond the axis are cut there and marked with an arrowhead. */
export function intervalLine(scale: AxisScale, lo: number, hi: number, y: number, attributes: Attributes = {}): string {
  const [d0, d1] = scale.domain
  if (hi < d0 || lo > d1) return ''
  const x0 = scale.toPixel(clampToDomain(scale, lo))
  const x1 = scale.toPixel(clampToDomain(scale, hi))
  const parts = [lineElement(x0, y, x1, y, attributes)]
  const fill = typeof attributes.stroke === 'string' ? attributes.stroke : INK
  if (lo < d0)
    parts.push(
      element('polygon', {
        points: pointList([
          [x0, y],
          [x0 + 6, y - 3.5],
          [x0 + 6, y + 3.5],
        ]),
        fill,
        class: 'clipped-arrow',
      }),
    )
  if (hi > d1)
    parts.push(
      element('polygon', {
        points: pointList([
          [x1, y],
          [x1 - 6, y - 3.5],
          [x1 - 6, y + 3.5],
        ]),
        fill,
        class: 'clipped-arrow',
      }),
    )
  return parts.join('')
}

/** Short vertical end marks at both limits (drawn only inside the axis), for prediction intervals. */
export function intervalEnds(scale: AxisScale, lo: number, hi: number, y: number, halfHeight: number, attributes: Attributes = {}): string {
  const [d0, d1] = scale.domain
  return [lo, hi]
    .filter((v) => v >= d0 && v <= d1)
    .map((v) => lineElement(scale.toPixel(v), y - halfHeight, scale.toPixel(v), y + halfHeight, attributes))
    .join('')
}

/** A square of side `side` centred on the estimate; nothing when the estimate is off the axis. */
export function estimateSquare(scale: AxisScale, est: number, y: number, side: number, attributes: Attributes = {}): string {
  const [d0, d1] = scale.domain
  if (est < d0 || est > d1) return ''
  const x = scale.toPixel(est)
  return element('rect', { x: x - side / 2, y: y - side / 2, width: side, height: side, ...attributes })
}

/** The summary diamond: vertices (lo, y), (est, y − h), (hi, y), (est, y + h), cut to the axis. */
export function summaryDiamond(scale: AxisScale, lo: number, est: number, hi: number, y: number, halfHeight: number, attributes: Attributes = {}): string {
  const x = (v: number): number => scale.toPixel(clampToDomain(scale, v))
  const points: [number, number][] = [
    [x(lo), y],
    [x(est), y - halfHeight],
    [x(hi), y],
    [x(est), y + halfHeight],
  ]
  return element('polygon', { points: pointList(points), ...attributes })
}
