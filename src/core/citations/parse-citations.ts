/**
 * Whole-file parsing: bytes (or text) in, `ParseResult` out. Decoding, format detection and the
 * format's parser are chained here; a file that cannot be read at all comes back with `errors`
 * naming the line and the reason and no records, never as an exception. Bytes are decoded and
 * parsed 1 MiB at a time, so the file is never held a second time as one string (BibTeX and XML
 * excepted, which need the whole text).
 *
 * Example: `parseCitations(fs.readFileSync('scopus.ris'))` gives
 * `{ format: 'ris', encoding: 'utf-8', records: [...92], warnings: [], errors: [] }`.
 */
import { InputError } from '../input-error'
import { citationFormats, type CitationFormat, type CitationRecord, type ParseResult } from './citation-record'
import type { CsvColumnMapping } from './csv-columns'
import { createStreamTextDecoder, detectEncoding } from './decode-text'
import { detectCitationFormat, sniffCitationText } from './detect-format'
import type { StreamingCitationParser } from './line-based-parser'
import { createStreamingParser } from './streaming-parser'

const sliceLength = 1 << 20
const detectionBytes = 1 << 18

export interface ParseCitationsOptions {
  /** Skip detection (a caller or user who knows better). */
  format?: CitationFormat
  /** Skip encoding detection for byte input ('utf-8', 'windows-1252', …). */
  encoding?: string
  /** CSV: record field -> header name, for CSVs whose headers are not recognised. */
  columns?: CsvColumnMapping
}

function refused(format: CitationFormat | null, encoding: string, line: number, message: string): ParseResult {
  return { format, encoding, records: [], warnings: [], errors: [{ line, message }] }
}

function finish(parser: StreamingCitationParser, encoding: string, records: CitationRecord[]): ParseResult {
  const { format, warnings, errors } = parser
  return { format, encoding, records: errors.length > 0 ? [] : records, warnings, errors }
}

export function parseCitations(input: Uint8Array | string, options: ParseCitationsOptions = {}): ParseResult {
  if (options.format !== undefined && !citationFormats.includes(options.format)) {
    throw new InputError(`unknown citation format '${String(options.format)}' (expected one of ${citationFormats.join(', ')})`)
  }
  const records: CitationRecord[] = []
  const take = (completed: CitationRecord[]) => {
    for (const record of completed) records.push(record)
  }
  if (typeof input === 'string') {
    const format = options.format ?? (options.columns ? 'csv' : detectCitationFormat(input))
    if (format === null) {
      const sniffed = sniffCitationText(input)
      return { format: null, encoding: 'utf-16', records: [], warnings: [], errors: sniffed.error ? [sniffed.error] : [] }
    }
    const parser = createStreamingParser(format, { columns: options.columns })
    for (let start = 0; start < input.length; start += sliceLength) take(parser.push(input.slice(start, start + sliceLength)))
    take(parser.end())
    return finish(parser, 'utf-16', records)
  }
  const detected = options.encoding ? { encoding: options.encoding } : detectEncoding(input, true)
  if (detected.encoding === 'binary') {
    const { binaryLine, binaryReason } = detected as { binaryLine?: number; binaryReason?: string }
    return refused(null, 'binary', binaryLine ?? 1, binaryReason ?? 'binary file')
  }
  const encoding = detected.encoding
  const headDecoder = createStreamTextDecoder(encoding)
  const head = headDecoder.decode(input.subarray(0, detectionBytes))
  const format = options.format ?? (options.columns ? 'csv' : detectCitationFormat(head))
  if (format === null) {
    const sniffed = sniffCitationText(head, encoding)
    return { format: null, encoding, records: [], warnings: [], errors: sniffed.error ? [sniffed.error] : [] }
  }
  const parser = createStreamingParser(format, { columns: options.columns })
  const decoder = createStreamTextDecoder(encoding)
  for (let start = 0; start < input.length; start += sliceLength) {
    take(parser.push(decoder.decode(input.subarray(start, start + sliceLength))))
  }
  take(parser.push(decoder.end()))
  take(parser.end())
  return finish(parser, encoding, records)
}
