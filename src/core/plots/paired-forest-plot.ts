/**
 * Paired (coupled) forest plot of diagnostic accuracy, as RevMan draws it for DTA reviews: per study
 * the 2×2 counts TP, FP, FN, TN, sensitivity and specificity with their confidence intervals as text,
 * and two panels on a 0 to 1 axis with a square at each estimate and its interval. An optional
 * summary row draws the pooled sensitivity and specificity as diamonds.
 *
 * Example: pairedForestPlot({ studies: [{ label: 'Bradley 2003', tp: 47, fp: 33, fn: 9, tn: 302,
 * sens: 0.84, sensLo: 0.72, sensHi: 0.92, spec: 0.90, specLo: 0.86, specHi: 0.93 }],
 * summary: { sens: 0.89, sensLo: 0.81, sensHi: 0.94, spec: 0.78, specLo: 0.72, specHi: 0.83 } })
 */
import { parseLevel } from '../spec-fields'
import { horizontalAxis, horizontalAxisHeight } from './axis-drawing'
import { type AxisScale, axisScale, niceLinearTicks } from './axis-scale'
import { estimateSquare, intervalLine, summaryDiamond } from './interval-marks'
import { requireCount, requireInterval, requireLabel, requireNonEmpty, requireProbability, studyOwner } from './plot-input-checks'
import { ACCENT, element, INK, svgDocument, textElement, type DrawnSvg } from './svg-document'
import { formatCount, formatFixed, formatLevel, textWidth, truncateLabel } from './svg-text'

export interface PairedForestStudy {
  label: string
  tp: number
  fp: number
  fn: number
  tn: number
  sens: number
  sensLo: number
  sensHi: number
  spec: number
  specLo: number
  specHi: number
}

export interface PairedForestSummary {
  sens: number
  sensLo: number
  sensHi: number
  spec: number
  specLo: number
  specHi: number
}

export interface PairedForestPlotInput {
  studies: readonly PairedForestStudy[]
  summary?: PairedForestSummary
  /** Row label of the summary (default "Summary"). */
  summaryLabel?: string
  /** Decimals of sensitivity and specificity (default 2). */
  decimals?: number
  /** Confidence level for the headers, 0.95 or 95 (default 0.95). */
  level?: number
  labelMaxChars?: number
  /** Width of each panel in px (default 150). */
  panelWidth?: number
  title?: string
  idPrefix?: string
}

const PLOT = 'paired forest plot'
const FONT = 12
const ROW = 20
const MARGIN = 16
const COUNT_FIELDS = ['tp', 'fp', 'fn', 'tn'] as const

function validate(input: PairedForestPlotInput): void {
  requireNonEmpty(PLOT, input.studies)
  const checkAccuracy = (owner: string, a: PairedForestSummary): void => {
    for (const field of ['sens', 'sensLo', 'sensHi', 'spec', 'specLo', 'specHi'] as const) requireProbability(PLOT, owner, field, a[field])
    requireInterval(PLOT, owner, { lo: a.sensLo, est: a.sens, hi: a.sensHi }, false, { lo: 'sensLo', est: 'sens', hi: 'sensHi' })
    requireInterval(PLOT, owner, { lo: a.specLo, est: a.spec, hi: a.specHi }, false, { lo: 'specLo', est: 'spec', hi: 'specHi' })
  }
  input.studies.forEach((s, i) => {
    const owner = studyOwner(s.label, i)
    requireLabel(PLOT, owner, s.label)
    for (const field of COUNT_FIELDS) requireCount(PLOT, owner, field, s[field])
    checkAccuracy(owner, s)
  })
  if (input.summary) checkAccuracy('summary', input.summary)
}

function ciText(est: number, lo: number, hi: number, decimals: number): string {
  return `${formatFixed(est, decimals)} [${formatFixed(lo, decimals)}, ${formatFixed(hi, decimals)}]`
}

