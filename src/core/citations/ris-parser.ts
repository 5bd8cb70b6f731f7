/**
 * RIS, in every producer's dialect: EndNote, Embase, Ovid (with "1." record-number lines and tags
 * after ER), Zotero, ProQuest, Scopus, Web of Science RIS, Rayyan and PubMed→EndNote. A tag line is
 * two characters, two spaces, a hyphen ("TY  - "); "TY - " with one space is accepted for known
 * tags. Untagged lines inside a record continue the previous field (a new keyword or author for
 * list tags, more text otherwise); blank lines inside a record are ignored.
 *
 * Example: `new RisParser().push('TY  - JOUR\nTI  - A trial\nER  - \n')` returns one record.
 */
import { checkRecord, emptyCitationRecord, type CitationRecord } from './citation-record'
import { plainLine, plainParagraphs } from './html-text'
import { LineBasedParser, allValues, firstValue, newTaggedFields, type TaggedFields } from './line-based-parser'
import { findDoiInText, joinPages, normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from './normalize-fields'

const knownTags = new Set(
  (
    'TY ER A1 A2 A3 A4 AB AD AN AU AV BT C1 C2 C3 C4 C5 C6 C7 C8 CA CN CP CT CY DA DB DO DP ED EP ET ID IS ' +
    'J1 J2 JA JF JO KW L1 L2 L3 L4 LA LB LK M1 M2 M3 N1 N2 NV OP PB PP PY RI RN RP SE SN SP ST T1 T2 T3 TA TI TT ' +
    'U1 U2 U3 U4 U5 UR VL VO Y1 Y2'
  ).split(' '),
)
/** Tags whose untagged continuation lines are further values, not more text (Rayyan, EndNote). */
const listTags = new Set(['KW', 'AU', 'A1', 'A2', 'A3', 'A4', 'AD', 'ED'])
/** Long text whose continuation lines are paragraph breaks (EndNote wraps AB this way). */
const paragraphTags = new Set(['AB', 'N2', 'N1'])

function isUpperOrDigit(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
}

/** Splits "TY  - JOUR" into tag and value; null for an untagged line. */
export function splitRisTagLine(line: string): { tag: string; value: string } | null {
  if (line.length < 4) return null
  const c0 = line.charCodeAt(0)
  if (c0 < 65 || c0 > 90 || !isUpperOrDigit(line.charCodeAt(1))) return null
  if (line.startsWith('  -', 2)) {
    return { tag: line.slice(0, 2), value: line.slice(5).trim() }
  }
  if (line[2] === ' ' && line[3] === '-' && (line.length === 4 || line[4] === ' ')) {
    const tag = line.slice(0, 2)
    if (knownTags.has(tag)) return { tag, value: line.slice(4).trim() }
  }
  return null
}

const pubmedDatabase = /pubmed|medline|\bnlm\b/i

/** Maps one RIS record's tags to the common record. */
export function risFieldsToRecord(fields: TaggedFields, line: number): CitationRecord {
  const record = emptyCitationRecord(line)
  const database = firstValue(fields, 'DB', 'DP')
  record.type = firstValue(fields, 'TY')
  record.title = plainLine(firstValue(fields, 'TI', 'T1', 'CT', 'BT', 'ST'))
  record.authors = normalizeAuthorList(allValues(fields, 'AU'))
  record.year = parseYear(firstValue(fields, 'PY')) ?? parseYear(firstValue(fields, 'Y1')) ?? parseYear(firstValue(fields, 'DA'))
  record.journal = plainLine(firstValue(fields, 'JF', 'T2', 'JO', 'JA', 'J2', 'J1'))
  record.volume = firstValue(fields, 'VL', 'VO')
  record.issue = firstValue(fields, 'IS', 'CP')
  record.pages = joinPages(firstValue(fields, 'SP'), firstValue(fields, 'EP')) || firstValue(fields, 'C7')
  record.abstract = plainParagraphs(firstValue(fields, 'AB', 'N2'))
  record.keywords = splitKeywords(allValues(fields, 'KW'))
  record.url = firstValue(fields, 'UR', 'L2')
  record.language = firstValue(fields, 'LA')
  record.issn = normalizeIssn(firstValue(fields, 'SN'))
  for (const value of allValues(fields, 'DO', 'M3')) {
    record.doi = normalizeDoi(value)
    if (record.doi !== '') break
  }
  for (const value of allValues(fields, 'UR', 'L2', 'L3', 'LK', 'L1')) {
    if (record.doi !== '') break
    record.doi = findDoiInText(value)
  }
  const accession = (firstValue(fields, 'AN').split(';')[0] ?? '').trim()
  if (pubmedDatabase.test(database) && /^\d+$/.test(accession)) record.pmid = normalizePmid(accession)
  const scopusPubmed = firstValue(fields, 'C2')
  if (record.pmid === '' && /scopus/i.test(database) && /^\d+$/.test(scopusPubmed)) record.pmid = scopusPubmed
  const pubmedUrl = /ncbi\.nlm\.nih\.gov\/(?:pubmed\/|.*\bterm=)(\d+)|pubmed\.ncbi\.nlm\.nih\.gov\/(\d+)/.exec(record.url)
  if (record.pmid === '' && pubmedUrl) record.pmid = pubmedUrl[1] ?? pubmedUrl[2] ?? ''
  const embaseId = firstValue(fields, 'U2')
  const scopusEid = /[?&]eid=([^&]+)/.exec(firstValue(fields, 'UR'))?.[1] ?? ''
  const recordId = firstValue(fields, 'ID')
  record.sourceId = accession || (/^L\d+$/.test(embaseId) ? embaseId : '') || scopusEid || (/\D/.test(recordId) ? recordId : '')
  return record
}

interface OpenRecord {
  line: number
  fields: TaggedFields
  lastTag: string
}

export class RisParser extends LineBasedParser {
  readonly format = 'ris' as const
  private current: OpenRecord | null = null
  /** A tag seen outside any record swallows its own continuation lines too. */
  private strayTag = false

  protected handleLine(line: string, lineNumber: number): void {
    const tagged = splitRisTagLine(line)
    if (tagged === null) {
      const text = line.trim()
      if (text === '' || this.current === null || this.strayTag) return
      this.continueField(this.current, text)
      return
    }
    const { tag, value } = tagged
    if (tag === 'TY') {
      if (this.current) {
        this.warn(this.current.line, `record starting at line ${this.current.line} has no ER before the next TY (line ${lineNumber})`)
        this.close()
      }
      this.current = { line: lineNumber, fields: newTaggedFields(), lastTag: 'TY' }
      this.current.fields.TY = [value]
      this.strayTag = false
      return
    }
    if (tag === 'ER') {
      if (this.current) this.close()
      else this.warn(lineNumber, 'ER without a TY (ignored)')
      return
    }
    if (this.current === null) {
      this.warn(lineNumber, `tag ${tag} outside any record (ignored)`)
      this.strayTag = true
      return
    }
    // A1 and AU are both "primary author"; one list keeps the authors in file order.
    const key = tag === 'A1' ? 'AU' : tag
    const values = this.current.fields[key]
    if (values) values.push(value)
    else this.current.fields[key] = [value]
    this.current.lastTag = key
  }

  private continueField(record: OpenRecord, text: string): void {
    const values = record.fields[record.lastTag]
    if (!values) return
    if (listTags.has(record.lastTag)) {
      values.push(text)
      return
    }
    const last = values.length - 1
    const previous = values[last] ?? ''
    const separator = previous === '' ? '' : paragraphTags.has(record.lastTag) ? '\n' : ' '
    values[last] = previous + separator + text
  }

  private close(): void {
    const open = this.current
    if (!open) return
    this.current = null
    this.emit(checkRecord(risFieldsToRecord(open.fields, open.line), this.warnings))
  }

  protected finish(): void {
    if (this.current) {
      this.warn(this.current.line, `record starting at line ${this.current.line} has no ER (end of file)`)
      this.close()
    }
  }
}
