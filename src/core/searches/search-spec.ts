/**
 * A saved database search as the clients need it (service, query, date window, filters), the date
 * window of each run, and when a scheduled search is next due. Dates are calendar days (YYYY-MM-DD,
 * UTC), inclusive at both ends, because the services index records by day.
 *
 * A run covers the complete days since the previous run's window: from the day after it ended to
 * yesterday. Today is left for the next run, so a record the service adds later today is neither
 * missed nor fetched twice. The first run reaches back to the search's start date (or all time).
 *
 * Example: runWindow({ since: null, previousTo: '2026-03-01' }, new Date('2026-03-10T08:00:00Z'))
 * gives { from: '2026-03-02', to: '2026-03-09' }.
 */
import { z } from 'zod'

export const searchServices = ['pubmed', 'europepmc', 'openalex', 'crossref'] as const
export type SearchService = (typeof searchServices)[number]

export const serviceLabels: Record<SearchService, string> = {
  pubmed: 'PubMed',
  europepmc: 'Europe PMC',
  openalex: 'OpenAlex',
  crossref: 'Crossref',
}

/** The date each service can window on, and the default (the day a record entered the index). */
export const serviceDateFields: Record<SearchService, { default: string; options: Record<string, string> }> = {
  pubmed: { default: 'edat', options: { edat: 'Entrez date (added to PubMed)', pdat: 'Publication date', mdat: 'Modification date' } },
  europepmc: { default: 'FIRST_IDATE', options: { FIRST_IDATE: 'First indexed in Europe PMC', FIRST_PDATE: 'First publication date' } },
  openalex: { default: 'created_date', options: { created_date: 'Added to OpenAlex', publication_date: 'Publication date' } },
  crossref: { default: 'index-date', options: { 'index-date': 'Indexed by Crossref', 'pub-date': 'Publication date', 'update-date': 'Updated' } },
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')

export const searchWindowSchema = z.object({ from: isoDay.nullable(), to: isoDay.nullable() })
export type SearchWindow = z.infer<typeof searchWindowSchema>

export interface SearchSpec {
  service: SearchService
  /** Exactly as the team wrote it, in the service's own syntax. */
  query: string
  window: SearchWindow
  /** One of serviceDateFields[service].options; '' for the default. */
  dateField: string
  /** Publication types as the service names them (PubMed [pt], Europe PMC PUB_TYPE, OpenAlex and Crossref type). */
  publicationTypes: string[]
}

export const dayOf = (d: Date): string => d.toISOString().slice(0, 10)

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return dayOf(d)
}

/**
 * The window of a run starting at `now`: complete days after the previous run's window (or from
 * `since`), up to yesterday. `null` when there is no complete day to search yet (a second run on
 * the same day).
 */
export function runWindow(search: { since: string | null; previousTo: string | null }, now: Date): SearchWindow | null {
  const to = addDays(dayOf(now), -1)
  const from = search.previousTo ? addDays(search.previousTo, 1) : search.since
  if (from !== null && from > to) return null
  return { from, to }
}

/** Every N days (weeks are 7 days); manual searches have no schedule. */
export type SearchSchedule = { every: number; unit: 'day' | 'week' } | null

export const scheduleSchema = z.object({ every: z.number().int().min(1).max(365), unit: z.enum(['day', 'week']) }).nullable()

export const scheduleDays = (schedule: NonNullable<SearchSchedule>): number => schedule.every * (schedule.unit === 'week' ? 7 : 1)

/**
 * When a scheduled search is next due: N days after its last run started (or after it was saved,
 * for one that never ran). Manual searches are never due.
 */
export function nextRunAt(schedule: SearchSchedule, lastStartedAt: Date | null, createdAt: Date): Date | null {
  if (!schedule) return null
  const base = lastStartedAt ?? createdAt
  return new Date(base.getTime() + scheduleDays(schedule) * 86_400_000)
}

export function describeSchedule(schedule: SearchSchedule): string {
  if (!schedule) return 'Manual'
  const unit = schedule.every === 1 ? schedule.unit : `${schedule.unit}s`
  return schedule.every === 1 ? `Every ${unit}` : `Every ${schedule.every} ${unit}`
}
