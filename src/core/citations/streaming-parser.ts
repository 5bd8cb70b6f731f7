/**
 * One entry point for incremental parsing: `createStreamingParser(format)` gives a parser whose
 * `push(text)` returns the records completed so far and whose `end()` returns the rest. RIS,
 * MEDLINE, Web of Science, EndNote tagged and CSV are truly incremental; BibTeX and EndNote XML
 * are whole-file formats, so their parser keeps the text and parses it at `end()`.
 *
 * Example: detect with `sniffCitationBytes(firstBytes)`, then for each decoded chunk
 * `store(parser.push(chunk))`, finally `store(parser.end())` and report `parser.warnings`.
 */
import { InputError } from '../input-error'
import type { CitationFormat, CitationRecord, ParseIssue } from './citation-record'
import { parseBibtex } from './bibtex-parser'
import { CsvParser, type CsvParserOptions } from './csv-parser'
import { normalizeLineEnds } from './decode-text'
import { EndnoteTaggedParser } from './endnote-tagged-parser'
import { parseEndnoteXml } from './endnote-xml-parser'
import type { StreamingCitationParser } from './line-based-parser'
import { MedlineParser } from './medline-parser'
import { OvidParser } from './ovid-parser'
import { RisParser } from './ris-parser'
import { WosParser } from './wos-parser'

type WholeTextParse = (text: string) => { records: CitationRecord[]; warnings: ParseIssue[]; errors: ParseIssue[] }

/** Buffers the whole text for the formats that need it (BibTeX, XML). */
class WholeTextParser implements StreamingCitationParser {
  readonly warnings: ParseIssue[] = []
  readonly errors: ParseIssue[] = []
  private chunks: string[] = []

  constructor(
    readonly format: CitationFormat,
    private readonly parse: WholeTextParse,
  ) {}

  push(text: string): CitationRecord[] {
    this.chunks.push(text)
    return []
  }

  end(): CitationRecord[] {
    const text = normalizeLineEnds(this.chunks.join('')).replace(/^\ufeff/, '')
    this.chunks = []
    const result = this.parse(text)
    this.warnings.push(...result.warnings)
    this.errors.push(...result.errors)
    return result.errors.length > 0 ? [] : result.records
  }
}

export type StreamingParserOptions = CsvParserOptions

export function createStreamingParser(format: CitationFormat, options: StreamingParserOptions = {}): StreamingCitationParser {
  switch (format) {
    case 'ris':
      return new RisParser()
    case 'medline':
      return new MedlineParser()
    case 'ovid':
      return new OvidParser()
    case 'wos':
      return new WosParser()
    case 'endnote-tagged':
      return new EndnoteTaggedParser()
    case 'csv':
      return new CsvParser(options)
    case 'bibtex':
      return new WholeTextParser('bibtex', parseBibtex)
    case 'endnote-xml':
      return new WholeTextParser('endnote-xml', parseEndnoteXml)
    default:
      throw new InputError(`unknown citation format '${String(format)}'`)
  }
}
