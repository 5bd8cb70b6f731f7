/**
 * CSV citation exports (Scopus, Embase, PubMed, Web of Science, Lens, IEEE Xplore, or any CSV with
 * an explicit column mapping), parsed with papaparse. Text may be pushed in chunks of any size:
 * only the part up to the last line break outside quotes is parsed, so a quoted multi-line
 * abstract split across two chunks is read whole. The delimiter (comma, semicolon or tab) is taken
 * from the header line unless given; Web of Science tab-delimited exports (header "PT\tAU\t…") are
 * read without quoting, as WoS writes them.
 *
 * Example: `new CsvParser().push('Title,Authors,Year\n"A trial","Lim SM, Lau Y",2022\n')` returns one
 * record with authors ["Lim, SM", "Lau, Y"].
 */
import Papa from 'papaparse'
import type { CitationRecord, ParseIssue } from './citation-record'
import { checkRecord } from './citation-record'
import { csvRowToRecord, resolveCsvColumns, type CsvColumnMapping, type CsvField } from './csv-columns'
import type { StreamingCitationParser } from './line-based-parser'
import { NewlineNormalizer } from './line-splitter'

export interface CsvParserOptions {
  columns?: CsvColumnMapping
  delimiter?: string
}

/** The candidate delimiter that occurs most often outside quotes in the header line. */
export function guessCsvDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 }
  let inQuotes = false
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes
    else if (!inQuotes && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1
  }
  return Object.entries(counts).reduce((best, entry) => (entry[1] > best[1] ? entry : best), [',', 0])[0]
}

export class CsvParser implements StreamingCitationParser {
  readonly format = 'csv' as const
  readonly warnings: ParseIssue[] = []
  readonly errors: ParseIssue[] = []
  private buffer = ''
  private scanned = 0
  private inQuotes = false
  private safeEnd = 0
  private readonly newlines = new NewlineNormalizer()
  /** Line number of the first character of `buffer`. */
  private bufferLine = 1
  private header: string[] | null = null
  private columns = new Map<CsvField, number>()
  private delimiter: string | undefined
  /** False for Web of Science tab-delimited exports, which never quote and may contain stray '"'. */
  private quoted = true
  private dialectKnown = false
  private recordCount = 0

  constructor(private readonly options: CsvParserOptions = {}) {
    this.delimiter = options.delimiter
  }

  push(text: string): CitationRecord[] {
    if (this.errors.length > 0 || text === '') return []
    const chunk = this.newlines.normalize(text)
    if (chunk.includes('\u0000')) {
      this.errors.push({ line: this.bufferLine, message: 'binary content (NUL character): not a text export' })
      return []
    }
    this.buffer += chunk
    if (!this.dialectKnown && this.buffer.includes('\n')) this.decideDialect(this.buffer.slice(0, this.buffer.indexOf('\n')))
    if (this.quoted) {
      for (let i = this.scanned; i < this.buffer.length; i++) {
        const code = this.buffer.charCodeAt(i)
        if (code === 34) this.inQuotes = !this.inQuotes
        else if (code === 10 && !this.inQuotes) this.safeEnd = i + 1
      }
    } else {
      this.safeEnd = this.buffer.lastIndexOf('\n') + 1
    }
    this.scanned = this.buffer.length
    if (this.safeEnd === 0) return []
    const ready = this.buffer.slice(0, this.safeEnd)
    this.buffer = this.buffer.slice(this.safeEnd)
    this.scanned -= this.safeEnd
    this.safeEnd = 0
    return this.parseRows(ready)
  }

  end(): CitationRecord[] {
    if (this.errors.length > 0) return []
    const rest = this.buffer
    this.buffer = ''
    const out = rest.trim() === '' ? [] : this.parseRows(rest.endsWith('\n') ? rest : `${rest}\n`)
    if (this.errors.length === 0 && this.recordCount === 0) {
      this.errors.push({ line: 1, message: this.header ? 'no csv records found (header only)' : 'the file is empty' })
    }
    return this.errors.length > 0 ? [] : out
  }

  /** Delimiter and quoting, from the header line; quote state is rescanned under the decision. */
  private decideDialect(headerLine: string): void {
    this.dialectKnown = true
    this.delimiter ??= guessCsvDelimiter(headerLine)
    this.quoted = !(this.delimiter === '\t' && /^PT\t/.test(headerLine))
    this.scanned = 0
    this.inQuotes = false
    this.safeEnd = 0
  }

  private parseRows(text: string): CitationRecord[] {
    const out: CitationRecord[] = []
    if (!this.dialectKnown) this.decideDialect(text.slice(0, text.indexOf('\n')))
    let countedTo = 0
    let line = this.bufferLine
    let rowStart = 0
    Papa.parse<string[]>(text, {
      delimiter: this.delimiter,
      // NUL never reaches here (refused above), so it can stand for "no quote character".
      quoteChar: this.quoted ? '"' : '\u0000',
      step: (result, parser) => {
        for (let i = countedTo; i < rowStart; i++) if (text.charCodeAt(i) === 10) line++
        countedTo = rowStart
        rowStart = result.meta.cursor
        const row = result.data
        if (this.errors.length > 0) return parser.abort()
        if (row.every((cell) => cell.trim() === '')) return
        for (const error of result.errors) this.warnings.push({ line, message: `CSV: ${error.message}` })
        if (this.header === null) this.acceptHeader(row, line)
        else {
          if (row.length !== this.header.length) {
            this.warnings.push({ line, message: `row has ${row.length} fields, the header has ${this.header.length}` })
          }
          this.recordCount++
          out.push(checkRecord(csvRowToRecord(row, this.columns, line), this.warnings))
        }
      },
    })
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.bufferLine++
    return this.errors.length > 0 ? [] : out
  }

  private acceptHeader(row: string[], line: number): void {
    this.header = row
    this.columns = resolveCsvColumns(row, this.options.columns)
    if (!this.columns.has('title') && !this.columns.has('doi')) {
      const names = row
        .slice(0, 8)
        .map((name) => `"${name.trim()}"`)
        .join(', ')
      this.errors.push({ line, message: `CSV header has no title or DOI column (found ${names}${row.length > 8 ? ', …' : ''}); give a column mapping` })
    }
  }
}
