/**
 * PubMed through NCBI's E-utilities (Sayers E. The E-utilities In-Depth: Parameters, Syntax and More.
 * In: Entrez Programming Utilities Help. NCBI; 2009-2024, https://www.ncbi.nlm.nih.gov/books/NBK25499/):
 * esearch with the history server (`usehistory=y` gives a WebEnv and query key), then efetch of the
 * stored set in batches (`retstart`, `retmax`) as PubMed XML. This file builds the parameters and
 * reads the answers; the requests are sent by src/server/bibliographic.
 *
 * Example: parseEsearch('<eSearchResult><Count>3</Count><QueryKey>1</QueryKey><WebEnv>MCID_1</WebEnv></eSearchResult>')
 * gives { count: 3, queryKey: '1', webEnv: 'MCID_1', ids: [], error: null, warnings: [] }.
 */
import { XMLValidator } from 'fast-xml-parser'
import { emptyCitationRecord, type CitationRecord } from '../citations/citation-record'
import { plainLine, plainParagraphs } from '../citations/html-text'
import { normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from '../citations/normalize-fields'
import { asList, child, firstText, textOf, xmlError, xmlTreeParser, type XmlNode } from '../citations/xml-nodes'
import type { SearchSpec } from './search-spec'

const slashDate = (iso: string) => iso.replaceAll('-', '/')

/** The term as the team wrote it, narrowed by publication types when the search has them. */
export function pubmedTerm(spec: SearchSpec): string {
  const types = spec.publicationTypes.map((t) => `"${t.replaceAll('"', '')}"[pt]`)
  return types.length ? `(${spec.query}) AND (${types.join(' OR ')})` : spec.query
}

/** esearch parameters: the history server keeps the set, so no ids come back (retmax=0). */
export function esearchParams(spec: SearchSpec): Record<string, string> {
  const params: Record<string, string> = { db: 'pubmed', term: pubmedTerm(spec), usehistory: 'y', retmax: '0', retmode: 'xml' }
  if (spec.window.from || spec.window.to) {
    params.datetype = spec.dateField || 'edat'
    // E-utilities needs both ends of a window
    params.mindate = slashDate(spec.window.from ?? '1800-01-01')
    params.maxdate = slashDate(spec.window.to ?? '3000-12-31')
  }
  return params
}

export function efetchParams(webEnv: string, queryKey: string, retstart: number, retmax: number): Record<string, string> {
  return { db: 'pubmed', query_key: queryKey, WebEnv: webEnv, retstart: String(retstart), retmax: String(retmax), retmode: 'xml' }
}

export interface EsearchResult {
  count: number
  queryKey: string
  webEnv: string
  ids: string[]
  /** An <ERROR> element: the query or the request was refused. */
  error: string | null
  /** ErrorList / WarningList entries that did not stop the search (a phrase not found, …). */
  warnings: string[]
}

const esearchLists = new Set(['Id', 'ERROR', 'PhraseNotFound', 'FieldNotFound', 'QuotedPhraseNotFound', 'OutputMessage', 'PhraseIgnored'])

export function parseEsearch(xml: string): EsearchResult {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) return { count: 0, queryKey: '', webEnv: '', ids: [], error: `PubMed sent an unreadable answer (${xmlError(xml, valid.err).message})`, warnings: [] }
  const root = child(xmlTreeParser(esearchLists).parse(xml) as XmlNode, 'eSearchResult')
  const errors = asList(child(root, 'ERROR')).map((e) => textOf(e).trim())
  const warnings: string[] = []
  const described: [string, string, string][] = [
    ['ErrorList', 'PhraseNotFound', 'phrase not found'],
    ['ErrorList', 'FieldNotFound', 'field not found'],
    ['ErrorList', 'QuotedPhraseNotFound', 'quoted phrase not found'],
    ['WarningList', 'PhraseIgnored', 'phrase ignored'],
    ['WarningList', 'QuotedPhraseNotFound', 'quoted phrase not found'],
    ['WarningList', 'OutputMessage', ''],
  ]
  for (const [list, name, label] of described) for (const item of asList(child(root, list, name))) warnings.push(label ? `${label}: ${textOf(item).trim()}` : textOf(item).trim())
  const count = Number(firstText(root, ['Count']) || '0')
  return {
    count: Number.isFinite(count) ? count : 0,
    queryKey: firstText(root, ['QueryKey']),
    webEnv: firstText(root, ['WebEnv']),
    ids: asList(child(root, 'IdList', 'Id')).map((id) => textOf(id).trim()),
    error: errors.length ? errors.join('; ') : root === undefined ? 'PubMed sent no eSearchResult' : null,
    warnings,
  }
}

