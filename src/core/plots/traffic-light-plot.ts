/**
 * Risk-of-bias traffic-light plot in the style of robvis's rob_traffic_light() (McGuinness & Higgins
 * 2021): one row per study, one column per domain (D1, D2, ...) plus an optional "Overall" column,
 * each judgement a circle in the robvis colour with its symbol inside (+ low, − high, ? unclear or
 * some concerns, none for no information); an optional second panel holds the QUADAS-2
 * applicability concerns (A1, A2, ...). Below, the domain key ("D1: Patient selection") and the
 * judgement key list what the codes and colours mean.
 *
 * Example: trafficLightPlot({ domains: ['Patient selection', 'Index test'], studies: [{ label: 'Smith 2020',
 * judgements: ['low', 'high'], overall: 'high' }] })
 */
import { hasOverall, JUDGEMENT_ORDER, JUDGEMENT_STYLES, type RiskOfBiasInput, type RobJudgement, validateRiskOfBias } from './risk-of-bias-judgements'
import { element, svgDocument, textElement, type DrawnSvg } from './svg-document'
import { textWidth, truncateLabel } from './svg-text'

export type { RiskOfBiasInput, RiskOfBiasStudy, RobJudgement } from './risk-of-bias-judgements'

export interface TrafficLightPlotInput extends RiskOfBiasInput {
  labelMaxChars?: number
  title?: string
  idPrefix?: string
}

const PLOT = 'traffic-light plot'
const MARGIN = 16
const CELL = 30
const RADIUS = 11
const PANEL_GAP = 22
const BOLD = { 'font-weight': 'bold' }

interface Column {
  code: string
  judgement: (studyIndex: number) => RobJudgement
}

/** A judgement circle with its symbol; nothing for null (not assessed). */
export function judgementMark(judgement: RobJudgement, cx: number, cy: number, radius: number): string {
  if (judgement === null) return ''
  const style = JUDGEMENT_STYLES[judgement]
  const circle = element('circle', { class: `judgement ${judgement}`, cx, cy, r: radius, fill: style.colour, stroke: '#ffffff', 'stroke-width': 1 })
  if (!style.symbol) return circle
  const fontSize = Math.round(radius * 1.4)
  return circle + textElement(cx, cy + fontSize * 0.36, style.symbol, { 'text-anchor': 'middle', 'font-size': fontSize, 'font-weight': 'bold', fill: style.ink })
}

