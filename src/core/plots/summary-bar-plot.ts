/**
 * Risk-of-bias summary plot in the style of robvis's rob_summary(): one horizontal bar per domain
 * (and "Overall" when given), stacked by the percentage of studies with each judgement (low, some
 * concerns or unclear, high, no information, left to right) in the robvis colours, optionally
 * weighted by study weight; a percent axis and a legend below. QUADAS-2 applicability concerns get a
 * second panel of bars under their own heading, as the QUADAS-2 guidance tabulates them.
 *
 * Example: summaryBarPlot({ domains: ['Patient selection'], studies: [{ label: 'A', judgements: ['low'] },
 * { label: 'B', judgements: ['high'] }] }) draws one bar, half green and half red.
 */
import { horizontalAxis, horizontalAxisHeight } from './axis-drawing'
import { axisScale } from './axis-scale'
import { JUDGEMENT_ORDER, JUDGEMENT_STYLES, type RiskOfBiasInput } from './risk-of-bias-judgements'
import { type DomainShare, riskOfBiasShares } from './risk-of-bias-shares'
import { element, INK, svgDocument, textElement, type DrawnSvg } from './svg-document'
import { formatFixed, textWidth, truncateLabel } from './svg-text'

export interface SummaryBarPlotInput extends RiskOfBiasInput {
  /** Weight each study by its `weight` (robvis weighted = TRUE); default false. */
  weighted?: boolean
  /** Width of the bars in px (default 360). */
  barWidth?: number
  labelMaxChars?: number
  title?: string
  idPrefix?: string
}

const PLOT = 'risk-of-bias summary plot'
const MARGIN = 16
const ROW = 26
const BAR = 18
const BOLD = { 'font-weight': 'bold' }

type Row = { kind: 'heading'; text: string } | { kind: 'bar'; share: DomainShare; bold: boolean }

export function summaryBarPlot(input: SummaryBarPlotInput): DrawnSvg {
  const shares = riskOfBiasShares(input, input.weighted ?? false, PLOT)
  const maxChars = input.labelMaxChars ?? 45
  const barWidth = input.barWidth ?? 360
  const twoPanels = shares.applicability.length > 0
  const rows: Row[] = []
  if (twoPanels) rows.push({ kind: 'heading', text: 'Risk of bias' })
  rows.push(...shares.risk.map((share): Row => ({ kind: 'bar', share, bold: false })))
  if (shares.overall) rows.push({ kind: 'bar', share: { ...shares.overall, domain: 'Overall risk of bias' }, bold: true })
  if (twoPanels) rows.push({ kind: 'heading', text: 'Applicability concerns' }, ...shares.applicability.map((share): Row => ({ kind: 'bar', share, bold: false })))

  const labelOf = (row: Row): string => (row.kind === 'heading' ? row.text : truncateLabel(row.share.domain, maxChars))
  const labelWidth = Math.max(...rows.map((r) => textWidth(labelOf(r), 12, r.kind === 'heading' || r.bold)))
  const barLeft = MARGIN + labelWidth + 14
  const scale = axisScale({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] }, barLeft, barLeft + barWidth)
  const body: string[] = []
  let y = MARGIN
  for (const row of rows) {
    const cy = y + ROW / 2
    if (row.kind === 'heading') {
      body.push(textElement(MARGIN, cy + 4, row.text, { ...BOLD, class: 'panel-title' }))
      y += ROW
      continue
    }
    body.push(textElement(MARGIN, cy + 4, labelOf(row), { class: 'row-label', ...(row.bold ? BOLD : {}) }))
    let start = 0
    for (const judgement of JUDGEMENT_ORDER) {
      const percent = row.share.percent[judgement]
      if (percent <= 0) continue
      const x0 = scale.toPixel(start)
      const x1 = scale.toPixel(start + percent)
      const style = JUDGEMENT_STYLES[judgement]
      body.push(element('rect', { class: `bar-segment ${judgement}`, x: x0, y: cy - BAR / 2, width: x1 - x0, height: BAR, fill: style.colour, stroke: INK, 'stroke-width': 0.5 }))
      const text = `${formatFixed(percent, 0)}%`
      if (x1 - x0 >= textWidth(text, 10) + 6) body.push(textElement((x0 + x1) / 2, cy + 3.5, text, { class: 'segment-label', 'text-anchor': 'middle', 'font-size': 10, fill: style.ink }))
      start += percent
    }
    y += ROW
  }
  const axisY = y + 4
  body.push(horizontalAxis(scale, axisY, { tickLabel: (v) => `${v}%` }))

  // Legend: the judgements that occur, in one row (wrapping when wider than the plot).
  const used = JUDGEMENT_ORDER.filter((j) => [...shares.risk, ...(shares.overall ? [shares.overall] : []), ...shares.applicability].some((s) => s.percent[j] > 0))
  const right = barLeft + barWidth
  let lx = barLeft
  let ly = axisY + horizontalAxisHeight(false) + 20
  for (const j of used) {
    const label = JUDGEMENT_STYLES[j].label
    const itemWidth = 18 + textWidth(label, 11) + 18
    if (lx + itemWidth > right + 10 && lx > barLeft) {
      lx = barLeft
      ly += 18
    }
    body.push(element('rect', { x: lx, y: ly - 10, width: 12, height: 12, fill: JUDGEMENT_STYLES[j].colour, stroke: INK, 'stroke-width': 0.5 }))
    body.push(textElement(lx + 18, ly, label, { class: 'legend-label', 'font-size': 11 }))
    lx += itemWidth
  }

  const bars = rows.filter((r): r is Extract<Row, { kind: 'bar' }> => r.kind === 'bar')
  const describeBar = (r: Extract<Row, { kind: 'bar' }>): string =>
    `${r.share.domain}: ${used.map((j) => `${formatFixed(r.share.percent[j], 0)}% ${JUDGEMENT_STYLES[j].label.toLowerCase()}`).join(', ')}`
  const k = input.studies.length
  const description = `Risk-of-bias summary of ${k} ${k === 1 ? 'study' : 'studies'}${input.weighted ? ' (weighted)' : ''}; ${bars.map(describeBar).join('; ')}`
  return svgDocument({
    width: right + MARGIN + 10,
    height: ly + MARGIN,
    idPrefix: input.idPrefix ?? 'risk-of-bias-summary',
    title: input.title ?? 'Risk of bias: summary plot',
    description,
    body: [element('g', { class: 'summary-bar-plot' }, body.join('\n'))],
  })
}
