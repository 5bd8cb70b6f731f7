/**
 * `ferrite import <file>`: parses a citation export and prints a summary as one JSON object.
 * The file is streamed (sniff the first 64 KiB, then decode and parse 1 MiB at a time), so a
 * 150 MB RIS export is read without holding it, or its records, in memory.
 */
import fs from 'node:fs'
import type { Command } from './command'
import { parseCommandLine, UsageError } from './command'
import { citationFormats, type CitationFormat, type CitationRecord, type ParseIssue } from '@/core/citations/citation-record'
import { csvFieldNames, type CsvColumnMapping, type CsvField } from '@/core/citations/csv-columns'
import { createStreamTextDecoder, detectEncoding } from '@/core/citations/decode-text'
import { sniffCitationBytes } from '@/core/citations/detect-format'
import { createStreamingParser } from '@/core/citations/streaming-parser'

export interface ReadCitationFileOptions {
  format?: CitationFormat
  encoding?: string
  columns?: CsvColumnMapping
}

export interface CitationFileSummary {
  format: CitationFormat | null
  encoding: string
  records: number
  warnings: ParseIssue[]
  errors: ParseIssue[]
}

const chunkSize = 1 << 20

/** Streams a file through the core parsers, handing each record to `onRecord` as it completes. */
export function readCitationFile(path: string, options: ReadCitationFileOptions, onRecord: (record: CitationRecord) => void): CitationFileSummary {
  let fd: number
  try {
    fd = fs.openSync(path, 'r')
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`)
  }
  try {
    const buffer = new Uint8Array(chunkSize)
    let length = fs.readSync(fd, buffer, 0, chunkSize, null)
    const head = buffer.subarray(0, length)
    const sniffed = sniffCitationBytes(head.subarray(0, 65536))
    const encoding = options.encoding ?? (sniffed.encoding === 'binary' ? 'binary' : detectEncoding(head).encoding)
    const format = options.format ?? (options.columns ? 'csv' : sniffed.format)
    if (encoding === 'binary' || format === null) {
      const error = sniffed.error ?? { line: 1, message: 'binary file' }
      return { format: null, encoding, records: 0, warnings: [], errors: [error] }
    }
    const decoder = createStreamTextDecoder(encoding)
    const parser = createStreamingParser(format, { columns: options.columns })
    let records = 0
    const take = (completed: CitationRecord[]): void => {
      records += completed.length
      for (const record of completed) onRecord(record)
    }
    while (length > 0 && parser.errors.length === 0) {
      take(parser.push(decoder.decode(buffer.subarray(0, length))))
      length = fs.readSync(fd, buffer, 0, chunkSize, null)
    }
    take(parser.push(decoder.end()))
    take(parser.end())
    return { format, encoding, records, warnings: parser.warnings, errors: parser.errors }
  } finally {
    fs.closeSync(fd)
  }
}

/** Parses `--column title=Article Name` options into a CSV column mapping. */
export function parseColumnOption(value: string, mapping: CsvColumnMapping): void {
  const equals = value.indexOf('=')
  const field = value.slice(0, equals).trim() as CsvField
  if (equals <= 0 || value.slice(equals + 1).trim() === '') throw new UsageError(`--column expects field=Header, got '${value}'`)
  if (!csvFieldNames.includes(field)) throw new UsageError(`--column: unknown field '${field}' (one of ${csvFieldNames.join(', ')})`)
  mapping[field] = value.slice(equals + 1).trim()
}

export function parseFormatOption(value: string | undefined): CitationFormat {
  if (!value || !citationFormats.includes(value as CitationFormat)) {
    throw new UsageError(`--format must be one of ${citationFormats.join(', ')}`)
  }
  return value as CitationFormat
}

export const command: Command = {
  summary: 'Parse a citation export (RIS, MEDLINE/nbib, Web of Science, EndNote, BibTeX, CSV) and summarise it',
  usage: 'import <file> [--json-records] [--format ris|medline|ovid|wos|endnote-tagged|bibtex|endnote-xml|csv] [--encoding E] [--column field=Header]...',
  async run(args) {
    const { values, positionals } = parseCommandLine(
      args,
      { 'json-records': { type: 'boolean' }, format: { type: 'string' }, encoding: { type: 'string' }, column: { type: 'string', multiple: true } },
      { max: 1 },
    )
    const file = positionals[0]
    if (file === undefined) throw new UsageError(`usage: ferrite ${command.usage}`)
    const jsonRecords = values['json-records'] ?? false
    const options: ReadCitationFileOptions = {}
    if (values.format !== undefined) options.format = parseFormatOption(values.format)
    if (values.encoding !== undefined) options.encoding = values.encoding
    const columns: CsvColumnMapping = {}
    for (const c of values.column ?? []) parseColumnOption(c, columns)
    if (Object.keys(columns).length > 0) options.columns = columns
    let withAbstract = 0
    let withDoi = 0
    const items: object[] = []
    const summary = readCitationFile(file, options, (record) => {
      if (record.abstract !== '') withAbstract++
      if (record.doi !== '') withDoi++
      if (jsonRecords) {
        const { title, authors, year, journal, doi, pmid, abstract } = record
        items.push({ title, authors, year, journal, doi, pmid, abstract })
      }
    })
    // A refused file imports nothing, even if records were completed before the fault was found.
    const refused = summary.errors.length > 0
    const output = {
      format: summary.format,
      encoding: summary.encoding,
      records: refused ? 0 : summary.records,
      with_abstract: refused ? 0 : withAbstract,
      with_doi: refused ? 0 : withDoi,
      errors: summary.errors,
      warnings: summary.warnings,
      ...(jsonRecords ? { items: refused ? [] : items } : {}),
    }
    process.stdout.write(JSON.stringify(output) + '\n')
    const error = summary.errors[0]
    if (error) {
      process.stderr.write(`ferrite: ${file}: line ${error.line}: ${error.message}\n`)
      return 2
    }
    return 0
  },
}
