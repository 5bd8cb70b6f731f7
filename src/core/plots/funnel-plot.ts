/**
 * Funnel plot as metafor's funnel() draws it: each study's estimate (x) against its precision axis
 * (y: the standard error, or 1/√ESS for Deeks' test), the y-axis inverted so the most precise studies
 * are at the top (y = 0), a vertical line at the pooled estimate and the pseudo 95% confidence limits,
 * either given by the caller (e.g. widened by τ²) or center ± 1.96·y (Sterne & Egger 2001). Studies
 * imputed by trim-and-fill (Duval & Tweedie 2000) are open circles, observed ones filled. On a log
 * scale x and the center are ratios and y the standard error of their logarithm, so the pseudo limits
 * are center·exp(±1.96·y).
 *
 * Example: funnelPlot({ points: [{ label: 'Aronson', x: -0.889, y: 0.571 }], center: -0.7145,
 * limits: 'pseudo95', xLabel: 'Log risk ratio', test: { name: "Egger's test", statisticName: 'z', statistic: -0.80, p: 0.42 } })
 */
import { InputError } from '../input-error'
import { horizontalAxis, horizontalAxisHeight, verticalAxis } from './axis-drawing'
import { axisScale, niceLinearTicks, niceLogTicks } from './axis-scale'
import { requireFinite, requireLabel, requireNonEmpty, requirePositive, studyOwner } from './plot-input-checks'
import { element, GREY, INK, lineElement, pointList, svgDocument, textElement, tooltip, type DrawnSvg } from './svg-document'
import { formatFixed, formatPValue, textWidth } from './svg-text'

export interface FunnelPoint {
  label: string
  x: number
  /** Standard error (or 1/√ESS): 0 is drawn at the top. */
  y: number
}

export interface FunnelLimit {
  y: number
  lower: number
  upper: number
}

export interface FunnelPlotInput {
  points: readonly FunnelPoint[]
  /** Studies imputed by trim-and-fill, drawn as open circles. */
  filled?: readonly FunnelPoint[]
  /** The pooled estimate, drawn as a vertical line. */
  center?: number
  /** 'pseudo95': center ± 1.96·y; or the caller's limit lines from y = 0 down. */
  limits?: 'pseudo95' | readonly FunnelLimit[]
  test?: { name: string; statistic: number; p: number; statisticName?: string }
  scale?: 'linear' | 'log'
  xLabel?: string
  yLabel?: string
  /** Decimals of the test statistic and center in the description (default 2). */
  decimals?: number
  plotWidth?: number
  plotHeight?: number
  title?: string
  idPrefix?: string
}

const PLOT = 'funnel plot'
const MARGIN = 16
const Z95 = 1.959963984540054

function validatePoints(points: readonly FunnelPoint[], log: boolean, noun: string): void {
  points.forEach((p, i) => {
    const owner = studyOwner(p.label, i, noun)
    requireLabel(PLOT, owner, p.label)
    if (log) requirePositive(PLOT, owner, 'x', p.x)
    else requireFinite(PLOT, owner, 'x', p.x)
    if (requireFinite(PLOT, owner, 'y', p.y) < 0) throw new InputError(`${PLOT}: ${owner}: y must not be negative (got ${p.y})`)
  })
}

function validate(input: FunnelPlotInput, log: boolean): void {
  requireNonEmpty(PLOT, input.points, 'points')
  validatePoints(input.points, log, 'study')
  if (input.filled) validatePoints(input.filled, log, 'filled study')
  if (input.center !== undefined) (log ? requirePositive : requireFinite)(PLOT, 'options', 'center', input.center)
  if (input.limits === 'pseudo95' && input.center === undefined) throw new InputError(`${PLOT}: limits 'pseudo95' need a center`)
  if (Array.isArray(input.limits)) {
    const limits = input.limits as readonly FunnelLimit[]
    if (limits.length < 2) throw new InputError(`${PLOT}: limits must have at least 2 points`)
    limits.forEach((l, i) => {
      const owner = `limit point ${i + 1}`
      requireFinite(PLOT, owner, 'y', l.y)
      const check = log ? requirePositive : requireFinite
      if (check(PLOT, owner, 'lower', l.lower) > check(PLOT, owner, 'upper', l.upper)) throw new InputError(`${PLOT}: ${owner}: lower ${l.lower} is greater than upper ${l.upper}`)
    })
  }
  if (input.test) {
    requireFinite(PLOT, 'test', 'statistic', input.test.statistic)
    const p = requireFinite(PLOT, 'test', 'p', input.test.p)
    if (p < 0 || p > 1) throw new InputError(`${PLOT}: test: p must lie between 0 and 1 (got ${p})`)
  }
}

/** The limit lines to draw: the caller's, or center ± 1.96·y from 0 to yMax (straight, so two points). */
function limitLines(input: FunnelPlotInput, log: boolean, yMax: number): readonly FunnelLimit[] {
  if (Array.isArray(input.limits)) return [...(input.limits as readonly FunnelLimit[])].sort((a, b) => a.y - b.y)
  if (input.limits !== 'pseudo95') return []
  const c = input.center as number
  const at = (y: number): FunnelLimit => (log ? { y, lower: c * Math.exp(-Z95 * y), upper: c * Math.exp(Z95 * y) } : { y, lower: c - Z95 * y, upper: c + Z95 * y })
  return [at(0), at(yMax)]
}

