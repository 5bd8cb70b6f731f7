/**
 * Crossref's REST API (https://api.crossref.org/swagger-ui/index.html and "Tips for using the Crossref
 * REST API"): `query` with `filter=from-index-date:…,until-index-date:…` (the day Crossref indexed the
 * work, by default) and deep paging by cursor (`cursor=*`, then `message.next-cursor`) with up to 1,000
 * rows per page; a polite `mailto` puts requests in the faster pool. Abstracts come as JATS XML.
 *
 * Example: crossrefParams({ query: 'liver iron', window: { from: '2026-01-01', to: null }, … }, '*')
 * gives { query: 'liver iron', rows: '1000', cursor: '*', filter: 'from-index-date:2026-01-01' }.
 */
import { emptyCitationRecord, type CitationRecord } from '../citations/citation-record'
import { plainLine, plainParagraphs } from '../citations/html-text'
import { joinPages, normalizeAuthorList, normalizeDoi, normalizeIssn } from '../citations/normalize-fields'
import type { ServicePage } from './europepmc'
import { arr, num, obj, str } from './json-reading'
import type { SearchSpec } from './search-spec'

export const crossrefPageSize = 1000

export function crossrefParams(spec: SearchSpec, cursor: string, rows = crossrefPageSize): Record<string, string> {
  const field = spec.dateField || 'index-date'
  const filters: string[] = []
  if (spec.window.from) filters.push(`from-${field}:${spec.window.from}`)
  if (spec.window.to) filters.push(`until-${field}:${spec.window.to}`)
  for (const t of spec.publicationTypes) filters.push(`type:${t.replace(/[,:]/g, '')}`)
  const params: Record<string, string> = { query: spec.query, rows: String(rows), cursor }
  if (filters.length) params.filter = filters.join(',')
  return params
}

const yearOf = (date: unknown): number | null => num(arr(arr(obj(date)['date-parts'])[0])[0])

function record(item: Record<string, unknown>, position: number): CitationRecord {
  const r = emptyCitationRecord(position)
  r.title = plainLine(arr(item.title).map(str).join(' ') || str(item.title))
  r.authors = normalizeAuthorList(
    arr(item.author).map((a) => {
      const o = obj(a)
      const family = str(o.family)
      return family ? (str(o.given) ? `${family}, ${str(o.given)}` : family) : str(o.name)
    }),
  )
  r.year = yearOf(item.published) ?? yearOf(item['published-print']) ?? yearOf(item['published-online']) ?? yearOf(item.issued) ?? yearOf(item.created)
  r.journal = plainLine(str(arr(item['container-title'])[0]))
  r.volume = str(item.volume)
  r.issue = str(item.issue)
  const page = str(item.page)
  r.pages = page.includes('-') ? joinPages(page.split('-')[0] ?? '', page.split('-')[1] ?? '') : page
  r.doi = normalizeDoi(str(item.DOI))
  r.abstract = plainParagraphs(str(item.abstract))
  r.keywords = arr(item.subject).map(str).filter(Boolean)
  r.type = str(item.type)
  r.language = str(item.language)
  r.issn = normalizeIssn(str(arr(item.ISSN)[0]))
  r.sourceId = r.doi ? `DOI:${r.doi}` : ''
  r.url = str(item.URL)
  return r
}

/** One page; the set ends when a page is short or empty (Crossref keeps sending a cursor). */
export function parseCrossrefPage(json: unknown, rows = crossrefPageSize, firstPosition = 1): ServicePage {
  const message = obj(obj(json).message)
  const items = arr(message.items)
  const next = str(message['next-cursor'])
  return {
    hits: num(message['total-results']) ?? 0,
    records: items.map((x, i) => record(obj(x), firstPosition + i)),
    next: items.length === 0 || items.length < rows || !next ? null : next,
  }
}
