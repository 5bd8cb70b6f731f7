/**
 * Forest plot as an SVG string, following the layout of RevMan and metafor's forest(): study labels
 * on the left; per study a square at the estimate (area proportional to its percent weight) with its
 * confidence interval; summaries as diamonds spanning their confidence interval, with the prediction
 * interval on its own row below (RevMan Web; metafor's addpred draws the same interval through the
 * diamond); a vertical line at the null value; on the right the estimate with its interval
 * ("0.79 [0.66, 0.88]") and the weight ("12.3%"). Ratios use a log axis labelled 0.1, 0.2, 0.5, 1, 2...
 * Intervals beyond the axis limits (xLimits) end in an arrowhead.
 *
 * Example: forestPlot({ scale: 'log', studies: [{ label: 'Aronson 1948', est: 0.41, lo: 0.13, hi: 1.26,
 * weight: 5.1 }], summaries: [{ label: 'Random effects', est: 0.49, lo: 0.34, hi: 0.70, kind: 'overall' }],
 * xLabel: 'Risk ratio (log scale)', favours: { left: 'Favours vaccine', right: 'Favours control' } })
 */
import { InputError } from '../input-error'
import { parseLevel } from '../spec-fields'
import { horizontalAxis, horizontalAxisHeight, TICK_FONT_SIZE } from './axis-drawing'
import { type AxisScale, axisScale, niceLinearTicks, niceLogTicks, type TickSet } from './axis-scale'
import { type ForestRow, type ForestStudy, type ForestSummary, forestRows, validateForest } from './forest-plot-rows'
import { estimateSquare, intervalEnds, intervalLine, summaryDiamond } from './interval-marks'
import { requireFinite } from './plot-input-checks'
import { ACCENT, element, GREY, INK, lineElement, svgDocument, textElement, type DrawnSvg } from './svg-document'
import { formatFixed, formatLevel, textWidth, truncateLabel } from './svg-text'

export type { ForestStudy, ForestSummary } from './forest-plot-rows'

export interface ForestPlotInput {
  studies: readonly ForestStudy[]
  summaries?: readonly ForestSummary[]
  /** 'log': est/lo/hi are ratios (> 0) drawn on a log axis; 'linear': differences, SMDs, logits... */
  scale: 'log' | 'linear'
  /** The line of no effect (default 1 on a log scale, 0 on a linear one). */
  nullValue?: number
  /** Axis title, e.g. "Risk ratio (log scale)". */
  xLabel?: string
  /** Texts under the axis, left and right of the null line. */
  favours?: { left?: string; right?: string }
  /** Decimals of the estimate column (default 2). */
  decimals?: number
  /** Confidence level for the column header, 0.95 or 95 (default 0.95). */
  level?: number
  studyHeader?: string
  /** Default "Estimate [95% CI]". */
  estimateHeader?: string
  /** Axis limits; intervals beyond them end in arrowheads. Default: all intervals and the null value. */
  xLimits?: readonly [number, number]
  /** Labels longer than this many characters end in "…" (default 40). */
  labelMaxChars?: number
  /** Width of the plotting region in px (default 320). */
  plotWidth?: number
  title?: string
  idPrefix?: string
}

const PLOT = 'forest plot'
const FONT = 12
const ROW = 20
const GAP_ROW = 10
const MARGIN = 16
const MAX_SQUARE = 14
const MIN_SQUARE = 3

function ciText(est: number, lo: number, hi: number, decimals: number): string {
  return `${formatFixed(est, decimals)} [${formatFixed(lo, decimals)}, ${formatFixed(hi, decimals)}]`
}

function axisTicks(input: ForestPlotInput, nullValue: number, log: boolean): TickSet {
  if (input.xLimits) {
    const [a, b] = input.xLimits
    requireFinite(PLOT, 'xLimits', 'xLimits[0]', a)
    requireFinite(PLOT, 'xLimits', 'xLimits[1]', b)
    if (!(a < b) || (log && a <= 0)) throw new InputError(`${PLOT}: xLimits must be [lower, upper] with lower < upper${log ? ' and lower > 0' : ''}`)
    const nice = log ? niceLogTicks(a, b) : niceLinearTicks(a, b)
    return { domain: [a, b], ticks: nice.ticks.filter((t) => t >= a - 1e-12 && t <= b + 1e-12) }
  }
  const values = [nullValue]
  for (const s of input.studies) values.push(s.lo, s.hi)
  for (const m of input.summaries ?? []) values.push(m.lo, m.hi, ...(m.pi ?? []))
  const min = Math.min(...values)
  const max = Math.max(...values)
  return log ? niceLogTicks(min, max) : niceLinearTicks(min, max)
}