function testText(test: NonNullable<FunnelPlotInput['test']>, decimals: number): string {
  const statistic = `${test.statisticName ? `${test.statisticName} = ` : ''}${formatFixed(test.statistic, decimals)}`
  const p = formatPValue(test.p)
  return `${test.name}: ${statistic}, p ${p.startsWith('<') ? p : `= ${p}`}`
}

export function funnelPlot(input: FunnelPlotInput): DrawnSvg {
  const log = input.scale === 'log'
  if (input.scale !== undefined && input.scale !== 'log' && input.scale !== 'linear') throw new InputError(`${PLOT}: scale must be 'log' or 'linear'`)
  validate(input, log)
  const decimals = input.decimals ?? 2
  const width = input.plotWidth ?? 420
  const height = input.plotHeight ?? 320
  const filled = input.filled ?? []
  const all = [...input.points, ...filled]
  const callerLimits = Array.isArray(input.limits) ? (input.limits as readonly FunnelLimit[]) : []

  const yMax = Math.max(...all.map((p) => p.y), ...callerLimits.map((l) => l.y))
  const yTicks = niceLinearTicks(0, yMax > 0 ? yMax : 1, 4)
  const limits = limitLines(input, log, yTicks.domain[1])
  const xs = [...all.map((p) => p.x), ...limits.flatMap((l) => [l.lower, l.upper])]
  if (input.center !== undefined) xs.push(input.center)
  const xTicks = log ? niceLogTicks(Math.min(...xs), Math.max(...xs)) : niceLinearTicks(Math.min(...xs), Math.max(...xs))

  const left = MARGIN + 60
  const top = MARGIN + 4
  const x = axisScale(xTicks, left, left + width, log)
  const y = axisScale(yTicks, top, top + height)
  const body: string[] = []
  if (limits.length >= 2) {
    const upper = limits.map((l) => [x.toPixel(l.upper), y.toPixel(l.y)] as [number, number])
    const lower = limits.map((l) => [x.toPixel(l.lower), y.toPixel(l.y)] as [number, number])
    body.push(element('polygon', { class: 'funnel-region', points: pointList([...upper, ...[...lower].reverse()]), fill: '#f3f3f3', stroke: 'none' }))
    for (const [side, points] of [
      ['upper', upper],
      ['lower', lower],
    ] as const)
      body.push(element('polyline', { class: `pseudo-limit ${side}`, points: pointList(points), fill: 'none', stroke: GREY, 'stroke-dasharray': '5 4' }))
  }
  body.push(element('rect', { x: left, y: top, width, height, fill: 'none', stroke: INK, class: 'frame' }))
  if (input.center !== undefined) {
    const cx = x.toPixel(input.center)
    body.push(lineElement(cx, top, cx, top + height, { class: 'center-line', stroke: INK }))
  }
  body.push(horizontalAxis(x, top + height, { title: input.xLabel ?? (log ? 'Estimate (log scale)' : 'Estimate') }))
  body.push(verticalAxis(y, left, { title: input.yLabel ?? 'Standard error', titleX: MARGIN + 10 }))
  const point = (p: FunnelPoint, open: boolean): string =>
    element('circle', { class: open ? 'filled-point' : 'study-point', cx: x.toPixel(p.x), cy: y.toPixel(p.y), r: 3.5, fill: open ? '#ffffff' : INK, stroke: INK }, tooltip(p.label))
  body.push(...filled.map((p) => point(p, true)), ...input.points.map((p) => point(p, false)))

  let bottom = top + height + horizontalAxisHeight(true)
  const notes: string[] = []
  if (filled.length > 0) {
    const ly = bottom + 18
    notes.push(element('circle', { cx: left + 4, cy: ly - 4, r: 3.5, fill: INK, stroke: INK }), textElement(left + 14, ly, 'Observed studies', { 'font-size': 11 }))
    const x2 = left + 14 + textWidth('Observed studies', 11) + 20
    notes.push(element('circle', { cx: x2 + 4, cy: ly - 4, r: 3.5, fill: '#ffffff', stroke: INK }), textElement(x2 + 14, ly, 'Imputed studies (trim and fill)', { 'font-size': 11 }))
    bottom = ly
  }
  if (input.test) {
    bottom += 18
    notes.push(textElement(left, bottom, testText(input.test, decimals), { class: 'test-annotation', 'font-size': 11, fill: GREY }))
  }
  body.push(...notes)

  const k = input.points.length
  const parts = [`Funnel plot of ${k} ${k === 1 ? 'study' : 'studies'}`]
  if (input.center !== undefined) parts.push(`centre line at ${formatFixed(input.center, decimals)}`)
  if (filled.length > 0) parts.push(`${filled.length} imputed ${filled.length === 1 ? 'study' : 'studies'} (trim and fill)`)
  if (input.test) parts.push(testText(input.test, decimals))
  const testWidth = input.test ? textWidth(testText(input.test, decimals), 11) : 0
  return svgDocument({
    width: Math.max(left + width + 24, left + testWidth) + MARGIN,
    height: bottom + MARGIN,
    idPrefix: input.idPrefix ?? 'funnel-plot',
    title: input.title ?? 'Funnel plot',
    description: parts.join('; '),
    body: [element('g', { class: 'funnel-plot' }, body.join('\n'))],
  })
}
