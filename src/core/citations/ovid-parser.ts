/**
 * Ovid's tagged export (MEDLINE, Embase, PsycINFO, BIOSIS... searched through Ovid and exported
 * with the field tags, "Reprint/Medlars" style): each record starts with a "<N. >" line, fields are
 * "TG  - value" with tags of two to four capitals padded to four (as in PubMed's MEDLINE format),
 * and a field goes on over lines without a tag. Those lines are indented by six spaces when Ovid
 * wraps a value, and not indented when the source has line breaks: Embase's structured abstracts
 * put "Method(s): …", "Result(s): …", "Conclusion(s): …" on lines of their own, which stay
 * paragraphs of the abstract. Blank lines occur inside fields (SY, DE), so only a "<N. >" line
 * starts a record; a search-strategy header before the first record is skipped with one warning.
 *
 * Tags read (Ovid's MEDLINE and Embase field guides): TI title; FA or AU authors ("[Author, Reprint
 * Author]" notes removed); AB abstract; SO source, parsed into journal, volume, issue, pages and year
 * when JN/JT, VO/VI, IP, PG and YR do not give them; DO or DI the DOI (bare, or as a doi.org or
 * dx.doi.org URL); UI the unique identifier (the PMID in Ovid MEDLINE) and AN the accession number
 * (Embase's), PM a PubMed ID; KW, MH and SH keywords and headings; PT type; LG language; IS ISSN.
 *
 * Example: `new OvidParser().push('<1. >\nTI  - Liver iron by MRI\nDO  - http://dx.doi.org/10.1/x\n')`
 * gives one record when the input ends, titled "Liver iron by MRI" with the DOI "10.1/x".
 */
import { checkRecord, emptyCitationRecord, type CitationRecord } from './citation-record'
import { plainLine, plainParagraphs } from './html-text'
import { LineBasedParser, allValues, firstValue, newTaggedFields, type TaggedFields } from './line-based-parser'
import { splitMedlineTagLine } from './medline-parser'
import { normalizeAuthorList, normalizeDoi, normalizeIssn, normalizePmid, parseYear, splitKeywords } from './normalize-fields'

/** The "<1. >" line that opens an Ovid record (also "<1>"). */
export const ovidRecordMarker = /^<\d+\.?\s*>\s*$/

/** Fields whose unindented continuation lines are paragraphs of their own (structured abstracts). */
const paragraphFields = new Set(['AB'])

export interface OvidSource {
  journal: string
  volume: string
  issue: string
  pages: string
  year: number | null
}

/**
 * Journal, volume, issue, pages and year from Ovid's SO field, in the forms its databases write:
 *   MEDLINE  "Journal of Magnetic Resonance Imaging. 52(3):734-745, 2020 Sep."
 *   Embase   "European Radiology. 30 (5) (pp 2723-2731), 2020. Date of Publication: May 2020."
 *   BIOSIS   "Forest Ecology & Management. 201(2-3):327-334, November 15, 2004."
 *   Journals@Ovid "Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653"
 * What does not fit these stays empty (the year is still taken from the text).
 */
export function parseOvidSource(source: string): OvidSource {
  const text = source.replace(/\s+/g, ' ').trim()
  const out: OvidSource = { journal: '', volume: '', issue: '', pages: '', year: parseYear(text) }
  const journals = /^(.+?)\s+(?:[A-Z][a-z]+(?:\/[A-Z][a-z]+)?\s+)?(?:\d{1,2}\s+)?((?:1[5-9]|20)\d\d);\s*([\w.-]+)?\s*(?:\(([^)]*)\))?\s*(?::\s*([\w.-]+))?/.exec(text)
  if (journals) {
    out.journal = journals[1] ?? ''
    out.year = Number(journals[2])
    out.volume = journals[3] ?? ''
    out.issue = journals[4] ?? ''
    out.pages = journals[5] ?? ''
    return out
  }
  const cited = /^(.+?)\.\s+(\d[\w.-]*)?\s*(?:\(([^)]*)\))?\s*(?:\(pp\.?\s*([^)]*)\)|:\s*([\w.-]+))?\s*,\s*(.*)$/.exec(text)
  if (cited && (cited[2] || cited[3])) {
    out.journal = cited[1] ?? ''
    out.volume = cited[2] ?? ''
    out.issue = (cited[3] ?? '').trim()
    out.pages = (cited[4] ?? cited[5] ?? '').trim()
    out.year = parseYear(cited[6] ?? '') ?? out.year
    return out
  }
  return out
}

/** Ovid's notes after a name ("Werner, S. M. [Author, Reprint Author; E-mail: …]") removed. */
function authorName(value: string): string {
  return value.replace(/\s*\[[^\]]*\]?\s*$/, '').trim()
}

