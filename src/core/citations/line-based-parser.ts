/**
 * The incremental parser contract shared by every format, and the base of the line-based ones
 * (RIS, MEDLINE, WoS tagged, EndNote tagged). A caller pushes decoded text in chunks of any size
 * and receives the records completed so far, so a 150 MB export never has to be held in memory.
 */
import type { CitationFormat, CitationRecord, ParseIssue } from './citation-record'
import { LineSplitter } from './line-splitter'

export interface StreamingCitationParser {
  readonly format: CitationFormat
  /** Malformed records and stray lines, in file order. */
  readonly warnings: ParseIssue[]
  /**
   * Non-empty once the input was refused as a whole (binary content, no record of the format…);
   * from then on no more records are produced, and records handed out earlier must be discarded
   * by the caller, as the file is refused as a whole.
   */
  readonly errors: ParseIssue[]
  /** Records completed by this chunk (possibly none). */
  push(text: string): CitationRecord[]
  /** Records completed by the end of the input. */
  end(): CitationRecord[]
}

/** Tag -> values of one record, in file order. */
export type TaggedFields = Record<string, string[]>

export function newTaggedFields(): TaggedFields {
  return Object.create(null) as TaggedFields
}

/** First non-empty value among the tags, in the order given. */
export function firstValue(fields: TaggedFields, ...tags: string[]): string {
  for (const tag of tags) {
    const values = fields[tag]
    if (values) {
      for (const value of values) if (value !== '') return value
    }
  }
  return ''
}

/** Every non-empty value of the tags, in the order given. */
export function allValues(fields: TaggedFields, ...tags: string[]): string[] {
  const out: string[] = []
  for (const tag of tags) {
    const values = fields[tag]
    if (values) for (const value of values) if (value !== '') out.push(value)
  }
  return out
}

export abstract class LineBasedParser implements StreamingCitationParser {
  abstract readonly format: CitationFormat
  readonly warnings: ParseIssue[] = []
  readonly errors: ParseIssue[] = []
  private readonly splitter = new LineSplitter()
  private recordCount = 0
  private firstContentLine = 0
  private out: CitationRecord[] = []

  /** Handles one line (without its line end); completed records go through `emit`. */
  protected abstract handleLine(line: string, lineNumber: number): void
  /** Closes the record still open at the end of the input. */
  protected abstract finish(lastLine: number): void

  protected emit(record: CitationRecord): void {
    this.recordCount++
    this.out.push(record)
  }

  protected warn(line: number, message: string): void {
    this.warnings.push({ line, message })
  }

  /** Set while a chunk that contains a NUL character is being split, to find its line. */
  private chunkHasNul = false

  private readonly onLine = (line: string, lineNumber: number): void => {
    if (this.errors.length > 0) return
    if (this.firstContentLine === 0 && line.trim() !== '') this.firstContentLine = lineNumber
    if (this.chunkHasNul && line.includes('\u0000')) {
      this.errors.push({ line: lineNumber, message: 'binary content (NUL character): not a text export' })
      return
    }
    this.handleLine(line, lineNumber)
  }

  private take(): CitationRecord[] {
    if (this.errors.length > 0) return []
    const out = this.out
    this.out = []
    return out
  }

  push(text: string): CitationRecord[] {
    // A NUL may also sit in the unfinished last line of an earlier chunk, hence the sticky flag.
    if (text.includes('\u0000')) this.chunkHasNul = true
    if (this.errors.length === 0) this.splitter.push(text, this.onLine)
    return this.take()
  }

  end(): CitationRecord[] {
    if (this.errors.length === 0) {
      this.splitter.end(this.onLine)
      if (this.errors.length === 0) this.finish(this.splitter.lineNumber)
    }
    if (this.errors.length === 0 && this.recordCount === 0) {
      const line = Math.max(this.firstContentLine, 1)
      this.errors.push({ line, message: this.firstContentLine === 0 ? 'the file is empty' : `no ${this.format} records found` })
    }
    return this.take()
  }
}
