/**
 * Summary ROC plot, as mada's plot(reitsma(...)) and RevMan draw it for a bivariate (Reitsma et al.
 * 2005) or HSROC (Rutter & Gatsonis 2001) analysis: a square plot of sensitivity against
 * 1 − specificity, each study an open circle whose area is proportional to its size (radius ∝ √n,
 * clamped so no study vanishes or swamps the plot), the summary point, its confidence region (solid)
 * and prediction region (dashed) as closed curves, and the SROC curve, optionally only over the
 * observed false-positive-rate range (the Cochrane DTA handbook's advice against extrapolating).
 * The legend sits to the right of the plot so it never hides a study.
 *
 * Example: srocPlot({ studies: [{ label: 'AuditC 01', fpr: 0.12, tpr: 0.84, n: 895 }],
 * summary: { fpr: 0.22, tpr: 0.89 }, confidenceRegion: [[0.18, 0.85], ...], auc: 0.888 })
 */
import { InputError } from '../input-error'
import { parseLevel } from '../spec-fields'
import { gridLines, horizontalAxis, horizontalAxisHeight, verticalAxis } from './axis-drawing'
import { axisScale, niceLinearTicks } from './axis-scale'
import { requireFinite, requireLabel, requireNonEmpty, requireProbability, studyOwner } from './plot-input-checks'
import { ACCENT, element, GREY, INK, lineElement, pointList, svgDocument, textElement, tooltip, type DrawnSvg } from './svg-document'
import { formatCount, formatFixed, formatLevel, textWidth } from './svg-text'

export type RocPoint = readonly [fpr: number, tpr: number]

export interface SrocStudy {
  label: string
  fpr: number
  tpr: number
  /** Study size (TP + FP + FN + TN): the circle's area is proportional to it. */
  n: number
}

export interface SrocPlotInput {
  studies: readonly SrocStudy[]
  summary?: { fpr: number; tpr: number }
  /** Closed curve of the summary point's confidence region (last point not repeated). */
  confidenceRegion?: readonly RocPoint[]
  predictionRegion?: readonly RocPoint[]
  curve?: readonly RocPoint[]
  /** Draw the SROC curve only between the smallest and largest study FPR. */
  restrictCurveToObservedFpr?: boolean
  auc?: number
  /** Level of both regions, for the legend (0.95 or 95; default 0.95). */
  regionLevel?: number
  decimals?: number
  xLabel?: string
  yLabel?: string
  /** Side of the square plotting region in px (default 360). */
  plotSize?: number
  /** Radius of the largest study's circle in px (default 12). */
  maxRadius?: number
  title?: string
  idPrefix?: string
}

const PLOT = 'SROC plot'
const MARGIN = 16
const MIN_RADIUS = 2.5

function validatePoints(owner: string, points: unknown, minimum: number): void {
  if (!Array.isArray(points) || points.length < minimum) throw new InputError(`${PLOT}: ${owner} must be a list of at least ${minimum} [fpr, tpr] points`)
  points.forEach((p: unknown, i: number) => {
    if (!Array.isArray(p)) throw new InputError(`${PLOT}: ${owner}: point ${i + 1} must be [fpr, tpr]`)
    requireProbability(PLOT, `${owner} point ${i + 1}`, 'fpr', p[0])
    requireProbability(PLOT, `${owner} point ${i + 1}`, 'tpr', p[1])
  })
}

