/**
 * The one shape every citation parser produces, whatever the database or reference manager that
 * exported the file. Missing values are '' / [] / null, never undefined, so records from different
 * formats can be compared field by field (deduplication, cross-format checks, database import).
 */

export type CitationFormat = 'ris' | 'medline' | 'ovid' | 'wos' | 'endnote-tagged' | 'bibtex' | 'endnote-xml' | 'csv'

export const citationFormats: readonly CitationFormat[] = ['ris', 'medline', 'ovid', 'wos', 'endnote-tagged', 'bibtex', 'endnote-xml', 'csv']

export interface CitationRecord {
  title: string
  /** "Last, First" (or "Last, Initials") where the source allows it; corporate names as given. */
  authors: string[]
  year: number | null
  journal: string
  volume: string
  issue: string
  pages: string
  /** Lower-case, without resolver prefixes: "10.1002/cpp.2398". */
  doi: string
  /** Digits only. */
  pmid: string
  /** Plain text: HTML tags stripped and entities decoded. */
  abstract: string
  keywords: string[]
  url: string
  /** The source's own type label (RIS TY, MEDLINE PT, BibTeX entry type…), as given. */
  type: string
  language: string
  issn: string
  /** The exporting database's accession number (WOS:…, Embase L-number, Scopus EID, ProQuest AN…). */
  sourceId: string
  /** 1-based line of the file where the record starts. */
  line: number
}

/** A problem tied to a place in the file. */
export interface ParseIssue {
  line: number
  message: string
}

/**
 * Whole-file parse outcome. `errors` non-empty means the file was refused as a whole (unknown
 * format, binary content, malformed XML…) and `records` is then empty: the parsers never throw on
 * file content. `warnings` list malformed records (no title, a tag outside any record…) that did
 * not stop the parse.
 */
export interface ParseResult {
  format: CitationFormat | null
  encoding: string
  records: CitationRecord[]
  warnings: ParseIssue[]
  errors: ParseIssue[]
}

export function emptyCitationRecord(line: number): CitationRecord {
  return {
    title: '',
    authors: [],
    year: null,
    journal: '',
    volume: '',
    issue: '',
    pages: '',
    doi: '',
    pmid: '',
    abstract: '',
    keywords: [],
    url: '',
    type: '',
    language: '',
    issn: '',
    sourceId: '',
    line,
  }
}

/** Adds the warnings every format shares; the record is kept so that counts match the export. */
export function checkRecord(record: CitationRecord, warnings: ParseIssue[]): CitationRecord {
  if (record.title === '') warnings.push({ line: record.line, message: 'record has no title' })
  return record
}
