/**
 * CSV header names of Scopus, Embase, PubMed ("Save → CSV"), Web of Science, Lens, IEEE Xplore and
 * reference managers, mapped to the common record's fields, and the per-column value rules.
 */
import { emptyCitationRecord, type CitationRecord } from './citation-record'
import { plainLine, plainParagraphs } from './html-text'
import { findDoiInText, joinPages, normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear } from './normalize-fields'

export type CsvField =
  | 'title'
  | 'authors'
  | 'year'
  | 'journal'
  | 'volume'
  | 'issue'
  | 'pages'
  | 'pageStart'
  | 'pageEnd'
  | 'doi'
  | 'pmid'
  | 'abstract'
  | 'keywords'
  | 'url'
  | 'type'
  | 'language'
  | 'issn'
  | 'sourceId'
  | 'embaseSource'
  | 'linkResolver'
  | 'citation'
  | 'articleNumber'

/** A caller-supplied mapping: record field -> the header name holding it (case-insensitive). */
export type CsvColumnMapping = Partial<Record<CsvField, string>>

/** Header aliases in priority order, compared after lower-casing and dropping non-alphanumerics. */
const headerAliases: Record<CsvField, string[]> = {
  title: ['title', 'articletitle', 'documenttitle', 'primarytitle', 'ti'],
  authors: ['authors', 'authornames', 'author', 'au', 'authorfullnames', 'af', 'creators', 'creator'],
  year: ['year', 'publicationyear', 'py', 'pubyear', 'yearpublished', 'date', 'publicationdate', 'datepublished'],
  journal: ['sourcetitle', 'journal', 'journalbook', 'journaltitle', 'publicationtitle', 'so', 'secondarytitle', 'source'],
  volume: ['volume', 'vl'],
  issue: ['issue', 'issuenumber', 'number', 'is'],
  pages: ['pages', 'pagerange', 'pg'],
  pageStart: ['pagestart', 'startpage', 'bp', 'firstpage'],
  pageEnd: ['pageend', 'endpage', 'ep', 'lastpage'],
  doi: ['doi', 'di', 'digitalobjectidentifier'],
  pmid: ['pmid', 'pubmedid', 'pm', 'medlinepmid'],
  abstract: ['abstract', 'ab', 'abstractnote', 'summary'],
  keywords: ['authorkeywords', 'keywords', 'de', 'indexkeywords', 'keywordsplus', 'manualtags', 'meshterms'],
  url: ['link', 'url', 'externalurl', 'pdflink', 'fulltexturl', 'sourceurls'],
  type: ['documenttype', 'publicationtype', 'type', 'itemtype', 'dt'],
  language: ['languageoforiginaldocument', 'language', 'la'],
  issn: ['issn', 'issns', 'sn', 'eissn', 'isbn'],
  sourceId: ['eid', 'accessionnumber', 'ut', 'utuniquewosid', 'lensid', 'pui', 'embaseaccessionid', 'an'],
  embaseSource: [],
  linkResolver: ['openurllink'],
  citation: ['citation'],
  articleNumber: ['artno', 'articlenumber', 'ar'],
}

/** The field names a column mapping may use. */
export const csvFieldNames = Object.keys(headerAliases) as CsvField[]

const normalizeHeader = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '')

/** Column index of each field, from aliases unless the mapping names the header. */
export function resolveCsvColumns(header: readonly string[], mapping: CsvColumnMapping = {}): Map<CsvField, number> {
  const columns = new Map<CsvField, number>()
  const normalized = header.map((name) => normalizeHeader(name.replace(/^\ufeff/, '')))
  for (const field of Object.keys(headerAliases) as CsvField[]) {
    const explicit = mapping[field]
    if (explicit !== undefined) {
      const index = normalized.indexOf(normalizeHeader(explicit))
      if (index >= 0) columns.set(field, index)
      continue
    }
    for (const alias of headerAliases[field]) {
      const index = normalized.indexOf(alias)
      if (index >= 0) {
        columns.set(field, index)
        break
      }
    }
  }
  // Embase's "Source" is a citation string, not a journal title, when no separate title column exists.
  const source = normalized.indexOf('source')
  if (source >= 0 && columns.get('journal') === source && normalized.includes('authornames')) {
    columns.delete('journal')
    columns.set('embaseSource', source)
  }
  return columns
}

