/**
 * The PRISMA 2020 flow diagram (Page et al., BMJ 2021;372:n71, Figure 1) as data: its boxes (id,
 * column, row, lines of text with their numbers) and arrows, so pages and tests read the numbers
 * without parsing SVG. Rows: 0 headers; 1 identification; 2–4 screening (records, retrieval,
 * eligibility); 5 included (6: totals, updated-review template). Columns: the optional previous-
 * studies column of the updated-review template, the databases-and-registers column with its
 * side boxes (removed, excluded, not retrieved), and the optional other-methods column with its
 * side boxes. Headers span a column and its side column.
 *
 * Example: prismaFlowModel(counts).boxes.find((b) => b.id === 'records-screened')?.lines[0]
 * is { text: 'Records screened', n: 1005 }, drawn as "Records screened (n = 1,005)".
 */
import { InputError } from '../input-error'
import { formatCount } from '../plots/svg-text'
import { checkPrismaFlowCounts } from './check-prisma-flow-counts'
import { malformedCountProblems, type NamedCount, type PrismaFlowCounts, reportsExcludedTotal, sourcesTotal, totalIncluded } from './prisma-flow-counts'

export type PrismaColumn = 'previous' | 'databases' | 'databases-side' | 'other' | 'other-side'
export type PrismaPhase = 'identification' | 'screening' | 'included'

export interface PrismaLine {
  text: string
  /** Drawn after the text as " (n = 1,234)". */
  n?: number
  /** 0: the box's main line; 1, 2: listed under it. */
  indent?: number
}

export interface PrismaBox {
  id: string
  column: PrismaColumn
  row: number
  /** Header boxes span their column and its side column. */
  span: 1 | 2
  kind: 'header' | 'count'
  lines: PrismaLine[]
}

export interface PrismaArrow {
  from: string
  to: string
}

export interface PrismaFlowModel {
  boxes: PrismaBox[]
  arrows: PrismaArrow[]
  phases: { phase: PrismaPhase; label: string; firstRow: number; lastRow: number }[]
  /** checkPrismaFlowCounts(counts): empty when the boxes add up. */
  problems: string[]
}

/** The text of a line as drawn: "Records screened (n = 1,005)". */
export function prismaLineText(line: PrismaLine): string {
  return line.n === undefined ? line.text : `${line.text} (n = ${formatCount(line.n)})`
}

const listed = (items: readonly NamedCount[], indent: number): PrismaLine[] => items.map((item) => ({ text: item.name, n: item.n, indent }))

function excludedLines(reasons: readonly { reason: string; n: number }[]): PrismaLine[] {
  return [{ text: 'Reports excluded', n: reportsExcludedTotal(reasons) }, ...reasons.map((r) => ({ text: r.reason, n: r.n, indent: 1 }))]
}

