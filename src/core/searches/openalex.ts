/**
 * OpenAlex works (https://docs.openalex.org/api-entities/works): `search` for the team's query,
 * `filter` for the date window (from_created_date/to_created_date by default) and types, cursor
 * paging (`cursor=*`, then each answer's `meta.next_cursor`) at 200 per page, `mailto` or `api_key`
 * as OpenAlex asks. Abstracts come as an inverted index (word -> positions) and are rebuilt here.
 *
 * Example: abstractFromInvertedIndex({ Iron: [0], overload: [1], 'matters.': [2] }) gives
 * 'Iron overload matters.'.
 */
import { emptyCitationRecord, type CitationRecord } from '../citations/citation-record'
import { plainLine } from '../citations/html-text'
import { normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid } from '../citations/normalize-fields'
import type { ServicePage } from './europepmc'
import { arr, num, obj, str } from './json-reading'
import type { SearchSpec } from './search-spec'

export const openalexPageSize = 200

/** Words at their positions; positions never given stay empty (OpenAlex drops some tokens). */
export function abstractFromInvertedIndex(index: unknown): string {
  const words: string[] = []
  for (const [word, positions] of Object.entries(obj(index))) for (const p of arr(positions)) if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p < 100_000) words[p] = word
  let out = ''
  for (const w of words) if (w !== undefined) out += out ? ` ${w}` : w
  return out.trim()
}

export function openalexParams(spec: SearchSpec, cursor: string, pageSize = openalexPageSize): Record<string, string> {
  const field = spec.dateField || 'created_date'
  const filters: string[] = []
  if (spec.window.from) filters.push(`from_${field}:${spec.window.from}`)
  if (spec.window.to) filters.push(`to_${field}:${spec.window.to}`)
  if (spec.publicationTypes.length) filters.push(`type:${spec.publicationTypes.map((t) => t.replace(/[,|]/g, '')).join('|')}`)
  const params: Record<string, string> = { search: spec.query, per_page: String(pageSize), cursor }
  if (filters.length) params.filter = filters.join(',')
  return params
}

function record(work: Record<string, unknown>, position: number): CitationRecord {
  const r = emptyCitationRecord(position)
  const source = obj(obj(work.primary_location).source)
  const biblio = obj(work.biblio)
  const ids = obj(work.ids)
  r.title = plainLine(str(work.title) || str(work.display_name))
  r.authors = normalizeAuthorList(
    arr(work.authorships).map((a) => str(obj(obj(a).author).display_name) || str(obj(a).raw_author_name)),
    { firstLast: true },
  )
  r.year = num(work.publication_year)
  r.journal = plainLine(str(source.display_name))
  r.issn = normalizeIssn(str(source.issn_l) || str(arr(source.issn)[0]))
  r.volume = str(biblio.volume)
  r.issue = str(biblio.issue)
  const first = str(biblio.first_page)
  const last = str(biblio.last_page)
  r.pages = first && last && first !== last ? `${first}-${last}` : first
  r.doi = normalizeDoi(str(work.doi) || str(ids.doi))
  r.pmid = normalizePmid(str(ids.pmid).replace(/^.*\/(\d+)\/?$/, '$1'))
  r.abstract = abstractFromInvertedIndex(work.abstract_inverted_index)
  r.keywords = arr(work.keywords)
    .map((k) => str(obj(k).display_name))
    .filter(Boolean)
  r.type = str(work.type)
  r.language = str(work.language)
  r.sourceId = str(work.id).replace('https://openalex.org/', '')
  r.url = str(work.id)
  return r
}

export function parseOpenalexPage(json: unknown, firstPosition = 1): ServicePage {
  const o = obj(json)
  const results = arr(o.results)
  const meta = obj(o.meta)
  const next = str(meta.next_cursor)
  return { hits: num(meta.count) ?? 0, records: results.map((w, i) => record(obj(w), firstPosition + i)), next: results.length === 0 || !next ? null : next }
}