/** True when the header line names at least one title and one other citation column. */
export function looksLikeCitationHeader(header: readonly string[]): boolean {
  const columns = resolveCsvColumns(header)
  return (columns.has('title') || columns.has('doi')) && columns.size >= 2
}

/** Splits on a separator outside parentheses ("cyst (diagnosis, surgery), colonoscopy"). */
function splitOutsideParentheses(text: string, separator: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '(') depth++
    else if (ch === ')') depth = Math.max(0, depth - 1)
    else if (ch === separator && depth === 0) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((part) => part.trim()).filter((part) => part !== '')
}

/**
 * "Lim SM, Shiau CWC, Lau Y." (PubMed), "Liu R., Adler D.G." (Embase) or "A; B" (Scopus, Lens).
 * PubMed writes initials without periods and ends the list with one, which is dropped.
 */
function splitAuthors(value: string): string[] {
  const names = value.includes(';') ? value.split(';') : splitOutsideParentheses(value, ',')
  const periodInitials = names.slice(0, -1).some((name) => /\b[A-Z]\.\s*$/.test(name))
  const last = names.length - 1
  if (!periodInitials && names.length > 1) names[last] = (names[last] ?? '').replace(/\.\s*$/, '')
  return normalizeAuthorList(
    names.map((name) => name.replace(/\(\d+\)\s*$/, '')),
    { firstLast: true },
  )
}

/** PubMed "Behav Ther. 2022 Mar;53(2):334-347. doi: …" -> volume, issue, pages. */
function applyPubmedCitation(record: CitationRecord, citation: string): void {
  const match = /;\s*([^();:\s]+)(?:\(([^)]*)\))?(?::\s*([^.\s;]+))?/.exec(citation)
  if (!match) return
  record.volume ||= match[1] ?? ''
  record.issue ||= match[2] ?? ''
  record.pages ||= match[3] ?? ''
}

/** Embase "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014". */
function applyEmbaseSource(record: CitationRecord, source: string): void {
  const match = /^(.*?)\s\((\d{4})\)\s(?:([^\s:(]+)(?::([^\s(]+))?\s)?(?:\(([^)]*)\))?/.exec(source)
  if (!match) {
    record.journal = plainLine(source.replace(/\.\s*Date of Publication:.*$/i, ''))
    return
  }
  record.journal = plainLine(match[1] ?? '')
  record.year ??= Number(match[2])
  record.volume ||= match[3] ?? ''
  record.issue ||= match[4] ?? ''
  record.pages ||= match[5] ?? ''
}

/** Builds a record from one CSV row. */
export function csvRowToRecord(row: readonly string[], columns: Map<CsvField, number>, line: number): CitationRecord {
  const cell = (field: CsvField): string => {
    const index = columns.get(field)
    return index === undefined ? '' : (row[index] ?? '').trim()
  }
  const record = emptyCitationRecord(line)
  record.title = plainLine(cell('title'))
  record.authors = splitAuthors(cell('authors'))
  record.year = parseYear(cell('year'))
  record.journal = plainLine(cell('journal'))
  record.volume = cell('volume')
  record.issue = cell('issue')
  record.pages = cell('pages') || joinPages(cell('pageStart'), cell('pageEnd')) || cell('articleNumber')
  const citation = cell('citation')
  if (citation !== '') applyPubmedCitation(record, citation)
  const embaseSource = cell('embaseSource')
  if (embaseSource !== '') applyEmbaseSource(record, embaseSource)
  record.doi = normalizeDoi(cell('doi')) || findDoiInText(cell('linkResolver')) || findDoiInText(cell('url'))
  record.pmid = normalizePmid(cell('pmid'))
  record.abstract = plainParagraphs(cell('abstract'))
  const keywords = cell('keywords')
  record.keywords = keywords.includes(';') ? splitOutsideParentheses(keywords, ';') : splitOutsideParentheses(keywords, ',')
  record.url = cell('url')
  record.type = cell('type')
  record.language = cell('language')
  record.issn = normalizeIssn(cell('issn'))
  record.sourceId = cell('sourceId')
  return record
}