function squareSide(weight: number | null, maxWeight: number): number {
  if (weight === null || maxWeight <= 0) return MAX_SQUARE / 2
  return Math.max(MIN_SQUARE, MAX_SQUARE * Math.sqrt(weight / maxWeight))
}

function rowLabel(row: ForestRow): { text: string; bold: boolean } | undefined {
  if (row.kind === 'heading') return { text: row.label, bold: true }
  if (row.kind === 'study') return { text: row.study.label, bold: false }
  if (row.kind === 'summary') return { text: row.summary.label, bold: true }
  if (row.kind === 'prediction') return { text: 'Prediction interval', bold: false }
  return undefined
}

function rowEstimate(row: ForestRow, decimals: number): string | undefined {
  if (row.kind === 'study') return ciText(row.study.est, row.study.lo, row.study.hi, decimals)
  if (row.kind === 'summary') return ciText(row.summary.est, row.summary.lo, row.summary.hi, decimals)
  if (row.kind === 'prediction') return `[${formatFixed(row.pi[0], decimals)}, ${formatFixed(row.pi[1], decimals)}]`
  return undefined
}

function rowWeight(row: ForestRow): string | undefined {
  const w = row.kind === 'study' ? row.study.weight : row.kind === 'summary' ? row.summary.weight : undefined
  return w === undefined || w === null ? undefined : `${formatFixed(w, 1)}%`
}

function describe(input: ForestPlotInput, level: number, decimals: number): string {
  const k = input.studies.length
  const groups = new Set(input.studies.map((s) => s.group).filter((g) => g !== undefined)).size
  const overall = (input.summaries ?? []).filter((m) => m.kind === 'overall')
  const pct = formatLevel(level)
  const parts = [`Forest plot of ${k} ${k === 1 ? 'study' : 'studies'}${groups > 0 ? ` in ${groups} subgroups` : ''}`]
  for (const m of overall) {
    const name = overall.length === 1 ? 'pooled estimate' : m.label
    let text = `${name} ${formatFixed(m.est, decimals)} (${pct} CI ${formatFixed(m.lo, decimals)} to ${formatFixed(m.hi, decimals)})`
    if (m.pi) text += `, ${pct} prediction interval ${formatFixed(m.pi[0], decimals)} to ${formatFixed(m.pi[1], decimals)}`
    parts.push(text)
  }
  return parts.join('; ')
}

