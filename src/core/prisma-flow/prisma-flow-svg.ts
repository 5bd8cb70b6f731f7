/**
 * Draws the PRISMA 2020 flow diagram (Page et al., BMJ 2021;372:n71, Figure 1) from its model: grey
 * phase labels on the left (Identification, Screening, Included), header boxes over the columns,
 * boxes with wrapped text and "n = 1,234" counts (per database inside the identification box,
 * exclusion reasons with their counts), and arrows: right to the side boxes, down the columns, and
 * elbows from the other-methods column and the previous version into the included boxes.
 *
 * Example: prismaFlowSvg(counts) returns a standalone SVG; prismaFlowSvg(counts, { idPrefix: 'prisma-v2' })
 * for a second diagram in the same page.
 */
import { ACCENT, element, INK, pointList, sanitizeIdPrefix, svgDocument, textElement, type DrawnSvg } from '../plots/svg-document'
import { formatCoordinate, formatCount, textWidth, wrapText } from '../plots/svg-text'
import { recordsIdentified, type PrismaFlowCounts, totalIncluded } from './prisma-flow-counts'
import { type PrismaBox, type PrismaColumn, prismaFlowModel } from './prisma-flow-model'

export interface PrismaFlowSvgOptions {
  title?: string
  idPrefix?: string
}

const MARGIN = 16
const FONT = 12
const LINE = 15
const PAD = 8
const INDENT = 12
const ROW_GAP = 30
const PHASE_BAR = 26
const COLUMN_WIDTH: Record<PrismaColumn, number> = { previous: 210, databases: 290, 'databases-side': 280, other: 260, 'other-side': 260 }
const COLUMN_ORDER: readonly PrismaColumn[] = ['previous', 'databases', 'databases-side', 'other', 'other-side']

interface TextLine {
  text: string
  x: number
}

interface Placed {
  box: PrismaBox
  x: number
  y: number
  width: number
  height: number
  lines: TextLine[]
}

function wrapBox(box: PrismaBox, width: number): TextLine[] {
  const out: TextLine[] = []
  for (const line of box.lines) {
    const indent = (line.indent ?? 0) * INDENT
    // "(n = 1,234)" never breaks across lines: wrap with no-break spaces there, then draw plain spaces.
    const kept = line.n === undefined ? line.text : `${line.text} (n\u00A0=\u00A0${formatCount(line.n)})`
    for (const text of wrapText(kept, width - 2 * PAD - indent, FONT, box.kind === 'header')) out.push({ text: text.replace(/\u00A0/g, ' '), x: indent })
  }
  return out
}

function arrowPath(points: [number, number][]): string {
  const [tipX, tipY] = points[points.length - 1] as [number, number]
  const [fromX, fromY] = points[points.length - 2] as [number, number]
  const angle = Math.atan2(tipY - fromY, tipX - fromX)
  const head = (a: number): [number, number] => [tipX - 8 * Math.cos(angle + a), tipY - 8 * Math.sin(angle + a)]
  return (
    element('polyline', { points: pointList(points), fill: 'none', stroke: INK, 'stroke-width': 1.2 }) + element('polygon', { points: pointList([[tipX, tipY], head(0.45), head(-0.45)]), fill: INK })
  )
}

function describe(counts: PrismaFlowCounts): string {
  const s = counts.screening
  const c = formatCount
  const parts = [
    `PRISMA 2020 flow diagram: ${c(recordsIdentified(counts))} records identified from ${counts.identification.databases.length} databases and ${counts.identification.registers.length} registers`,
    `${c(s.recordsScreened)} records screened, ${c(s.recordsExcluded)} excluded`,
    `${c(s.reportsSought)} reports sought, ${c(s.reportsNotRetrieved)} not retrieved`,
    `${c(s.reportsAssessed)} reports assessed for eligibility`,
  ]
  if (counts.otherMethods) parts.push(`${c(counts.otherMethods.reportsAssessed)} reports assessed from other methods`)
  parts.push(`${c(counts.included.studies)} ${counts.previous ? 'new ' : ''}studies included (${c(counts.included.reports)} reports)`)
  if (counts.previous) {
    const total = totalIncluded(counts)
    parts.push(`${c(total.studies)} studies in total (${c(total.reports)} reports)`)
  }
  return parts.join('; ')
}