export function prismaFlowModel(counts: PrismaFlowCounts): PrismaFlowModel {
  const malformed = malformedCountProblems(counts)
  if (malformed.length > 0) throw new InputError(`PRISMA flow diagram: ${malformed[0]}`)
  const { identification: id, screening: s, previous, otherMethods: other } = counts
  const updated = previous !== undefined
  const fresh = updated ? 'new ' : ''
  const boxes: PrismaBox[] = []
  const arrows: PrismaArrow[] = []
  const box = (id: string, column: PrismaColumn, row: number, lines: PrismaLine[], kind: PrismaBox['kind'] = 'count', span: 1 | 2 = 1): void => {
    boxes.push({ id, column, row, span, kind, lines })
  }
  const arrow = (from: string, to: string): void => {
    arrows.push({ from, to })
  }

  if (updated) {
    box('header-previous', 'previous', 0, [{ text: 'Previous studies' }], 'header')
    box('previous-studies', 'previous', 1, [
      { text: 'Studies included in previous version of review', n: previous.studies },
      { text: 'Reports of studies included in previous version of review', n: previous.reports },
    ])
  }
  box('header-databases', 'databases', 0, [{ text: `Identification of ${fresh}studies via databases and registers` }], 'header', 2)
  box('records-identified', 'databases', 1, [
    { text: 'Records identified from:' },
    { text: 'Databases', n: sourcesTotal(id.databases), indent: 1 },
    ...listed(id.databases, 2),
    { text: 'Registers', n: sourcesTotal(id.registers), indent: 1 },
    ...listed(id.registers, 2),
  ])
  box('records-removed', 'databases-side', 1, [
    { text: 'Records removed before screening:' },
    { text: 'Duplicate records removed', n: id.duplicatesRemoved, indent: 1 },
    { text: 'Records marked as ineligible by automation tools', n: id.automationRemoved, indent: 1 },
    { text: 'Records removed for other reasons', n: id.otherRemoved, indent: 1 },
  ])
  box('records-screened', 'databases', 2, [{ text: 'Records screened', n: s.recordsScreened }])
  box('records-excluded', 'databases-side', 2, [{ text: 'Records excluded', n: s.recordsExcluded }])
  box('reports-sought', 'databases', 3, [{ text: 'Reports sought for retrieval', n: s.reportsSought }])
  box('reports-not-retrieved', 'databases-side', 3, [{ text: 'Reports not retrieved', n: s.reportsNotRetrieved }])
  box('reports-assessed', 'databases', 4, [{ text: 'Reports assessed for eligibility', n: s.reportsAssessed }])
  box('reports-excluded', 'databases-side', 4, excludedLines(s.reportsExcluded))
  box('studies-included', 'databases', 5, [
    { text: updated ? 'New studies included in review' : 'Studies included in review', n: counts.included.studies },
    { text: updated ? 'Reports of new included studies' : 'Reports of included studies', n: counts.included.reports },
  ])
  for (const [from, to] of [
    ['records-identified', 'records-removed'],
    ['records-identified', 'records-screened'],
    ['records-screened', 'records-excluded'],
    ['records-screened', 'reports-sought'],
    ['reports-sought', 'reports-not-retrieved'],
    ['reports-sought', 'reports-assessed'],
    ['reports-assessed', 'reports-excluded'],
    ['reports-assessed', 'studies-included'],
  ] as const)
    arrow(from, to)

  if (other) {
    box('header-other', 'other', 0, [{ text: `Identification of ${fresh}studies via other methods` }], 'header', 2)
    box('other-records-identified', 'other', 1, [{ text: 'Records identified from:' }, ...listed(other.sources, 1)])
    box('other-reports-sought', 'other', 3, [{ text: 'Reports sought for retrieval', n: other.reportsSought }])
    box('other-reports-not-retrieved', 'other-side', 3, [{ text: 'Reports not retrieved', n: other.reportsNotRetrieved }])
    box('other-reports-assessed', 'other', 4, [{ text: 'Reports assessed for eligibility', n: other.reportsAssessed }])
    box('other-reports-excluded', 'other-side', 4, excludedLines(other.reportsExcluded))
    arrow('other-records-identified', 'other-reports-sought')
    arrow('other-reports-sought', 'other-reports-not-retrieved')
    arrow('other-reports-sought', 'other-reports-assessed')
    arrow('other-reports-assessed', 'other-reports-excluded')
    arrow('other-reports-assessed', 'studies-included')
  }
  if (updated) {
    const total = totalIncluded(counts)
    box('studies-total', 'databases', 6, [
      { text: 'Total studies included in review', n: total.studies },
      { text: 'Reports of total included studies', n: total.reports },
    ])
    arrow('studies-included', 'studies-total')
    arrow('previous-studies', 'studies-total')
  }
  return {
    boxes,
    arrows,
    phases: [
      { phase: 'identification', label: 'Identification', firstRow: 1, lastRow: 1 },
      { phase: 'screening', label: 'Screening', firstRow: 2, lastRow: 4 },
      { phase: 'included', label: 'Included', firstRow: 5, lastRow: updated ? 6 : 5 },
    ],
    problems: checkPrismaFlowCounts(counts),
  }
}