export function trafficLightPlot(input: TrafficLightPlotInput): DrawnSvg {
  validateRiskOfBias(PLOT, input)
  const { studies, domains } = input
  const applicability = input.applicabilityDomains ?? []
  const maxChars = input.labelMaxChars ?? 40
  const labels = studies.map((s) => truncateLabel(s.label, maxChars))
  const labelWidth = Math.max(textWidth('Study', 12, true), ...labels.map((l) => textWidth(l, 12)))

  const riskColumns: Column[] = domains.map((_, d) => ({ code: `D${d + 1}`, judgement: (i) => studies[i]?.judgements[d] ?? null }))
  if (hasOverall(input)) riskColumns.push({ code: 'Overall', judgement: (i) => studies[i]?.overall ?? null })
  const applicabilityColumns: Column[] = applicability.map((_, d) => ({ code: `A${d + 1}`, judgement: (i) => studies[i]?.applicability?.[d] ?? null }))
  const panels = [{ title: 'Risk of bias', columns: riskColumns }, ...(applicabilityColumns.length > 0 ? [{ title: 'Applicability concerns', columns: applicabilityColumns }] : [])]

  const gridTop = MARGIN + 40
  const body: string[] = [textElement(MARGIN, gridTop - 8, 'Study', BOLD)]
  let x = MARGIN + labelWidth + 14
  for (const panel of panels) {
    // Columns fit their code ("Overall" is wider) and widen evenly when the panel title is longer.
    const natural = panel.columns.map((c) => Math.max(CELL, textWidth(c.code, 11, true) + 10))
    const extra = Math.max(0, textWidth(panel.title, 12, true) + 4 - natural.reduce((a, b) => a + b, 0)) / natural.length
    const widths = natural.map((w) => w + extra)
    const panelWidth = widths.reduce((a, b) => a + b, 0)
    body.push(textElement(x + panelWidth / 2, MARGIN + 12, panel.title, { ...BOLD, 'text-anchor': 'middle', class: 'panel-title' }))
    let left = x
    panel.columns.forEach((column, c) => {
      const width = widths[c] as number
      const cx = left + width / 2
      body.push(textElement(cx, gridTop - 8, column.code, { ...BOLD, 'text-anchor': 'middle', 'font-size': 11, class: 'column-code' }))
      studies.forEach((_, i) => {
        const top = gridTop + i * CELL
        body.push(element('rect', { x: left, y: top, width, height: CELL, fill: '#f2f2f2', stroke: '#ffffff', 'stroke-width': 2 }))
        body.push(judgementMark(column.judgement(i), cx, top + CELL / 2, RADIUS))
      })
      left += width
    })
    x += panelWidth + PANEL_GAP
  }
  const gridRight = x - PANEL_GAP
  labels.forEach((label, i) => body.push(textElement(MARGIN, gridTop + i * CELL + CELL / 2 + 4, label, { class: 'row-label' })))

  // Keys: domain codes on the left, judgements on the right.
  const keyTop = gridTop + studies.length * CELL + 28
  const domainLines = [...domains.map((d, i) => `D${i + 1}: ${truncateLabel(d, 60)}`), ...applicability.map((d, i) => `A${i + 1}: ${truncateLabel(d, 60)} (applicability)`)]
  body.push(textElement(MARGIN, keyTop, 'Domains', BOLD))
  domainLines.forEach((line, i) => body.push(textElement(MARGIN, keyTop + 18 * (i + 1), line, { class: 'domain-key', 'font-size': 11 })))
  const used = JUDGEMENT_ORDER.filter((j) => studies.some((_, i) => panels.some((p) => p.columns.some((c) => c.judgement(i) === j))))
  const keyX = Math.max(MARGIN + Math.max(...domainLines.map((l) => textWidth(l, 11))) + 36, gridRight - 140)
  body.push(textElement(keyX, keyTop, 'Judgement', BOLD))
  used.forEach((j, i) => {
    const cy = keyTop + 18 * (i + 1) - 4
    body.push(judgementMark(j, keyX + 7, cy, 7), textElement(keyX + 20, cy + 4, JUDGEMENT_STYLES[j].label, { class: 'judgement-key', 'font-size': 11 }))
  })
  const keyRight = keyX + 20 + Math.max(textWidth('Judgement', 12, true), ...used.map((j) => textWidth(JUDGEMENT_STYLES[j].label, 11)))
  const height = keyTop + 18 * Math.max(domainLines.length, used.length) + MARGIN

  const counts = used.map(
    (j) => `${JUDGEMENT_STYLES[j].label.toLowerCase()} ${studies.reduce((n, _, i) => n + panels.reduce((m, p) => m + p.columns.filter((c) => c.judgement(i) === j).length, 0), 0)}`,
  )
  const k = studies.length
  let description = `Traffic-light plot of risk of bias for ${k} ${k === 1 ? 'study' : 'studies'} in ${domains.length} domains`
  if (hasOverall(input)) description += ' with an overall judgement'
  if (applicability.length > 0) description += ` and ${applicability.length} applicability domains`
  if (counts.length > 0) description += `; judgements: ${counts.join(', ')}`
  return svgDocument({
    width: Math.max(gridRight, keyRight) + MARGIN,
    height,
    idPrefix: input.idPrefix ?? 'traffic-light-plot',
    title: input.title ?? 'Risk of bias: traffic-light plot',
    description,
    body: [element('g', { class: 'traffic-light-plot' }, body.join('\n'))],
  })
}
