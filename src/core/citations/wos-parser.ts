/**
 * Web of Science plain-text tagged export (also Zoological Record, BIOSIS, MEDLINE via WoS): "FN"
 * and "VR" header lines, records from "PT" to "ER", "EF" at the end; a tag is two characters and a
 * space, continuation lines start with three spaces (one author or cited reference per line for
 * list tags, wrapped text otherwise).
 *
 * Example: `new WosParser().push('PT J\nTI A study of\n   woodpeckers\nPY 2019\nER\n')` returns one
 * record titled "A study of woodpeckers" from 2019.
 */
import { checkRecord, emptyCitationRecord, type CitationRecord } from './citation-record'
import { plainLine, plainParagraphs } from './html-text'
import { LineBasedParser, allValues, firstValue, newTaggedFields, type TaggedFields } from './line-based-parser'
import { joinPages, normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from './normalize-fields'

const listTags = new Set(['AU', 'AF', 'BA', 'BF', 'CA', 'GP', 'ED', 'C1', 'C3', 'CR', 'RI', 'OI'])
const headerTags = new Set(['FN', 'VR', 'EF'])

/** Maps one WoS record's tags to the common record. */
export function wosFieldsToRecord(fields: TaggedFields, line: number): CitationRecord {
  const record = emptyCitationRecord(line)
  record.title = plainLine(firstValue(fields, 'TI'))
  const fullNames = allValues(fields, 'AF')
  record.authors = normalizeAuthorList(fullNames.length > 0 ? fullNames : allValues(fields, 'AU'))
  if (record.authors.length === 0) record.authors = allValues(fields, 'CA', 'GP')
  record.year = parseYear(firstValue(fields, 'PY')) ?? parseYear(firstValue(fields, 'PD')) ?? parseYear(firstValue(fields, 'EY'))
  record.journal = plainLine(firstValue(fields, 'SO'))
  record.volume = firstValue(fields, 'VL')
  record.issue = firstValue(fields, 'IS')
  record.pages = joinPages(firstValue(fields, 'BP'), firstValue(fields, 'EP')) || firstValue(fields, 'AR', 'PS')
  record.doi = normalizeDoi(firstValue(fields, 'DI', 'D2'))
  record.pmid = normalizePmid(firstValue(fields, 'PM'))
  record.abstract = plainParagraphs(firstValue(fields, 'AB'))
  record.keywords = splitKeywords(allValues(fields, 'DE', 'ID'))
  record.url = firstValue(fields, 'UR')
  record.type = firstValue(fields, 'DT', 'PT')
  record.language = firstValue(fields, 'LA')
  record.issn = normalizeIssn(firstValue(fields, 'SN', 'EI'))
  record.sourceId = firstValue(fields, 'UT', 'AN')
  return record
}

export class WosParser extends LineBasedParser {
  readonly format = 'wos' as const
  private fields: TaggedFields | null = null
  private recordLine = 0
  private lastTag = ''
  private strayTag = false

  protected handleLine(line: string, lineNumber: number): void {
    if (line.startsWith('   ') || line === '') {
      const text = line.trim()
      if (text === '' || !this.fields || this.strayTag) return
      const values = this.fields[this.lastTag]
      if (!values) return
      if (listTags.has(this.lastTag)) values.push(text)
      else values[values.length - 1] = `${values[values.length - 1] ?? ''} ${text}`
      return
    }
    const match = /^([A-Z][A-Z0-9])(?: (.*))?$/.exec(line.trimEnd())
    if (!match) {
      this.warn(lineNumber, 'line is neither a Web of Science tag nor a continuation (ignored)')
      return
    }
    const tag = match[1] ?? ''
    const value = (match[2] ?? '').trim()
    if (headerTags.has(tag)) return
    if (tag === 'PT') {
      if (this.fields) {
        this.warn(this.recordLine, `record starting at line ${this.recordLine} has no ER before the next PT (line ${lineNumber})`)
        this.close()
      }
      this.fields = newTaggedFields()
      this.recordLine = lineNumber
    } else if (tag === 'ER') {
      if (this.fields) this.close()
      else this.warn(lineNumber, 'ER without a PT (ignored)')
      return
    } else if (!this.fields) {
      this.warn(lineNumber, `tag ${tag} outside any record (ignored)`)
      this.strayTag = true
      return
    }
    this.strayTag = false
    const values = this.fields[tag]
    if (values) values.push(value)
    else this.fields[tag] = [value]
    this.lastTag = tag
  }

  private close(): void {
    const fields = this.fields
    this.fields = null
    if (fields) this.emit(checkRecord(wosFieldsToRecord(fields, this.recordLine), this.warnings))
  }

  protected finish(): void {
    if (this.fields) {
      this.warn(this.recordLine, `record starting at line ${this.recordLine} has no ER (end of file)`)
      this.close()
    }
  }
}
