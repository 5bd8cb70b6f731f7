/**
 * PubMed MEDLINE / .nbib: tags of up to four characters padded to four, then "- " ("PMID- ",
 * "TI  - "); continuation lines start with six spaces (older exports leave trailing spaces);
 * records are separated by blank lines and normally start with PMID.
 *
 * Example: `new MedlineParser().push('PMID- 8692918\nTI  - The structure of\n      bovine F1.\n\n')`
 * returns one record titled "The structure of bovine F1.".
 */
import { checkRecord, emptyCitationRecord, type CitationRecord } from './citation-record'
import { plainLine, plainParagraphs } from './html-text'
import { LineBasedParser, allValues, firstValue, newTaggedFields, type TaggedFields } from './line-based-parser'
import { normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from './normalize-fields'

/** Splits "TI  - text" / "PMID- 123"; null for continuation and other lines. */
export function splitMedlineTagLine(line: string): { tag: string; value: string } | null {
  if (line.length < 5 || line[4] !== '-' || (line.length > 5 && line[5] !== ' ')) return null
  const tag = line.slice(0, 4).trimEnd()
  if (!/^[A-Z][A-Z0-9]{1,3}$/.test(tag)) return null
  return { tag, value: line.slice(6).trim() }
}

function doiFromIds(values: string[]): string {
  for (const value of values) {
    if (/\[doi\]\s*$/i.test(value)) {
      const doi = normalizeDoi(value.replace(/\[doi\]\s*$/i, ''))
      if (doi !== '') return doi
    }
  }
  return ''
}

/** Maps one MEDLINE record's tags to the common record. */
export function medlineFieldsToRecord(fields: TaggedFields, line: number): CitationRecord {
  const record = emptyCitationRecord(line)
  const articleTitle = firstValue(fields, 'TI')
  const bookTitle = firstValue(fields, 'BTI')
  record.title = plainLine(articleTitle || bookTitle || firstValue(fields, 'TT'))
  const persons = allValues(fields, 'FAU').length > 0 ? allValues(fields, 'FAU') : allValues(fields, 'AU')
  record.authors = persons.length > 0 ? normalizeAuthorList(persons) : allValues(fields, 'CN')
  record.year = parseYear(firstValue(fields, 'DP')) ?? parseYear(firstValue(fields, 'DEP'))
  record.journal = plainLine(firstValue(fields, 'JT', 'TA') || (articleTitle ? bookTitle : ''))
  record.volume = firstValue(fields, 'VI')
  record.issue = firstValue(fields, 'IP')
  record.pages = firstValue(fields, 'PG')
  record.doi = doiFromIds(allValues(fields, 'LID', 'AID'))
  record.pmid = normalizePmid(firstValue(fields, 'PMID'))
  record.abstract = plainParagraphs(firstValue(fields, 'AB'))
  record.keywords = splitKeywords(allValues(fields, 'MH', 'OT'), /\n/)
  record.type = firstValue(fields, 'PT')
  record.language = firstValue(fields, 'LA')
  record.issn = normalizeIssn(firstValue(fields, 'IS'))
  record.sourceId = record.pmid
  return record
}

export class MedlineParser extends LineBasedParser {
  readonly format = 'medline' as const
  private fields: TaggedFields | null = null
  private recordLine = 0
  private lastValues: string[] | null = null

  protected handleLine(line: string, lineNumber: number): void {
    if (line.trim() === '') {
      this.close()
      return
    }
    const tagged = splitMedlineTagLine(line)
    if (tagged === null) {
      const text = line.trim()
      if (this.lastValues && /^\s/.test(line)) {
        const last = this.lastValues.length - 1
        this.lastValues[last] = `${this.lastValues[last] ?? ''} ${text}`.trim()
      } else {
        this.warn(lineNumber, 'line is neither a MEDLINE tag nor a continuation (ignored)')
      }
      return
    }
    if (this.fields && tagged.tag === 'PMID' && this.fields.PMID) this.close()
    if (!this.fields) {
      this.fields = newTaggedFields()
      this.recordLine = lineNumber
    }
    const values = this.fields[tagged.tag]
    if (values) values.push(tagged.value)
    else this.fields[tagged.tag] = [tagged.value]
    this.lastValues = this.fields[tagged.tag] ?? null
  }

  private close(): void {
    const fields = this.fields
    this.fields = null
    this.lastValues = null
    if (fields) this.emit(checkRecord(medlineFieldsToRecord(fields, this.recordLine), this.warnings))
  }

  protected finish(): void {
    this.close()
  }
}