const articleLists = new Set([
  'PubmedArticle',
  'PubmedBookArticle',
  'Author',
  'AbstractText',
  'ArticleId',
  'ELocationID',
  'Keyword',
  'KeywordList',
  'PublicationType',
  'Language',
  'MeshHeading',
  'ERROR',
])

/**
 * Inline formatting inside titles and abstracts (<i>, <sup>, MathML). The XML parser keeps an
 * element's text and its children apart, which would move "in vivo" out of "The <i>in vivo</i>
 * effect", so these tags are dropped before parsing; their text stays in place.
 */
const inlineTags = /<\/?(?:i|b|u|sup|sub|mml:[\w.-]+)(?:\s[^<>]*)?\/?>/g

/**
 * Parts of PubMed XML Ferrite does not read, often most of a modern record's bytes (reference lists,
 * affiliations, chemicals, grants): dropped before parsing, which then takes half the time.
 */
const unreadParts = /<(Reference|AffiliationInfo|Chemical|CommentsCorrections|Grant|Investigator|History|DataBank)[\s>][\s\S]*?<\/\1>/g

function abstractOf(node: XmlNode): string {
  const parts = asList(child(node, 'Abstract', 'AbstractText')).map((part) => {
    const label = child(part, '@_Label')
    const text = plainParagraphs(textOf(part))
    return typeof label === 'string' && label && text ? `${label}: ${text}` : text
  })
  return parts.filter(Boolean).join('\n')
}

function authorsOf(node: XmlNode): string[] {
  return normalizeAuthorList(
    asList(child(node, 'AuthorList', 'Author')).map((author) => {
      const collective = firstText(author, ['CollectiveName'])
      if (collective) return plainLine(collective)
      const last = plainLine(firstText(author, ['LastName']))
      const first = plainLine(firstText(author, ['ForeName'], ['Initials']))
      return first ? `${last}, ${first}` : last
    }),
  )
}

function articleIds(node: XmlNode, type: string): string {
  const id = asList(child(node, 'PubmedData', 'ArticleIdList', 'ArticleId')).find((a) => child(a, '@_IdType') === type)
  return id === undefined ? '' : textOf(id).trim()
}

function journalArticle(node: XmlNode, position: number): CitationRecord {
  const record = emptyCitationRecord(position)
  const citation = child(node, 'MedlineCitation')
  const article = child(citation, 'Article')
  const journal = child(article, 'Journal')
  const issue = child(journal, 'JournalIssue')
  record.pmid = normalizePmid(firstText(citation, ['PMID']))
  record.title = plainLine(firstText(article, ['ArticleTitle'], ['VernacularTitle']))
  record.abstract = abstractOf(article)
  record.authors = authorsOf(article)
  record.journal = plainLine(firstText(journal, ['Title'], ['ISOAbbreviation']))
  record.issn = normalizeIssn(firstText(journal, ['ISSN']))
  record.volume = firstText(issue, ['Volume'])
  record.issue = firstText(issue, ['Issue'])
  record.year = parseYear(firstText(issue, ['PubDate', 'Year'], ['PubDate', 'MedlineDate'])) ?? parseYear(firstText(article, ['ArticleDate', 'Year'])) ?? null
  record.pages = firstText(article, ['Pagination', 'MedlinePgn'], ['Pagination', 'StartPage'])
  const eloc = asList(child(article, 'ELocationID')).find((e) => child(e, '@_EIdType') === 'doi')
  record.doi = normalizeDoi(articleIds(node, 'doi')) || (eloc === undefined ? '' : normalizeDoi(textOf(eloc)))
  record.language = asList(child(article, 'Language')).map(textOf).join('; ')
  record.type = asList(child(article, 'PublicationTypeList', 'PublicationType'))
    .map(textOf)
    .join('; ')
  const keywords = asList(child(citation, 'KeywordList')).flatMap((list) => asList(child(list, 'Keyword')).map((k) => plainLine(textOf(k))))
  const mesh = asList(child(citation, 'MeshHeadingList', 'MeshHeading')).map((h) => plainLine(firstText(h, ['DescriptorName'])))
  record.keywords = splitKeywords([...keywords, ...mesh])
  record.sourceId = record.pmid ? `PMID:${record.pmid}` : ''
  record.url = record.pmid ? `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/` : ''
  return record
}

