import { describe, expect, it } from 'vitest'
import { CsvParser, guessCsvDelimiter } from '@/core/citations/csv-parser'
import type { CsvParserOptions } from '@/core/citations/csv-parser'

function run(text: string, options?: CsvParserOptions, chunk = Infinity) {
  const parser = new CsvParser(options)
  const records = []
  for (let i = 0; i < text.length; i += Math.min(chunk, text.length)) records.push(...parser.push(text.slice(i, i + chunk)))
  records.push(...parser.end())
  return { records, warnings: parser.warnings, errors: parser.errors }
}

const scopus = [
  '\ufeffAuthors,Author full names,Title,Year,Source title,Volume,Issue,Art. No.,Page start,Page end,DOI,Link,Abstract,Author Keywords,PubMed ID,Document Type,EID',
  '"Tingley M.W.; Stillman A.N.","Tingley, Morgan W. (7005404125); Stillman, Andrew N. (57195)","Black-backed woodpecker occupancy",2020,"Forest Ecology and Management",455,,117694,,,10.1016/j.foreco.2019.117694,https://www.scopus.com/x,"First line of the abstract,',
  'second line ""quoted"".",occupancy; fire,31234567,Article,2-s2.0-85073',
  '',
  '"Siegel R.B.","Siegel, Rodney B.","Second title",2019,"Condor",121,3,,1,12,,,,,,Article,2-s2.0-1',
].join('\r\n')

