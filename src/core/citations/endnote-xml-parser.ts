/**
 * EndNote XML (<xml><records><record>…), as EndNote, Zotero and Mendeley write it. Text may sit
 * directly in an element or inside one or more <style face=… font=…> wrappers, so every value is
 * read as the concatenated text of its subtree. The file is validated first: a truncated or
 * malformed document is refused with the line the XML parser stopped at.
 *
 * Example: `parseEndnoteXml('<xml><records><record><titles><title>T</title></titles></record></records></xml>')`
 * gives one record titled "T".
 */
import { XMLValidator } from 'fast-xml-parser'
import { asList, child, firstText, textOf, xmlError, xmlTreeParser, type XmlNode } from './xml-nodes'
import { checkRecord, emptyCitationRecord, type CitationRecord, type ParseIssue } from './citation-record'
import { plainLine, plainParagraphs } from './html-text'
import { findDoiInText, normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from './normalize-fields'

const listElements = new Set(['record', 'author', 'keyword', 'url', 'date'])

/** Maps one <record> element to the common record. */
export function endnoteXmlRecordToCitation(node: XmlNode, line: number): CitationRecord {
  const record = emptyCitationRecord(line)
  const refType = child(node, 'ref-type')
  const refTypeName = child(refType, '@_name')
  record.type = typeof refTypeName === 'string' ? refTypeName : textOf(refType).trim()
  record.title = plainLine(firstText(node, ['titles', 'title']))
  record.authors = normalizeAuthorList(asList(child(node, 'contributors', 'authors', 'author')).map(textOf))
  record.year = parseYear(firstText(node, ['dates', 'year'])) ?? parseYear(firstText(node, ['dates', 'pub-dates', 'date'], ['year']))
  record.journal = plainLine(firstText(node, ['periodical', 'full-title'], ['titles', 'secondary-title'], ['periodical', 'abbr-1'], ['alt-periodical', 'full-title'], ['titles', 'alt-title']))
  record.volume = firstText(node, ['volume'])
  record.issue = firstText(node, ['number'], ['issue'])
  record.pages = firstText(node, ['pages'])
  const urls = [...asList(child(node, 'urls', 'related-urls', 'url')), ...asList(child(node, 'urls', 'web-urls', 'url'))].map((url) => textOf(url).trim()).filter((url) => url !== '')
  record.url = urls[0] ?? ''
  record.doi = normalizeDoi(firstText(node, ['electronic-resource-num'])) || urls.map(findDoiInText).find((doi) => doi !== '') || ''
  const accession = firstText(node, ['accession-num'])
  const database = firstText(node, ['remote-database-name'], ['remote-database-provider'])
  if (/pubmed|medline|\bnlm\b/i.test(database)) record.pmid = normalizePmid(accession)
  record.abstract = plainParagraphs(firstText(node, ['abstract']))
  record.keywords = splitKeywords(asList(child(node, 'keywords', 'keyword')).map(textOf), /[;\n]/)
  record.language = firstText(node, ['language'])
  record.issn = normalizeIssn(firstText(node, ['isbn']))
  record.sourceId = accession
  return record
}

/** Line numbers of the <record> start tags, in document order. */
function recordLines(text: string): number[] {
  const lines: number[] = []
  const pattern = /<record[\s>]/g
  let line = 1
  let offset = 0
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    for (let i = offset; i < match.index; i++) if (text.charCodeAt(i) === 10) line++
    offset = match.index
    lines.push(line)
  }
  return lines
}

export function parseEndnoteXml(text: string): { records: CitationRecord[]; warnings: ParseIssue[]; errors: ParseIssue[] } {
  const warnings: ParseIssue[] = []
  const valid = XMLValidator.validate(text)
  if (valid !== true) return { records: [], warnings, errors: [xmlError(text, valid.err)] }
  const parser = xmlTreeParser(listElements)
  const document = parser.parse(text) as XmlNode
  const records = asList(child(document, 'xml', 'records', 'record') ?? child(document, 'records', 'record'))
  if (records.length === 0) return { records: [], warnings, errors: [{ line: 1, message: 'no EndNote XML <record> elements found' }] }
  const lines = recordLines(text)
  const out = records.map((node, i) => checkRecord(endnoteXmlRecordToCitation(node, lines[i] ?? 1), warnings))
  return { records: out, warnings, errors: [] }
}