export function pairedForestPlot(input: PairedForestPlotInput): DrawnSvg {
  validate(input)
  const decimals = input.decimals ?? 2
  const level = formatLevel(parseLevel(input.level))
  const maxChars = input.labelMaxChars ?? 40
  const panelWidth = input.panelWidth ?? 150
  const summaryLabel = input.summaryLabel ?? 'Summary'
  const { studies, summary } = input

  const labels = studies.map((s) => truncateLabel(s.label, maxChars))
  const labelWidth = Math.max(textWidth('Study', FONT, true), ...labels.map((l) => textWidth(l, FONT)), summary ? textWidth(summaryLabel, FONT, true) : 0)
  const countWidth = Math.max(textWidth('TP', FONT, true), ...studies.flatMap((s) => COUNT_FIELDS.map((f) => textWidth(formatCount(s[f]), FONT))))
  const sensHeader = `Sensitivity (${level} CI)`
  const specHeader = `Specificity (${level} CI)`
  const texts = (a: PairedForestSummary): [string, string] => [ciText(a.sens, a.sensLo, a.sensHi, decimals), ciText(a.spec, a.specLo, a.specHi, decimals)]
  const rowsText = [...studies.map(texts), ...(summary ? [texts(summary)] : [])]
  const textColumn = Math.max(textWidth(sensHeader, FONT, true), textWidth(specHeader, FONT, true), ...rowsText.flat().map((t) => textWidth(t, FONT)))

  // Right edges of the text columns, then the two panels.
  const countRights = COUNT_FIELDS.map((_, j) => MARGIN + labelWidth + (j + 1) * (countWidth + 14))
  const sensRight = (countRights[3] as number) + 20 + textColumn
  const specRight = sensRight + 16 + textColumn
  const sensPanel = axisScale(niceLinearTicks(0, 1), specRight + 28, specRight + 28 + panelWidth)
  const specPanel = axisScale(niceLinearTicks(0, 1), specRight + 28 + panelWidth + 28, specRight + 56 + 2 * panelWidth)
  const width = specRight + 56 + 2 * panelWidth + MARGIN

  const headerY = MARGIN + 12
  const bold = { 'font-weight': 'bold' }
  const body: string[] = [textElement(MARGIN, headerY, 'Study', bold)]
  COUNT_FIELDS.forEach((f, j) => body.push(textElement(countRights[j] as number, headerY, f.toUpperCase(), { ...bold, 'text-anchor': 'end' })))
  body.push(textElement(sensRight, headerY, sensHeader, { ...bold, 'text-anchor': 'end' }))
  body.push(textElement(specRight, headerY, specHeader, { ...bold, 'text-anchor': 'end' }))
  const panelHeader = (scale: AxisScale, text: string): string => textElement(scale.toPixel(0.5), headerY, text, { ...bold, 'text-anchor': 'middle' })
  body.push(panelHeader(sensPanel, 'Sensitivity'), panelHeader(specPanel, 'Specificity'))

  const rowsTop = MARGIN + 24
  studies.forEach((s, i) => {
    const cy = rowsTop + i * ROW + ROW / 2
    const [sensText, specText] = rowsText[i] as [string, string]
    body.push(textElement(MARGIN, cy + 4, labels[i] as string, { class: 'row-label' }))
    COUNT_FIELDS.forEach((f, j) => body.push(textElement(countRights[j] as number, cy + 4, formatCount(s[f]), { class: `count ${f}`, 'text-anchor': 'end' })))
    body.push(textElement(sensRight, cy + 4, sensText, { class: 'estimate-text', 'text-anchor': 'end' }))
    body.push(textElement(specRight, cy + 4, specText, { class: 'estimate-text', 'text-anchor': 'end' }))
    body.push(intervalLine(sensPanel, s.sensLo, s.sensHi, cy, { class: 'study-ci sensitivity' }))
    body.push(estimateSquare(sensPanel, s.sens, cy, 7, { class: 'study-square sensitivity', fill: ACCENT }))
    body.push(intervalLine(specPanel, s.specLo, s.specHi, cy, { class: 'study-ci specificity' }))
    body.push(estimateSquare(specPanel, s.spec, cy, 7, { class: 'study-square specificity', fill: ACCENT }))
  })
  let y = rowsTop + studies.length * ROW
  if (summary) {
    const cy = y + 10 + ROW / 2
    const [sensText, specText] = rowsText[studies.length] as [string, string]
    body.push(textElement(MARGIN, cy + 4, summaryLabel, { class: 'row-label', ...bold }))
    body.push(textElement(sensRight, cy + 4, sensText, { class: 'estimate-text', 'text-anchor': 'end', ...bold }))
    body.push(textElement(specRight, cy + 4, specText, { class: 'estimate-text', 'text-anchor': 'end', ...bold }))
    const diamond = { fill: INK, stroke: INK }
    body.push(summaryDiamond(sensPanel, summary.sensLo, summary.sens, summary.sensHi, cy, 7, { class: 'summary-diamond sensitivity', ...diamond }))
    body.push(summaryDiamond(specPanel, summary.specLo, summary.spec, summary.specHi, cy, 7, { class: 'summary-diamond specificity', ...diamond }))
    y += 10 + ROW
  }
  const axisY = y + 6
  body.push(horizontalAxis(sensPanel, axisY), horizontalAxis(specPanel, axisY))

  const k = studies.length
  let description = `Paired forest plot of sensitivity and specificity for ${k} ${k === 1 ? 'study' : 'studies'}`
  if (summary) {
    const f = (v: number): string => formatFixed(v, decimals)
    description += `; summary sensitivity ${f(summary.sens)} (${level} CI ${f(summary.sensLo)} to ${f(summary.sensHi)}), specificity ${f(summary.spec)} (${level} CI ${f(summary.specLo)} to ${f(summary.specHi)})`
  }
  return svgDocument({
    width,
    height: axisY + horizontalAxisHeight(false) + MARGIN,
    idPrefix: input.idPrefix ?? 'paired-forest-plot',
    title: input.title ?? 'Paired forest plot of sensitivity and specificity',
    description,
    body: [element('g', { class: 'paired-forest-plot' }, body.join('\n'))],
  })
}
