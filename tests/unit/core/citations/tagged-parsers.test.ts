import { describe, expect, it } from 'vitest'
import { MedlineParser } from '@/core/citations/medline-parser'
import { WosParser } from '@/core/citations/wos-parser'
import { EndnoteTaggedParser } from '@/core/citations/endnote-tagged-parser'
import type { StreamingCitationParser } from '@/core/citations/line-based-parser'

function run(parser: StreamingCitationParser, text: string) {
  const records = [...parser.push(text), ...parser.end()]
  return { records, warnings: parser.warnings, errors: parser.errors }
}

describe('MedlineParser', () => {
  const nbib = [
    '',
    'PMID- 8692918',
    'DP  - 1996 Jul 9',
    'TI  - The structure of bovine F1-ATPase complexed with the antibiotic inhibitor ',
    '      aurovertin B.',
    'PG  - 6913-7',
    'LID - 10.1073/PNAS.93.14.6913 [doi]',
    'AB  - In the structure   of bovine',
    '      mitochondrial F1-ATPase.',
    'FAU - van Raaij, M J',
    'AU  - van Raaij MJ',
    'AU  - Abrahams JP',
    'IS  - 0027-8424 (Print)',
    'TA  - Proc Natl Acad Sci U S A',
    'JT  - Proceedings of the National Academy of Sciences',
    'MH  - Cattle',
    'MH  - Binding Sites',
    'OT  - aurovertin',
    '',
    'PMID- 21249755',
    'TI  - Peutz-Jeghers Syndrome',
    'BTI - Cancer Syndromes',
    'AU  - Riegert-Johnson D',
    'DP  - 2009',
  ].join('\n')

  it('joins continuation lines, prefers FAU, reads the [doi] id, and uses BTI as the book title', () => {
    const { records, warnings } = run(new MedlineParser(), nbib)
    expect(warnings).toEqual([])
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({
      title: 'The structure of bovine F1-ATPase complexed with the antibiotic inhibitor aurovertin B.',
      authors: ['van Raaij, M J'],
      year: 1996,
      journal: 'Proceedings of the National Academy of Sciences',
      pages: '6913-7',
      doi: '10.1073/pnas.93.14.6913',
      pmid: '8692918',
      abstract: 'In the structure of bovine mitochondrial F1-ATPase.',
      keywords: ['Cattle', 'Binding Sites', 'aurovertin'],
      issn: '0027-8424',
      sourceId: '8692918',
      line: 2,
    })
    expect(records[1]).toMatchObject({ title: 'Peutz-Jeghers Syndrome', journal: 'Cancer Syndromes', authors: ['Riegert-Johnson, D'], line: 20 })
  })

  it('a PMID line without a blank line before it still starts a new record', () => {
    const { records } = run(new MedlineParser(), 'PMID- 1\nTI  - a\nPMID- 2\nTI  - b\n')
    expect(records.map((record) => record.pmid)).toEqual(['1', '2'])
  })
})

describe('WosParser', () => {
  const wos = [
    '\ufeffFN Clarivate Analytics Web of Science',
    'VR 1.0',
    'PT J',
    'AU Stillman, AN',
    '   Siegel, RB',
    'AF Stillman, Andrew N. (andrew.stillman@uconn.edu) ',
    '   Siegel, Rodney B.',
    'TI Nest site selection and nest survival of Black-backed Woodpeckers after',
    '   wildfire.',
    'SO CONDOR',
    'DE fire; woodpecker;',
    '   nest survival',
    'PY 2019',
    'BP 1',
    'EP 12',
    'DI 10.1093/CONDOR/DUZ039',
    'PM 123456',
    'UT WOS:000481234500001',
    'DA 2020-01-11',
    'ER',
    '',
    'PT J',
    'TI Second',
    'ER',
    '',
    'EF',
  ].join('\n')

  it('reads header lines, 3-space continuations and list tags, strips e-mails, ignores the export date', () => {
    const { records, warnings } = run(new WosParser(), wos)
    expect(warnings).toEqual([])
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({
      title: 'Nest site selection and nest survival of Black-backed Woodpeckers after wildfire.',
      authors: ['Stillman, Andrew N.', 'Siegel, Rodney B.'],
      year: 2019,
      journal: 'CONDOR',
      pages: '1-12',
      doi: '10.1093/condor/duz039',
      pmid: '123456',
      keywords: ['fire', 'woodpecker', 'nest survival'],
      sourceId: 'WOS:000481234500001',
      line: 3,
    })
    expect(records[1]).toMatchObject({ title: 'Second', year: null, line: 22 })
  })

  it('warns about a tag outside a record and a missing ER', () => {
    const { records, warnings } = run(new WosParser(), 'FN x\nTI stray\nPT J\nTI a\n')
    expect(records).toHaveLength(1)
    expect(warnings).toEqual([
      { line: 2, message: 'tag TI outside any record (ignored)' },
      { line: 3, message: 'record starting at line 3 has no ER (end of file)' },
    ])
  })
})

describe('EndnoteTaggedParser', () => {
  it('reads %-tags in any order, blank-line separated records, multi-line keywords', () => {
    const text = [
      '%T How Trust Leads to Commitment',
      '%0 Journal Article',
      '%A Guo, Wenbo',
      '%A Straub, Detmar W.',
      '%J MIS Quarterly',
      '%D 2021',
      '%R 10.25300/MISQ/2021/15',
      '%K trust',
      'microsourcing',
      '%X An abstract.',
      '',
      '',
      '%T MISQ Volume 45, Issue 3 Table of Contents',
      '%8 September  1, 2021',
    ].join('\n')
    const { records, warnings } = run(new EndnoteTaggedParser(), text)
    expect(warnings).toEqual([])
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({
      type: 'Journal Article',
      title: 'How Trust Leads to Commitment',
      authors: ['Guo, Wenbo', 'Straub, Detmar W.'],
      journal: 'MIS Quarterly',
      year: 2021,
      doi: '10.25300/misq/2021/15',
      keywords: ['trust', 'microsourcing'],
      abstract: 'An abstract.',
      line: 1,
    })
    expect(records[1]).toMatchObject({ title: 'MISQ Volume 45, Issue 3 Table of Contents', year: 2021, line: 13 })
  })
})
