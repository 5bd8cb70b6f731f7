/**
 * The numbers of a PRISMA 2020 flow diagram (Page et al., BMJ 2021;372:n71, Figure 1), grouped as
 * the template's boxes are: identification via databases and registers, screening, included, the
 * optional "identification via other methods" column, and the updated-review template's studies
 * and reports included in the previous version. Also the check that every count is a whole number,
 * which both the arithmetic check and the diagram rely on.
 *
 * Example: malformedCountProblems({ ...counts, included: { studies: -1, reports: 2 } })
 * lists 'included.studies must be a non-negative whole number (got -1)'.
 */

export interface NamedCount {
  /** A database, register or other source, e.g. "PubMed", "ClinicalTrials.gov", "Citation searching". */
  name: string
  n: number
}

export interface ExclusionReason {
  reason: string
  n: number
}

export interface StudiesAndReports {
  studies: number
  reports: number
}

export interface PrismaFlowCounts {
  identification: {
    databases: readonly NamedCount[]
    registers: readonly NamedCount[]
    duplicatesRemoved: number
    /** Records marked as ineligible by automation tools. */
    automationRemoved: number
    otherRemoved: number
  }
  screening: {
    recordsScreened: number
    recordsExcluded: number
    reportsSought: number
    reportsNotRetrieved: number
    reportsAssessed: number
    reportsExcluded: readonly ExclusionReason[]
  }
  /** Studies and reports included in this review (with `previous`: the new ones). */
  included: StudiesAndReports
  /** Updated reviews: studies and reports included in the previous version. */
  previous?: StudiesAndReports
  /** Updated reviews: the totals, when recorded separately; otherwise derived as previous + included. */
  total?: StudiesAndReports
  otherMethods?: {
    sources: readonly NamedCount[]
    reportsSought: number
    reportsNotRetrieved: number
    reportsAssessed: number
    reportsExcluded: readonly ExclusionReason[]
  }
}

const sumOf = (list: readonly { n: number }[]): number => list.reduce((s, x) => s + x.n, 0)

/** Records identified from databases and registers. */
export const recordsIdentified = (counts: PrismaFlowCounts): number => sumOf(counts.identification.databases) + sumOf(counts.identification.registers)

export const reportsExcludedTotal = (reasons: readonly ExclusionReason[]): number => sumOf(reasons)

export const sourcesTotal = (sources: readonly NamedCount[]): number => sumOf(sources)

/** Total studies and reports: as recorded, else previous + new (or just the included ones for a new review). */
export function totalIncluded(counts: PrismaFlowCounts): StudiesAndReports {
  if (counts.total) return counts.total
  if (!counts.previous) return counts.included
  return { studies: counts.previous.studies + counts.included.studies, reports: counts.previous.reports + counts.included.reports }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Every count that is not a non-negative whole number and every list entry without a name, as
 * one-line problems naming the field (e.g. `screening.reportsExcluded[2] ("Wrong design").n`).
 * Empty when the counts are well-formed.
 */
export function malformedCountProblems(counts: unknown): string[] {
  const problems: string[] = []
  const count = (value: unknown, field: string): void => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) problems.push(`${field} must be a non-negative whole number (got ${JSON.stringify(value) ?? 'nothing'})`)
  }
  const list = (value: unknown, field: string, nameKey: 'name' | 'reason'): void => {
    if (!Array.isArray(value)) {
      problems.push(`${field} must be a list`)
      return
    }
    value.forEach((entry: unknown, i: number) => {
      const name = isObject(entry) ? entry[nameKey] : undefined
      if (typeof name !== 'string' || name.trim() === '') problems.push(`${field}[${i}] needs a ${nameKey}`)
      count(isObject(entry) ? entry.n : undefined, `${field}[${i}]${typeof name === 'string' ? ` (${JSON.stringify(name)})` : ''}.n`)
    })
  }
  const group = (value: unknown, field: string, fields: readonly string[], lists: readonly [string, 'name' | 'reason'][] = []): void => {
    if (!isObject(value)) {
      problems.push(`${field} is missing`)
      return
    }
    for (const f of fields) count(value[f], `${field}.${f}`)
    for (const [f, key] of lists) list(value[f], `${field}.${f}`, key)
  }
  if (!isObject(counts)) return ['the PRISMA counts must be an object']
  group(
    counts.identification,
    'identification',
    ['duplicatesRemoved', 'automationRemoved', 'otherRemoved'],
    [
      ['databases', 'name'],
      ['registers', 'name'],
    ],
  )
  group(counts.screening, 'screening', ['recordsScreened', 'recordsExcluded', 'reportsSought', 'reportsNotRetrieved', 'reportsAssessed'], [['reportsExcluded', 'reason']])
  group(counts.included, 'included', ['studies', 'reports'])
  if (counts.previous !== undefined) group(counts.previous, 'previous', ['studies', 'reports'])
  if (counts.total !== undefined) group(counts.total, 'total', ['studies', 'reports'])
  if (counts.otherMethods !== undefined)
    group(
      counts.otherMethods,
      'otherMethods',
      ['reportsSought', 'reportsNotRetrieved', 'reportsAssessed'],
      [
        ['sources', 'name'],
        ['reportsExcluded', 'reason'],
      ],
    )
  return problems
}