function validate(input: SrocPlotInput): void {
  requireNonEmpty(PLOT, input.studies)
  input.studies.forEach((s, i) => {
    const owner = studyOwner(s.label, i)
    requireLabel(PLOT, owner, s.label)
    requireProbability(PLOT, owner, 'fpr', s.fpr)
    requireProbability(PLOT, owner, 'tpr', s.tpr)
    if (requireFinite(PLOT, owner, 'n', s.n) <= 0) throw new InputError(`${PLOT}: ${owner}: n must be greater than 0 (got ${s.n})`)
  })
  if (input.summary) {
    requireProbability(PLOT, 'summary', 'fpr', input.summary.fpr)
    requireProbability(PLOT, 'summary', 'tpr', input.summary.tpr)
  }
  if (input.confidenceRegion) validatePoints('confidenceRegion', input.confidenceRegion, 3)
  if (input.predictionRegion) validatePoints('predictionRegion', input.predictionRegion, 3)
  if (input.curve) validatePoints('curve', input.curve, 2)
  if (input.auc !== undefined) requireProbability(PLOT, 'options', 'auc', input.auc)
}

/**
 * The part of a curve (sorted by FPR) with lo <= FPR <= hi, with points interpolated linearly at the
 * two bounds so the curve ends exactly at the observed range.
 */
export function clipCurveToFprRange(curve: readonly RocPoint[], lo: number, hi: number): RocPoint[] {
  const sorted = [...curve].sort((a, b) => a[0] - b[0])
  const out: RocPoint[] = []
  const at = (a: RocPoint, b: RocPoint, x: number): RocPoint => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])]
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i] as RocPoint
    const prev = sorted[i - 1]
    if (prev && prev[0] < lo && p[0] > lo) out.push(at(prev, p, lo))
    if (prev && prev[0] < hi && p[0] > hi) out.push(at(prev, p, hi))
    if (p[0] >= lo && p[0] <= hi) out.push(p)
  }
  return out
}