describe('CsvParser', () => {
  it('reads Scopus columns, quoted multi-line fields and doubled quotes, with the line each row starts on', () => {
    const { records, warnings, errors } = run(scopus)
    expect(errors).toEqual([])
    expect(warnings).toEqual([])
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({
      title: 'Black-backed woodpecker occupancy',
      authors: ['Tingley, M.W.', 'Stillman, A.N.'],
      year: 2020,
      journal: 'Forest Ecology and Management',
      volume: '455',
      doi: '10.1016/j.foreco.2019.117694',
      pmid: '31234567',
      abstract: 'First line of the abstract,\nsecond line "quoted".',
      keywords: ['occupancy', 'fire'],
      type: 'Article',
      sourceId: '2-s2.0-85073',
      line: 2,
    })
    expect(records[1]).toMatchObject({ title: 'Second title', pages: '1-12', issue: '3', line: 5 })
  })

  it('gives the same records whatever the chunk size, quoted newlines split across chunks included', () => {
    const whole = run(scopus).records
    for (const chunk of [1, 2, 3, 7, 50, 333]) expect(run(scopus, {}, chunk).records).toEqual(whole)
    const parser = new CsvParser()
    const pieces = ['Title,Year\r', '', '\nA,2001\r', '', '\nB,2002']
    const records = pieces.flatMap((piece) => parser.push(piece)).concat(parser.end())
    expect(records.map((record) => [record.title, record.line])).toEqual([
      ['A', 2],
      ['B', 3],
    ])
  })

  it('semicolon and tab delimiters are taken from the header line', () => {
    expect(guessCsvDelimiter('Title;Authors;"Year;x"')).toBe(';')
    expect(guessCsvDelimiter('Title\tAuthors\tYear')).toBe('\t')
    const { records } = run('Title;Authors;Publication Year\nA study;Doe J;2001\n')
    expect(records[0]).toMatchObject({ title: 'A study', authors: ['Doe, J'], year: 2001 })
  })

  it('Lens and IEEE Xplore headers', () => {
    const lens = run(
      'Lens ID,Title,Publication Year,Source Title,Author/s,Issue Number,Start Page,End Page,ISSNs,External URL,PMID,DOI\n' +
        '000-1,A study,2020,Journal X,Jane Doe; Ludwig van Beethoven,4,10,20,1234-5678,https://x.org/a,123,10.1000/a\n',
    ).records[0]
    expect(lens).toMatchObject({
      title: 'A study',
      year: 2020,
      journal: 'Journal X',
      authors: ['Doe, Jane', 'van Beethoven, Ludwig'],
      issue: '4',
      pages: '10-20',
      issn: '1234-5678',
      url: 'https://x.org/a',
      pmid: '123',
      doi: '10.1000/a',
      sourceId: '000-1',
    })
    const ieee = run(
      '"Document Title","Authors","Publication Title","Publication Year","Start Page","End Page","Abstract","DOI","PDF Link","Author Keywords"\n' +
        '"Deep nets","A. Smith; B. Jones","IEEE Access","2021","1","9","Text.","10.1109/ACCESS.2021.1","https://ieeexplore.ieee.org/x","nets;learning"\n',
    ).records[0]
    expect(ieee).toMatchObject({
      title: 'Deep nets',
      authors: ['Smith, A.', 'Jones, B.'],
      journal: 'IEEE Access',
      year: 2021,
      pages: '1-9',
      doi: '10.1109/access.2021.1',
      keywords: ['nets', 'learning'],
    })
  })

  it('Web of Science tab-delimited: WoS field tags as headers, no quoting, stray quotes kept', () => {
    const tsv = [
      'PT\tAU\tAF\tTI\tSO\tDE\tAB\tPY\tVL\tBP\tEP\tDI\tPM\tUT',
      'J\tAlceste, F; Luke, TJ\tAlceste, Fabiana; Luke, Timothy J.\t"Holding Yourself Captive\tJ APPL RES MEM COGN\tcustody; interview\tA "reasonable person" test.\t2018\t7\t387\t397\t10.1016/j.jarmac.2018.03.001\t\tWOS:000444108200009',
      'J\tAppleby, SC\t\tSecond\tLAW HUMAN BEHAV\t\t\t2019\t\t\t\t\t31234567\tWOS:1',
    ].join('\r\n')
    for (const chunk of [Infinity, 5]) {
      const { records, errors, warnings } = run(tsv, {}, chunk)
      expect(errors).toEqual([])
      expect(warnings).toEqual([])
      expect(records).toHaveLength(2)
      expect(records[0]).toMatchObject({
        title: '"Holding Yourself Captive',
        authors: ['Alceste, F', 'Luke, TJ'],
        journal: 'J APPL RES MEM COGN',
        abstract: 'A "reasonable person" test.',
        pages: '387-397',
        doi: '10.1016/j.jarmac.2018.03.001',
        sourceId: 'WOS:000444108200009',
        line: 2,
      })
      expect(records[1]).toMatchObject({ title: 'Second', pmid: '31234567', year: 2019, line: 3 })
    }
  })

  it('an explicit column mapping reads any CSV; without one an unknown header is refused', () => {
    const text = 'Name of paper,Writers,When,Identifier\nA study,"Jane Doe; John Smith",1999,doi:10.1000/ABC\n'
    expect(run(text).errors).toEqual([{ line: 1, message: 'CSV header has no title or DOI column (found "Name of paper", "Writers", "When", "Identifier"); give a column mapping' }])
    const mapped = run(text, { columns: { title: 'Name of paper', authors: 'writers', year: 'When', doi: 'Identifier' } })
    expect(mapped.errors).toEqual([])
    expect(mapped.records[0]).toMatchObject({ title: 'A study', authors: ['Doe, Jane', 'Smith, John'], year: 1999, doi: '10.1000/abc' })
  })

  it('warns about rows whose field count differs from the header and about rows without a title', () => {
    const { records, warnings } = run('Title,Year\nA,2001,extra\n,2002\n')
    expect(records).toHaveLength(2)
    expect(warnings).toEqual([
      { line: 2, message: 'row has 3 fields, the header has 2' },
      { line: 3, message: 'record has no title' },
    ])
  })

  it('a header without rows and an empty text are refused', () => {
    expect(run('Title,Year\n').errors).toEqual([{ line: 1, message: 'no csv records found (header only)' }])
    expect(run('').errors).toEqual([{ line: 1, message: 'the file is empty' }])
  })
})
