/**
 * Europe PMC's REST search (https://europepmc.org/RestfulWebService): `query` in Europe PMC syntax,
 * `resultType=core` for abstracts, author lists and keywords, and cursor paging: the first request
 * sends `cursorMark=*`, each answer's `nextCursorMark` is sent with the next, and the set ends when a
 * page comes back empty or the mark stops changing. The date window is a range on the chosen date
 * field (FIRST_IDATE, the day Europe PMC indexed the record, by default).
 *
 * Example: europepmcQuery({ query: 'liver iron', window: { from: '2026-01-01', to: '2026-01-31' }, … })
 * gives '(liver iron) AND (FIRST_IDATE:[2026-01-01 TO 2026-01-31])'.
 */
import { emptyCitationRecord, type CitationRecord } from '../citations/citation-record'
import { plainLine, plainParagraphs } from '../citations/html-text'
import { normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from '../citations/normalize-fields'
import { arr, num, obj, str } from './json-reading'
import type { SearchSpec } from './search-spec'

export const europepmcPageSize = 1000

export function europepmcQuery(spec: SearchSpec): string {
  const parts = [`(${spec.query})`]
  if (spec.window.from || spec.window.to) parts.push(`(${spec.dateField || 'FIRST_IDATE'}:[${spec.window.from ?? '1800-01-01'} TO ${spec.window.to ?? '3000-12-31'}])`)
  if (spec.publicationTypes.length) parts.push(`(${spec.publicationTypes.map((t) => `PUB_TYPE:"${t.replaceAll('"', '')}"`).join(' OR ')})`)
  return parts.length === 1 ? spec.query : parts.join(' AND ')
}

export function europepmcParams(spec: SearchSpec, cursorMark: string, pageSize = europepmcPageSize): Record<string, string> {
  return { query: europepmcQuery(spec), resultType: 'core', format: 'json', pageSize: String(pageSize), cursorMark }
}

export interface ServicePage {
  /** Hits the service reports for the whole query. */
  hits: number
  records: CitationRecord[]
  /** The token for the next page; null when this was the last. */
  next: string | null
}

function record(result: Record<string, unknown>, position: number): CitationRecord {
  const r = emptyCitationRecord(position)
  const journalInfo = obj(result.journalInfo)
  const journal = obj(journalInfo.journal)
  r.title = plainLine(str(result.title))
  const authors = arr(obj(result.authorList).author).map((a) => {
    const o = obj(a)
    if (str(o.collectiveName)) return str(o.collectiveName)
    const last = str(o.lastName)
    const first = str(o.firstName) || str(o.initials)
    return last ? (first ? `${last}, ${first}` : last) : str(o.fullName)
  })
  r.authors = normalizeAuthorList(authors.length ? authors : str(result.authorString).replace(/\.$/, '').split(', '))
  r.year = num(result.pubYear) ?? parseYear(str(result.pubYear)) ?? num(journalInfo.yearOfPublication)
  r.journal = plainLine(str(journal.title) || str(result.journalTitle))
  r.volume = str(journalInfo.volume) || str(result.journalVolume)
  r.issue = str(journalInfo.issue) || str(result.issue)
  r.pages = str(result.pageInfo)
  r.doi = normalizeDoi(str(result.doi))
  r.pmid = normalizePmid(str(result.pmid))
  r.abstract = plainParagraphs(str(result.abstractText))
  r.keywords = splitKeywords(arr(obj(result.keywordList).keyword).map(str))
  r.type = arr(obj(result.pubTypeList).pubType).map(str).join('; ') || str(result.pubType)
  r.language = str(result.language)
  r.issn = normalizeIssn(str(journal.issn) || str(result.journalIssn))
  const id = `${str(result.source)}:${str(result.id)}`
  r.sourceId = id === ':' ? '' : id
  r.url = str(result.source) && str(result.id) ? `https://europepmc.org/article/${str(result.source)}/${str(result.id)}` : ''
  return r
}

/** One page of a search (JSON); `sentMark` is the cursorMark the request carried. */
export function parseEuropepmcPage(json: unknown, sentMark: string, firstPosition = 1): ServicePage {
  const o = obj(json)
  const results = arr(obj(o.resultList).result)
  const next = str(o.nextCursorMark)
  return {
    hits: num(o.hitCount) ?? 0,
    records: results.map((x, i) => record(obj(x), firstPosition + i)),
    next: results.length === 0 || !next || next === sentMark ? null : next,
  }
}