export function forestPlot(input: ForestPlotInput): DrawnSvg {
  const log = input.scale === 'log'
  if (input.scale !== 'log' && input.scale !== 'linear') throw new InputError(`${PLOT}: scale must be 'log' or 'linear'`)
  const summaries = input.summaries ?? []
  validateForest(input.studies, summaries, log)
  const nullValue = input.nullValue ?? (log ? 1 : 0)
  requireFinite(PLOT, 'options', 'nullValue', nullValue)
  if (log && nullValue <= 0) throw new InputError(`${PLOT}: nullValue must be greater than 0 on a log scale`)
  const level = parseLevel(input.level)
  const decimals = input.decimals ?? 2
  const maxChars = input.labelMaxChars ?? 40
  const plotWidth = input.plotWidth ?? 320
  const rows = forestRows(input.studies, summaries)

  const studyHeader = input.studyHeader ?? 'Study'
  const estimateHeader = input.estimateHeader ?? `Estimate [${formatLevel(level)} CI]`
  const labelWidth = Math.max(
    textWidth(studyHeader, FONT, true),
    ...rows.map((r) => {
      const label = rowLabel(r)
      return label ? textWidth(truncateLabel(label.text, maxChars), FONT, label.bold) : 0
    }),
  )
  const estimateWidth = Math.max(textWidth(estimateHeader, FONT, true), ...rows.map((r) => textWidth(rowEstimate(r, decimals) ?? '', FONT)))
  const hasWeights = rows.some((r) => rowWeight(r) !== undefined)
  const weightWidth = hasWeights ? Math.max(textWidth('Weight', FONT, true), textWidth('100.0%', FONT)) : 0

  const plotLeft = MARGIN + labelWidth + 20
  const plotRight = plotLeft + plotWidth
  const estimateRight = plotRight + 20 + estimateWidth
  const weightRight = estimateRight + (hasWeights ? 16 + weightWidth : 0)
  const width = weightRight + MARGIN
  const scale: AxisScale = axisScale(axisTicks(input, nullValue, log), plotLeft, plotRight, log)

  const headerY = MARGIN + 12
  const rowsTop = MARGIN + 24
  const body: string[] = [textElement(MARGIN, headerY, studyHeader, { 'font-weight': 'bold' }), textElement(estimateRight, headerY, estimateHeader, { 'font-weight': 'bold', 'text-anchor': 'end' })]
  if (hasWeights) body.push(textElement(weightRight, headerY, 'Weight', { 'font-weight': 'bold', 'text-anchor': 'end' }))

  const maxWeight = Math.max(0, ...input.studies.map((s) => s.weight ?? 0))
  const noteChars = Math.floor((width - 2 * MARGIN) / (0.62 * 11))
  const marks: string[] = []
  // The null line pauses behind note rows so heterogeneity text is never crossed out.
  const noteSpans: [number, number][] = []
  let y = rowsTop
  for (const row of rows) {
    const height = row.kind === 'gap' ? GAP_ROW : ROW
    const cy = y + height / 2
    const baseline = cy + 4
    const label = rowLabel(row)
    if (label) {
      const attributes = label.bold ? { 'font-weight': 'bold' } : row.kind === 'prediction' ? { fill: GREY } : {}
      body.push(textElement(MARGIN, baseline, truncateLabel(label.text, maxChars), { class: 'row-label', ...attributes }))
    }
    const estimate = rowEstimate(row, decimals)
    if (estimate) body.push(textElement(estimateRight, baseline, estimate, { class: 'estimate-text', 'text-anchor': 'end', ...(row.kind === 'summary' ? { 'font-weight': 'bold' } : {}) }))
    const weight = rowWeight(row)
    if (weight) body.push(textElement(weightRight, baseline, weight, { class: 'weight-text', 'text-anchor': 'end' }))
    if (row.kind === 'study') {
      const s = row.study
      marks.push(intervalLine(scale, s.lo, s.hi, cy, { class: 'study-ci' }))
      marks.push(estimateSquare(scale, s.est, cy, squareSide(s.weight, maxWeight), { class: 'study-square', fill: ACCENT }))
    } else if (row.kind === 'summary') {
      const m = row.summary
      const overall = m.kind === 'overall'
      marks.push(summaryDiamond(scale, m.lo, m.est, m.hi, cy, overall ? 7 : 6, { class: `summary-diamond ${m.kind}`, fill: overall ? INK : '#ffffff', stroke: INK }))
    } else if (row.kind === 'prediction') {
      marks.push(intervalLine(scale, row.pi[0], row.pi[1], cy, { class: 'prediction-interval', stroke: GREY }))
      marks.push(intervalEnds(scale, row.pi[0], row.pi[1], cy, 4, { class: 'prediction-interval-end', stroke: GREY }))
    } else if (row.kind === 'note') {
      body.push(textElement(MARGIN, baseline, truncateLabel(row.text, noteChars), { class: 'note', 'font-size': 11, fill: GREY }))
      noteSpans.push([y, y + height])
    }
    y += height
  }

  const axisY = y + 6
  const nullX = scale.toPixel(nullValue)
  if (nullValue >= scale.domain[0] && nullValue <= scale.domain[1]) {
    let from = rowsTop
    for (const [top, end] of [...noteSpans, [axisY, axisY] as [number, number]]) {
      if (top > from) body.push(lineElement(nullX, from, nullX, top, { class: 'null-line', stroke: GREY }))
      from = end
    }
  }
  body.push(...marks)
  body.push(horizontalAxis(scale, axisY, input.xLabel ? { title: input.xLabel } : {}))
  let bottom = axisY + horizontalAxisHeight(Boolean(input.xLabel))
  const { left, right } = input.favours ?? {}
  if (left || right) {
    const favoursY = bottom + 14
    if (left)
      body.push(textElement(Math.max(nullX - 10, MARGIN + textWidth(left, TICK_FONT_SIZE)), favoursY, left, { class: 'favours', 'text-anchor': 'end', 'font-size': TICK_FONT_SIZE, fill: GREY }))
    if (right) body.push(textElement(Math.min(nullX + 10, width - MARGIN - textWidth(right, TICK_FONT_SIZE)), favoursY, right, { class: 'favours', 'font-size': TICK_FONT_SIZE, fill: GREY }))
    bottom = favoursY
  }

  return svgDocument({
    width,
    height: bottom + MARGIN,
    idPrefix: input.idPrefix ?? 'forest-plot',
    title: input.title ?? 'Forest plot',
    description: describe(input, level, decimals),
    body: [element('g', { class: 'forest-plot' }, body.join('\n'))],
  })
}