export function prismaFlowSvg(counts: PrismaFlowCounts, options: PrismaFlowSvgOptions = {}): DrawnSvg {
  const model = prismaFlowModel(counts)
  const prefix = sanitizeIdPrefix(options.idPrefix ?? 'prisma-flow')
  const present = COLUMN_ORDER.filter((col) => model.boxes.some((b) => b.column === col))
  const columnX = new Map<PrismaColumn, number>()
  let x = MARGIN + PHASE_BAR + 14
  present.forEach((col, i) => {
    columnX.set(col, x)
    const next = present[i + 1]
    x += COLUMN_WIDTH[col] + (next === `${col}-side` ? 44 : 28)
  })
  const right = x - 28
  const widthOf = (box: PrismaBox): number => {
    const side = `${box.column}-side` as PrismaColumn
    return box.span === 2 && columnX.has(side) ? (columnX.get(side) as number) + COLUMN_WIDTH[side] - (columnX.get(box.column) as number) : COLUMN_WIDTH[box.column]
  }

  const rows = Math.max(...model.boxes.map((b) => b.row)) + 1
  const wrapped = model.boxes.map((box) => ({ box, width: widthOf(box), lines: wrapBox(box, widthOf(box)) }))
  const rowHeight = Array.from({ length: rows }, (_, r) => Math.max(0, ...wrapped.filter((w) => w.box.row === r).map((w) => 2 * PAD + w.lines.length * LINE)))
  // A phase's rows are stretched until its rotated label fits in the grey bar.
  for (const phase of model.phases) {
    const span = rowHeight.slice(phase.firstRow, phase.lastRow + 1).reduce((a, b) => a + b, 0) + (phase.lastRow - phase.firstRow) * ROW_GAP
    const needed = textWidth(phase.label, FONT, true) + 16
    if (span < needed) rowHeight[phase.lastRow] = (rowHeight[phase.lastRow] as number) + needed - span
  }
  const rowTop: number[] = []
  let y = MARGIN
  for (let r = 0; r < rows; r++) {
    rowTop.push(y)
    y += (rowHeight[r] as number) + ROW_GAP
  }
  const placed = new Map<string, Placed>()
  for (const w of wrapped) {
    placed.set(w.box.id, { ...w, x: columnX.get(w.box.column) as number, y: rowTop[w.box.row] as number, height: rowHeight[w.box.row] as number })
  }

  const body: string[] = []
  for (const phase of model.phases) {
    const top = rowTop[phase.firstRow] as number
    const bottom = (rowTop[phase.lastRow] as number) + (rowHeight[phase.lastRow] as number)
    const cx = MARGIN + PHASE_BAR / 2
    const cy = (top + bottom) / 2
    body.push(
      element(
        'g',
        { class: `phase ${phase.phase}` },
        element('rect', { x: MARGIN, y: top, width: PHASE_BAR, height: bottom - top, rx: 4, fill: '#d9d9d9' }) +
          textElement(cx + 4.5, cy, phase.label, { 'text-anchor': 'middle', 'font-weight': 'bold', transform: `rotate(-90 ${formatCoordinate(cx + 4.5)} ${formatCoordinate(cy)})` }),
      ),
    )
  }
  for (const p of placed.values()) {
    const header = p.box.kind === 'header'
    const accent = header && p.box.id === 'header-databases'
    const frame = header
      ? element('rect', { x: p.x, y: p.y, width: p.width, height: p.height, rx: 6, fill: accent ? ACCENT : '#d9d9d9' })
      : element('rect', { x: p.x, y: p.y, width: p.width, height: p.height, fill: '#ffffff', stroke: INK })
    const textTop = p.y + (p.height - p.lines.length * LINE) / 2 + 11
    const texts = p.lines.map((line, i) =>
      header
        ? textElement(p.x + p.width / 2, textTop + i * LINE, line.text, { 'text-anchor': 'middle', 'font-weight': 'bold', fill: accent ? '#ffffff' : INK })
        : textElement(p.x + PAD + line.x, p.y + PAD + 11 + i * LINE, line.text),
    )
    body.push(element('g', { id: `${prefix}-${p.box.id}`, class: `prisma-box ${p.box.kind}` }, frame + texts.join('')))
  }
  for (const a of model.arrows) {
    const from = placed.get(a.from) as Placed
    const to = placed.get(a.to) as Placed
    const fromCx = from.x + from.width / 2
    const toCy = to.y + to.height / 2
    let points: [number, number][]
    if (from.box.row === to.box.row)
      points = [
        [from.x + from.width, toCy],
        [to.x, toCy],
      ]
    else if (from.box.column === to.box.column)
      points = [
        [fromCx, from.y + from.height],
        [fromCx, to.y],
      ]
    else
      points = [
        [fromCx, from.y + from.height],
        [fromCx, toCy],
        [fromCx < to.x ? to.x : to.x + to.width, toCy],
      ]
    body.push(element('g', { class: 'arrow' }, arrowPath(points)))
  }

  return svgDocument({
    width: right + MARGIN,
    height: y - ROW_GAP + MARGIN,
    idPrefix: prefix,
    title: options.title ?? 'PRISMA 2020 flow diagram',
    description: describe(counts),
    body: [element('g', { class: 'prisma-flow' }, body.join('\n'))],
  })
}
