import { describe, expect, it } from 'vitest'
import { RisParser, splitRisTagLine } from '@/core/citations/ris-parser'
import type { CitationRecord } from '@/core/citations/citation-record'

function parseRis(text: string) {
  const parser = new RisParser()
  const records: CitationRecord[] = [...parser.push(text), ...parser.end()]
  return { records, warnings: parser.warnings, errors: parser.errors }
}

describe('splitRisTagLine', () => {
  it('reads "XX  - value", tolerates one space for known tags, rejects prose', () => {
    expect(splitRisTagLine('TY  - JOUR')).toEqual({ tag: 'TY', value: 'JOUR' })
    expect(splitRisTagLine('ER  -')).toEqual({ tag: 'ER', value: '' })
    expect(splitRisTagLine('TY - JOUR')).toEqual({ tag: 'TY', value: 'JOUR' })
    expect(splitRisTagLine('A1  - Liu R.')).toEqual({ tag: 'A1', value: 'Liu R.' })
    expect(splitRisTagLine('UK - based cohort')).toBeNull()
    expect(splitRisTagLine('Oral Session 10 - Improving')).toBeNull()
    expect(splitRisTagLine('1.')).toBeNull()
  })
})

describe('RisParser', () => {
  it('maps the common tags of every dialect', () => {
    const { records, warnings } = parseRis(
      [
        'TY  - JOUR',
        'T1  - A <i>randomised</i> trial &amp; more',
        'A1  - Liu R.',
        'AU  - Adler, Douglas G',
        'Y1  - 2014/05/01/',
        'JF  - Endoscopic Ultrasound',
        'VL  - 3',
        'IS  - 3',
        'SP  - 152',
        'EP  - 160',
        'DO  - https://doi.org/10.4103/2303-9027.138783',
        'N2  - Abstract text',
        'KW  - cyst; ultrasound',
        'SN  - 2226-7190 (ISSN)',
        'UR  - http://example.org/x',
        'LA  - English',
        'U2  - L373791783',
        'ER  - ',
      ].join('\n'),
    )
    expect(warnings).toEqual([])
    expect(records).toEqual([
      {
        title: 'A randomised trial & more',
        authors: ['Liu, R.', 'Adler, Douglas G'],
        year: 2014,
        journal: 'Endoscopic Ultrasound',
        volume: '3',
        issue: '3',
        pages: '152-160',
        doi: '10.4103/2303-9027.138783',
        pmid: '',
        abstract: 'Abstract text',
        keywords: ['cyst', 'ultrasound'],
        url: 'http://example.org/x',
        type: 'JOUR',
        language: 'English',
        issn: '2226-7190',
        sourceId: 'L373791783',
        line: 1,
      },
    ])
  })

  it('continuation lines: new values for list tags, more text otherwise; blank lines inside a record ignored', () => {
    const { records } = parseRis(['TY  - JOUR', 'TI  - A long', 'title', '', 'KW  - one', 'two', '', 'three', 'AB  - First paragraph.', 'Second paragraph.', 'ER  - '].join('\r\n'))
    expect(records[0]?.title).toBe('A long title')
    expect(records[0]?.keywords).toEqual(['one', 'two', 'three'])
    expect(records[0]?.abstract).toBe('First paragraph.\nSecond paragraph.')
  })

  it('warns, with line numbers, about stray tags, ER without TY, a missing ER and a missing title', () => {
    const { records, warnings } = parseRis(['1.', 'NL  - before', 'TY  - JOUR', 'TI  - One', 'TY  - BOOK', 'ER  - ', 'ER  - ', 'TY  - JOUR', 'AU  - Doe, J'].join('\n'))
    expect(records.map((record) => [record.type, record.line])).toEqual([
      ['JOUR', 3],
      ['BOOK', 5],
      ['JOUR', 8],
    ])
    expect(warnings).toEqual([
      { line: 2, message: 'tag NL outside any record (ignored)' },
      { line: 3, message: 'record starting at line 3 has no ER before the next TY (line 5)' },
      { line: 5, message: 'record has no title' },
      { line: 7, message: 'ER without a TY (ignored)' },
      { line: 8, message: 'record starting at line 8 has no ER (end of file)' },
      { line: 8, message: 'record has no title' },
    ])
  })

  it('PMIDs from PubMed-sourced AN, Scopus C2 and PubMed URLs; never from a PMC id', () => {
    const { records } = parseRis(
      [
        'TY  - JOUR',
        'TI  - a',
        'AN  - 21553931',
        'DP  - NLM',
        'ER  - ',
        'TY  - JOUR',
        'TI  - b',
        'C2  - 31421429',
        'DB  - Scopus',
        'ER  - ',
        'TY  - JOUR',
        'TI  - c',
        'UR  - https://www.ncbi.nlm.nih.gov/pubmed/23162881',
        'ER  - ',
        'TY  - JOUR',
        'TI  - d',
        'AN  - 2214991469; 51887',
        'C2  - PMC12345',
        'ER  - ',
      ].join('\n'),
    )
    expect(records.map((record) => record.pmid)).toEqual(['21553931', '31421429', '23162881', ''])
    expect(records[3]?.sourceId).toBe('2214991469')
  })

  it('refuses binary content and files without any record', () => {
    expect(parseRis('TY  - JOUR\nTI  - a\u0000b\nER  - \n').errors).toEqual([{ line: 2, message: 'binary content (NUL character): not a text export' }])
    expect(parseRis('hello\nworld\n').errors).toEqual([{ line: 1, message: 'no ris records found' }])
    expect(parseRis('').errors).toEqual([{ line: 1, message: 'the file is empty' }])
  })
})
