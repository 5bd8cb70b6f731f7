/**
 * EndNote XML (<xml><records><record>…), as EndNote, Zotero and Mendeley write it. Text may sit
 * directly in an element or inside one or more <style face=… font=…> wrappers, so every value is
 * read as the concatenated text of its subtree. The file is validated first: a truncated or
 * malformed document is refused with the line the XML parser stopped at.
 *
 * Example: `parseEndnoteXml('<xml><records><record><titles><title>T</title></titles></record></records></xml>')`
 * gives one record titled "T".
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { checkRecord, emptyCitationRecord, type CitationRecord, type ParseIssue } from './citation-record'
import { plainLine, plainParagraphs } from './html-text'
import { findDoiInText, normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from './normalize-fields'

type XmlNode = string | number | boolean | null | undefined | XmlNode[] | { [name: string]: XmlNode }

const listElements = new Set(['record', 'author', 'keyword', 'url', 'date'])

/** Concatenated text of a subtree, attributes excluded. */
function textOf(node: XmlNode): string {
  if (node === null || node === undefined) return ''
  if (typeof node === 'string') return node
  if (typeof node === 'number' || typeof node === 'boolean') return String(node)
  if (Array.isArray(node)) return node.map(textOf).join('')
  let out = ''
  for (const [name, child] of Object.entries(node)) if (!name.startsWith('@_')) out += textOf(child)
  return out
}

function child(node: XmlNode, ...path: string[]): XmlNode {
  let current: XmlNode = node
  for (const name of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined
    current = current[name]
  }
  return current
}

function asList(node: XmlNode): XmlNode[] {
  if (node === undefined || node === null || node === '') return []
  return Array.isArray(node) ? node : [node]
}

function firstText(node: XmlNode, ...paths: string[][]): string {
  for (const path of paths) {
    const text = asList(child(node, ...path))
      .map((item) => textOf(item).trim())
      .find((value) => value !== '')
    if (text) return text
  }
  return ''
}

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

/** The validator reports elements left open at the end as line 1; a truncated file is named as such. */
function xmlError(text: string, err: { msg: string; line: number }): ParseIssue {
  const unclosed = /Invalid '\[(.*)\]' found/s.exec(err.msg)
  if (unclosed) {
    const names = [...(unclosed[1] ?? '').matchAll(/"([^"]+)"/g)].map((name) => `<${name[1]}>`)
    const lastLine = text.replace(/\s+$/, '').split('\n').length
    return { line: lastLine, message: `truncated XML: ${names.join(', ')} not closed at the end of the file` }
  }
  return { line: err.line, message: `malformed XML: ${err.msg}` }
}

export function parseEndnoteXml(text: string): { records: CitationRecord[]; warnings: ParseIssue[]; errors: ParseIssue[] } {
  const warnings: ParseIssue[] = []
  const valid = XMLValidator.validate(text)
  if (valid !== true) return { records: [], warnings, errors: [xmlError(text, valid.err)] }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (name) => listElements.has(name),
  })
  const document = parser.parse(text) as XmlNode
  const records = asList(child(document, 'xml', 'records', 'record') ?? child(document, 'records', 'record'))
  if (records.length === 0) return { records: [], warnings, errors: [{ line: 1, message: 'no EndNote XML <record> elements found' }] }
  const lines = recordLines(text)
  const out = records.map((node, i) => checkRecord(endnoteXmlRecordToCitation(node, lines[i] ?? 1), warnings))
  return { records: out, warnings, errors: [] }
}