export function srocPlot(input: SrocPlotInput): DrawnSvg {
  validate(input)
  const size = input.plotSize ?? 360
  const maxRadius = input.maxRadius ?? 12
  const decimals = input.decimals ?? 2
  const level = formatLevel(parseLevel(input.regionLevel, 'regionLevel'))
  const ticks = niceLinearTicks(0, 1)
  const left = MARGIN + 56
  const top = MARGIN + 4
  const x = axisScale(ticks, left, left + size)
  const y = axisScale(ticks, top + size, top)
  const px = (p: RocPoint): [number, number] => [x.toPixel(p[0]), y.toPixel(p[1])]

  const body: string[] = [
    gridLines(x, 'vertical', top, top + size),
    gridLines(y, 'horizontal', left, left + size),
    element('rect', { x: left, y: top, width: size, height: size, fill: 'none', stroke: INK, class: 'frame' }),
    horizontalAxis(x, top + size, { title: input.xLabel ?? '1 − Specificity' }),
    verticalAxis(y, left, { title: input.yLabel ?? 'Sensitivity', titleX: MARGIN + 10 }),
  ]
  const region = (points: readonly RocPoint[], cls: string, dashed: boolean): string =>
    element('polygon', { class: cls, points: pointList(points.map(px)), fill: 'none', stroke: ACCENT, 'stroke-width': 1.5, 'stroke-dasharray': dashed ? '6 4' : undefined })
  if (input.predictionRegion) body.push(region(input.predictionRegion, 'prediction-region', true))
  if (input.confidenceRegion) body.push(region(input.confidenceRegion, 'confidence-region', false))
  if (input.curve) {
    const fprs = input.studies.map((s) => s.fpr)
    const curve = input.restrictCurveToObservedFpr ? clipCurveToFprRange(input.curve, Math.min(...fprs), Math.max(...fprs)) : input.curve
    if (curve.length >= 2) body.push(element('polyline', { class: 'sroc-curve', points: pointList(curve.map(px)), fill: 'none', stroke: INK, 'stroke-width': 1.5 }))
  }
  const maxN = Math.max(...input.studies.map((s) => s.n))
  // Largest studies first, so small circles stay visible on top of large ones.
  const order = input.studies.map((s, i) => ({ s, i })).sort((a, b) => b.s.n - a.s.n || a.i - b.i)
  for (const { s } of order) {
    const r = Math.max(MIN_RADIUS, maxRadius * Math.sqrt(s.n / maxN))
    const [cx, cy] = px([s.fpr, s.tpr])
    const label = `${s.label}: sensitivity ${formatFixed(s.tpr, decimals)}, specificity ${formatFixed(1 - s.fpr, decimals)}, n = ${formatCount(s.n)}`
    body.push(element('circle', { class: 'study-point', cx, cy, r, fill: 'none', stroke: GREY, 'stroke-width': 1.2 }, tooltip(label)))
  }
  if (input.summary) {
    const [cx, cy] = px([input.summary.fpr, input.summary.tpr])
    body.push(element('circle', { class: 'summary-point', cx, cy, r: 5, fill: ACCENT, stroke: '#ffffff', 'stroke-width': 1 }))
  }

  // Legend, right of the plot: one entry per part that is drawn.
  const legendX = left + size + 28
  const circleSymbol =
    (fill: string, stroke?: string) =>
    (cy: number): string =>
      element('circle', { cx: legendX + 10, cy, r: 5, fill, stroke, 'stroke-width': stroke ? 1.2 : undefined })
  const lineSymbol =
    (stroke: string, dashed: boolean) =>
    (cy: number): string =>
      lineElement(legendX, cy, legendX + 20, cy, { stroke, 'stroke-width': 1.5, 'stroke-dasharray': dashed ? '6 4' : undefined })
  const items: { symbol: (cy: number) => string; text: string; detail?: string }[] = [{ symbol: circleSymbol('none', GREY), text: 'Studies (area ∝ n)' }]
  if (input.summary) {
    const detail = `sens ${formatFixed(input.summary.tpr, decimals)}, spec ${formatFixed(1 - input.summary.fpr, decimals)}`
    items.push({ symbol: circleSymbol(ACCENT), text: 'Summary point', detail })
  }
  if (input.curve) items.push({ symbol: lineSymbol(INK, false), text: 'SROC curve' })
  if (input.confidenceRegion) items.push({ symbol: lineSymbol(ACCENT, false), text: `${level} confidence region` })
  if (input.predictionRegion) items.push({ symbol: lineSymbol(ACCENT, true), text: `${level} prediction region` })
  const aucText = input.auc === undefined ? undefined : `AUC ${formatFixed(input.auc, decimals)}`
  const legend: string[] = []
  let baseline = top + 12
  for (const item of items) {
    legend.push(item.symbol(baseline - 4), textElement(legendX + 28, baseline, item.text))
    if (item.detail) legend.push(textElement(legendX + 28, baseline + 14, item.detail, { 'font-size': 11, fill: GREY }))
    baseline += item.detail ? 34 : 22
  }
  if (aucText) legend.push(textElement(legendX, baseline + 6, aucText, { class: 'auc' }))
  body.push(element('g', { class: 'legend' }, legend.join('')))
  const legendWidth = Math.max(...items.map((item) => 28 + Math.max(textWidth(item.text, 12), textWidth(item.detail ?? '', 11))), textWidth(aucText ?? '', 12))

  const k = input.studies.length
  const parts = [`SROC plot of ${k} ${k === 1 ? 'study' : 'studies'}`]
  if (input.summary) parts.push(`summary sensitivity ${formatFixed(input.summary.tpr, decimals)} and specificity ${formatFixed(1 - input.summary.fpr, decimals)}`)
  const drawn = [input.confidenceRegion && `${level} confidence region`, input.predictionRegion && `${level} prediction region`, input.curve && 'SROC curve'].filter(Boolean)
  if (drawn.length > 0) parts.push(`with ${drawn.join(', ')}`)
  if (aucText) parts.push(aucText)
  return svgDocument({
    width: legendX + legendWidth + MARGIN,
    height: top + size + horizontalAxisHeight(true) + MARGIN,
    idPrefix: input.idPrefix ?? 'sroc-plot',
    title: input.title ?? 'Summary ROC plot',
    description: parts.join('; '),
    body: [element('g', { class: 'sroc-plot' }, body.join('\n'))],
  })
}