function bookArticle(node: XmlNode, position: number): CitationRecord {
  const record = emptyCitationRecord(position)
  const doc = child(node, 'BookDocument')
  const book = child(doc, 'Book')
  record.pmid = normalizePmid(firstText(doc, ['PMID']))
  record.title = plainLine(firstText(doc, ['ArticleTitle'], ['VernacularTitle']) || firstText(book, ['BookTitle']))
  record.abstract = abstractOf(doc)
  record.authors = authorsOf(doc).length ? authorsOf(doc) : authorsOf(book)
  record.journal = plainLine(firstText(book, ['BookTitle']))
  record.year = parseYear(firstText(book, ['PubDate', 'Year']))
  record.type = 'Book chapter'
  record.language = asList(child(doc, 'Language')).map(textOf).join('; ')
  record.doi = normalizeDoi(articleIds(node, 'doi'))
  record.sourceId = record.pmid ? `PMID:${record.pmid}` : ''
  record.url = record.pmid ? `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/` : ''
  return record
}

/**
 * PubMed XML (<PubmedArticleSet>, as efetch `retmode=xml` sends it): journal articles and book
 * chapters in document order, numbered from `firstPosition`. An <ERROR> answer or unreadable XML is
 * returned as `error`, never thrown. Each article is parsed on its own: a page of 500 then makes 500
 * small, short-lived trees rather than one large one (a third less peak memory over a 10,000-record run).
 */
export function parsePubmedXml(xml: string, firstPosition = 1): { records: CitationRecord[]; error: string | null } {
  // A whole document ends with its closing tag; only one that does not is validated in full, to say
  // where it breaks (the full validation would double the time of every good page).
  const whole = /<\/(PubmedArticleSet|eFetchResult)>\s*$/.test(xml) || /<PubmedArticleSet\s*\/>\s*$/.test(xml)
  if (!whole) {
    const valid = XMLValidator.validate(xml)
    return { records: [], error: `PubMed sent an unreadable answer (${valid === true ? 'it ends before </PubmedArticleSet>' : xmlError(xml, valid.err).message})` }
  }
  const xmlParser = xmlTreeParser(articleLists)
  if (!/<PubmedArticleSet[\s>/]/.test(xml)) {
    try {
      const errors = asList(child(xmlParser.parse(xml) as XmlNode, 'eFetchResult', 'ERROR')).map((e) => textOf(e).trim())
      return { records: [], error: errors.length ? errors.join('; ') : 'PubMed sent no PubmedArticleSet' }
    } catch (e) {
      return { records: [], error: `PubMed sent an unreadable answer (${e instanceof Error ? e.message : String(e)})` }
    }
  }
  const records: CitationRecord[] = []
  const announced = xml.match(/<(PubmedArticle|PubmedBookArticle)[\s>]/g)?.length ?? 0
  for (const match of xml.matchAll(/<(PubmedArticle|PubmedBookArticle)>[\s\S]*?<\/\1>/g)) {
    const kind = match[1] as 'PubmedArticle' | 'PubmedBookArticle'
    let node: XmlNode
    try {
      node = child(xmlParser.parse(match[0].replace(inlineTags, '').replace(unreadParts, '')) as XmlNode, kind)
    } catch (e) {
      return { records: [], error: `PubMed sent an unreadable answer (article ${records.length + 1}: ${e instanceof Error ? e.message : String(e)})` }
    }
    const item = asList(node)[0]
    if (item === undefined) continue
    const position = firstPosition + records.length
    records.push(kind === 'PubmedArticle' ? journalArticle(item, position) : bookArticle(item, position))
  }
  if (records.length !== announced) return { records: [], error: `PubMed sent an unreadable answer (${announced} articles announced, ${records.length} readable)` }
  return { records, error: null }
}
