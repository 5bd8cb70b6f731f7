/**
 * EndNote tagged export (.enw, "Refer/BibIX"): "%0 Journal Article", "%T title", "%A author"…,
 * records separated by blank lines. %0 is optional and need not come first (the AIS eLibrary
 * writes %T before %0); untagged lines continue the previous field.
 *
 * Example: `new EndnoteTaggedParser().push('%T Trust\n%0 Journal Article\n%A Guo, Wenbo\n%D 2021\n\n')`
 * returns one record by "Guo, Wenbo" from 2021.
 */
import { checkRecord, emptyCitationRecord, type CitationRecord } from './citation-record'
import { plainLine, plainParagraphs } from './html-text'
import { LineBasedParser, allValues, firstValue, newTaggedFields, type TaggedFields } from './line-based-parser'
import { findDoiInText, normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from './normalize-fields'

const listTags = new Set(['%A', '%E', '%K', '%Y', '%?'])

/** Maps one EndNote tagged record to the common record. */
export function endnoteTaggedFieldsToRecord(fields: TaggedFields, line: number): CitationRecord {
  const record = emptyCitationRecord(line)
  record.type = firstValue(fields, '%0')
  record.title = plainLine(firstValue(fields, '%T'))
  record.authors = normalizeAuthorList(allValues(fields, '%A'))
  record.year = parseYear(firstValue(fields, '%D')) ?? parseYear(firstValue(fields, '%8'))
  record.journal = plainLine(firstValue(fields, '%J', '%B'))
  record.volume = firstValue(fields, '%V')
  record.issue = firstValue(fields, '%N')
  record.pages = firstValue(fields, '%P')
  record.doi = normalizeDoi(firstValue(fields, '%R')) || findDoiInText(firstValue(fields, '%U'))
  const database = firstValue(fields, '%W', '%~')
  const accession = firstValue(fields, '%M')
  if (/pubmed|medline|\bnlm\b/i.test(database)) record.pmid = normalizePmid(accession)
  record.abstract = plainParagraphs(firstValue(fields, '%X'))
  record.keywords = splitKeywords(allValues(fields, '%K'), /[;\n]/)
  record.url = firstValue(fields, '%U')
  record.language = firstValue(fields, '%G')
  record.issn = normalizeIssn(firstValue(fields, '%@'))
  record.sourceId = accession
  return record
}

export class EndnoteTaggedParser extends LineBasedParser {
  readonly format = 'endnote-tagged' as const
  private fields: TaggedFields | null = null
  private recordLine = 0
  private lastTag = ''

  protected handleLine(line: string, lineNumber: number): void {
    const text = line.trim()
    if (text === '') {
      this.close()
      return
    }
    const match = /^(%[^\s])(?:\s(.*))?$/.exec(line.trimEnd())
    if (!match) {
      const values = this.fields?.[this.lastTag]
      if (values && listTags.has(this.lastTag)) values.push(text)
      else if (values) values[values.length - 1] = `${values[values.length - 1] ?? ''}\n${text}`
      else this.warn(lineNumber, 'untagged line outside any record (ignored)')
      return
    }
    const tag = match[1] ?? ''
    if (!this.fields) {
      this.fields = newTaggedFields()
      this.recordLine = lineNumber
    } else if (tag === '%0' && this.fields['%0']) {
      this.close()
      this.fields = newTaggedFields()
      this.recordLine = lineNumber
    }
    const value = (match[2] ?? '').trim()
    const values = this.fields[tag]
    if (values) values.push(value)
    else this.fields[tag] = [value]
    this.lastTag = tag
  }

  private close(): void {
    const fields = this.fields
    this.fields = null
    if (fields) this.emit(checkRecord(endnoteTaggedFieldsToRecord(fields, this.recordLine), this.warnings))
  }

  protected finish(): void {
    this.close()
  }
}