/** Ovid appends the article type to some titles: "Title. [Review]". */
function cleanTitle(title: string): string {
  return title.replace(/\s*\[(?:Review|Article|Miscellaneous|Editorial|Letter|Comment|Note|Erratum|Report|Case Reports?)\]\s*$/i, '')
}

/** Maps one Ovid record's tags to the common record. */
export function ovidFieldsToRecord(fields: TaggedFields, line: number): CitationRecord {
  const record = emptyCitationRecord(line)
  const source = parseOvidSource(firstValue(fields, 'SO'))
  record.title = cleanTitle(plainLine(firstValue(fields, 'TI', 'BT')))
  const persons = allValues(fields, 'FA').length > 0 ? allValues(fields, 'FA') : allValues(fields, 'AU')
  record.authors = normalizeAuthorList(persons.map(authorName))
  record.year = parseYear(firstValue(fields, 'YR', 'DP')) ?? source.year
  record.journal = plainLine(firstValue(fields, 'JN', 'JT', 'JA') || source.journal)
  record.volume = firstValue(fields, 'VO', 'VI') || source.volume
  record.issue = firstValue(fields, 'IP') || source.issue
  record.pages = firstValue(fields, 'PG') || source.pages
  for (const value of allValues(fields, 'DO', 'DI')) {
    record.doi = normalizeDoi(value)
    if (record.doi !== '') break
  }
  const database = firstValue(fields, 'DB')
  const unique = firstValue(fields, 'UI')
  const accession = firstValue(fields, 'AN')
  // Ovid MEDLINE's unique identifier is the PMID; Embase gives its own accession number and PM
  record.pmid = normalizePmid(firstValue(fields, 'PM') || (/medline|pubmed/i.test(database) || accession === '' ? unique : ''))
  record.sourceId = accession || unique
  record.abstract = plainParagraphs(firstValue(fields, 'AB'))
  record.keywords = splitKeywords([...allValues(fields, 'KW'), ...allValues(fields, 'MH', 'SH').map((h) => h.replace(/^\*/, ''))])
  record.type = firstValue(fields, 'PT')
  record.language = firstValue(fields, 'LG', 'LA').replace(/\.$/, '')
  record.issn = normalizeIssn(firstValue(fields, 'IS'))
  return record
}

export class OvidParser extends LineBasedParser {
  readonly format = 'ovid' as const
  private fields: TaggedFields | null = null
  private recordLine = 0
  /** The values of the field being read, and whether a blank line came since its last line. */
  private current: { tag: string; values: string[] } | null = null
  private afterBlank = false
  private markersSeen = false
  private header: { first: number; last: number } | null = null

  protected handleLine(line: string, lineNumber: number): void {
    if (ovidRecordMarker.test(line)) {
      this.close()
      this.markersSeen = true
      this.open(lineNumber)
      return
    }
    if (line.trim() === '') {
      // without "<N. >" markers (a file cut by hand) a blank line ends the record, as in MEDLINE
      if (!this.markersSeen) this.close()
      else this.afterBlank = true
      return
    }
    const tagged = splitMedlineTagLine(line)
    if (tagged) {
      if (!this.fields) this.open(lineNumber)
      const fields = this.fields as TaggedFields
      const values = fields[tagged.tag] ?? []
      values.push(tagged.value)
      fields[tagged.tag] = values
      this.current = { tag: tagged.tag, values }
      this.afterBlank = false
      return
    }
    if (!this.current) {
      // a search strategy or a title page before the first record
      if (this.header) this.header.last = lineNumber
      else this.header = { first: lineNumber, last: lineNumber }
      return
    }
    const { tag, values } = this.current
    const last = values.length - 1
    const text = line.trim()
    const newParagraph = paragraphFields.has(tag) && (this.afterBlank || !/^\s/.test(line))
    values[last] = values[last] === '' ? text : `${values[last]}${newParagraph ? '\n' : ' '}${text}`
    this.afterBlank = false
  }

  private open(lineNumber: number): void {
    this.fields = newTaggedFields()
    this.recordLine = lineNumber
    this.current = null
    this.afterBlank = false
    if (this.header) {
      const { first, last } = this.header
      this.warn(first, `lines ${first}–${last} before the first record (a search strategy or title page) ignored`)
      this.header = null
    }
  }

  private close(): void {
    const fields = this.fields
    this.fields = null
    this.current = null
    if (fields && Object.keys(fields).length > 0) this.emit(checkRecord(ovidFieldsToRecord(fields, this.recordLine), this.warnings))
  }

  protected finish(): void {
    this.close()
    if (this.header) this.warn(this.header.first, `lines ${this.header.first}–${this.header.last} hold no Ovid record`)
  }
}
