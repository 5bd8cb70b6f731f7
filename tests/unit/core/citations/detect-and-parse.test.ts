import { InputError } from '@/core/input-error'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { detectCitationFormat, sniffCitationBytes } from '@/core/citations/detect-format'
import { parseCitations } from '@/core/citations/parse-citations'
import { createStreamingParser } from '@/core/citations/streaming-parser'
import { decodeBytes } from '@/core/citations/decode-text'
import type { CitationRecord } from '@/core/citations/citation-record'
import { importsAvailable, readImport, skipReason } from './import-fixtures'

describe('detectCitationFormat (content, not extension)', () => {
  it.each([
    ['TY  - JOUR\nTI  - x\nER  - \n', 'ris'],
    ['\n\n1.\nTY  - JOUR\nER  - \n', 'ris'],
    ['TY - JOUR\nER - \n', 'ris'],
    ['\nPMID- 16403221\nOWN - NLM\n', 'medline'],
    ['TI  - A title\n      continued\nFAU - Doe, J\nDP  - 2001\n', 'medline'],
    ['\ufeffFN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n', 'wos'],
    ['PT J\nAU Doe, J\nER\n', 'wos'],
    ['%T Title first\n%0 Journal Article\n', 'endnote-tagged'],
    ['Scopus\nEXPORT DATE: 13 January 2017\n\n@ARTICLE{k,\n}', 'bibtex'],
    ['<?xml version="1.0"?>\n<xml><records><record></record></records></xml>', 'endnote-xml'],
    ['"PMID","Title","Authors","DOI"\n"1","x","y","z"\n', 'csv'],
    ['Title;Author Names;Source\nx;y;z\n', 'csv'],
    ['PT\tAU\tTI\tSO\tPY\nJ\tDoe, J\tA title\tJ X\t2001\n', 'csv'],
  ])('%j is %s', (text, format) => expect(detectCitationFormat(text)).toBe(format))

  it('unknown text and binary bytes are refused with a line and a reason', () => {
    expect(detectCitationFormat('Dear colleague,\nplease find attached…\n')).toBeNull()
    expect(sniffCitationBytes(new Uint8Array(Buffer.from('\n\nDear colleague,\n'))).error).toEqual({
      line: 3,
      message: 'unrecognised format: expected RIS, PubMed MEDLINE/nbib, Ovid tagged, Web of Science, EndNote tagged or XML, BibTeX, or CSV with citation columns',
    })
    expect(sniffCitationBytes(new Uint8Array(Buffer.from('%PDF-1.4\n%âãÏÓ\n')))).toEqual({
      format: null,
      encoding: 'binary',
      error: { line: 1, message: 'binary file: a PDF document' },
    })
  })

  it('sniffs encoding and format of a UTF-16 export from its first bytes', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('TY  - JOUR\r\nTI  - Zürich\r\nER  - \r\n', 'utf16le')]))
    expect(sniffCitationBytes(bytes)).toEqual({ format: 'ris', encoding: 'utf-16le' })
    expect(parseCitations(bytes).records[0]?.title).toBe('Zürich')
  })
})

describe('parseCitations', () => {
  it('returns errors (never throws) for files that cannot be read, and no records', () => {
    expect(parseCitations(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toEqual({
      format: null,
      encoding: 'binary',
      records: [],
      warnings: [],
      errors: [{ line: 1, message: 'binary file: a ZIP archive (an .xlsx, .docx or zipped export?)' }],
    })
    expect(parseCitations('<?xml version="1.0"?>\n<xml><records><record><titles>').errors[0]?.message).toMatch(/^truncated XML/)
    expect(parseCitations('').errors).toEqual([{ line: 1, message: 'the file is empty' }])
  })

  it('an explicit format overrides detection; an unknown one is an InputError', () => {
    expect(parseCitations('TY  - JOUR\nTI  - x\nER  - \n', { format: 'bibtex' }).errors).toEqual([{ line: 1, message: 'no BibTeX entries found' }])
    expect(parseCitations('@article{k, title={x}}', { format: 'wos' }).errors).toEqual([{ line: 1, message: 'no wos records found' }])
    expect(() => parseCitations('x', { format: 'docx' as never })).toThrow(InputError)
  })

  it('Windows-1252 RIS bytes decode to the right characters', () => {
    const bytes = new Uint8Array(iconv.encode('TY  - JOUR\r\nTI  - Café “Zürich” – naïve\r\nER  - \r\n', 'windows-1252'))
    const result = parseCitations(bytes)
    expect(result.encoding).toBe('windows-1252')
    expect(result.records[0]?.title).toBe('Café “Zürich” – naïve')
  })
})

const streamable = [
  'asreview___baseline.ris',
  'asreview__ovid_psycinfo.ris',
  'asreview__ris_issue_992.txt',
  'asreview__ris_issue_1099.txt',
  'asreview__embase.csv',
  'colrev__pubmed-chatbot.csv',
  'biopython__pubmed_result2.txt',
  'synthesisr__zoorec.txt',
  'rispy__example_wos.ris',
  'colrev__ais_enl.txt',
]

describe.skipIf(!importsAvailable)(`streaming equals whole-file parsing (${importsAvailable ? 'real files' : skipReason})`, () => {
  it.each(streamable)('%s: records and warnings do not depend on where the text is cut', (name) => {
    const { text } = decodeBytes(readImport(name))
    const whole = parseCitations(text)
    const format = whole.format
    if (format === null) throw new Error('not detected')
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { minLength: 1, maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), text.length]
        const parser = createStreamingParser(format)
        const records: CitationRecord[] = []
        for (let i = 1; i < points.length; i++) records.push(...parser.push(text.slice(points[i - 1], points[i])))
        records.push(...parser.end())
        expect(records).toEqual(whole.records)
        expect(parser.warnings).toEqual(whole.warnings)
      }),
      { numRuns: 25 },
    )
  })
})
