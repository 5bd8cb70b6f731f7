import { describe, expect, it } from 'vitest'
import { parseBibtex } from '@/core/citations/bibtex-parser'
import { splitBibtexAuthors } from '@/core/citations/bibtex-names'
import { parseEndnoteXml } from '@/core/citations/endnote-xml-parser'

describe('parseBibtex', () => {
  it('handles header lines, spaces in keys, double braces, hyphenated names, macros, quotes and #', () => {
    const text = [
      'Scopus',
      'EXPORT DATE: 13 January 2017',
      '',
      '@string{jasa = "Journal of the American Statistical Association"}',
      '@comment{ignore @article{not, title={me}} }',
      '@article{ ISI:000186671900002,',
      'Author = {Lee, B and Critchlow, T and M{\\"u}ller, Hans',
      '   and {World Health Organization}},',
      'Title = {{The framework for {\\&} approximate queries}},',
      'Journal = jasa # " (Series " # {A} # ")",',
      'Year = 2003,',
      'Pages = {3--20},',
      'Month = dec,',
      'Usage-Count-(Last-180-days) = {{1}},',
      'DOI = {{10.1016/S0020-0255(03)00185-3}},',
      'Keywords = {approximate query; multi-resolution index},',
      'pubmed_id = {12345},',
      'Unique-ID = {{ISI:000186671900002}},',
      '}',
      '',
      '@BOOK{Iorio2015149,',
      "author={Iorio, C.a  b , Aria, M.a  b , D'Ambrosio, A.a  b },",
      'title="A new proposal for {T}ree model selection",',
      'year={2015}}',
    ].join('\n')
    const { records, warnings, errors } = parseBibtex(text)
    expect(errors).toEqual([])
    expect(warnings).toEqual([])
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({
      type: 'article',
      title: 'The framework for & approximate queries',
      authors: ['Lee, B', 'Critchlow, T', 'Müller, Hans', 'World Health Organization'],
      journal: 'Journal of the American Statistical Association (Series A)',
      year: 2003,
      pages: '3-20',
      doi: '10.1016/s0020-0255(03)00185-3',
      pmid: '12345',
      keywords: ['approximate query', 'multi-resolution index'],
      sourceId: 'ISI:000186671900002',
      line: 6,
    })
    expect(records[1]).toMatchObject({
      type: 'book',
      title: 'A new proposal for Tree model selection',
      authors: ['Iorio, C.', 'Aria, M.', "D'Ambrosio, A."],
      year: 2015,
      sourceId: 'Iorio2015149',
      line: 21,
    })
  })

  it('first-last names and the comma forms BibTeX allows', () => {
    expect(splitBibtexAuthors('John Smith and Ludwig van Beethoven and others')).toEqual(['Smith, John', 'van Beethoven, Ludwig'])
    expect(splitBibtexAuthors('Wang, PP')).toEqual(['Wang, PP'])
    expect(splitBibtexAuthors('Siciliano, R., D’Ambrosio, A., Aria, M., Amodio, S.')).toEqual(['Siciliano, R.', 'D’Ambrosio, A.', 'Aria, M.', 'Amodio, S.'])
  })

  it('an entry whose braces never close is skipped with a warning; the next entry is still read', () => {
    const { records, warnings } = parseBibtex('@article{a,\ntitle={Broken {title},\nyear=2001}\n@article{b,\ntitle={Fine},\n}\n')
    expect(records.map((record) => record.title)).toEqual(['Fine'])
    expect(warnings).toEqual([{ line: 1, message: "@article entry 'a' is malformed or not closed (skipped)" }])
  })

  it('refuses text without entries', () => {
    expect(parseBibtex('just words').errors).toEqual([{ line: 1, message: 'no BibTeX entries found' }])
  })
})

describe('parseEndnoteXml', () => {
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xml><records>',
    '<record><ref-type name="Journal Article">17</ref-type>',
    '<contributors><authors><author><style face="normal" font="default" size="100%">Hancké, Bob</style></author>',
    '<author>Rhodes, Martin</author></authors></contributors>',
    '<titles><title><style face="normal" font="default" size="100%">Beyond </style><style face="italic">varieties</style></title>',
    '<secondary-title>Socio-Economic Review</secondary-title></titles>',
    '<periodical><full-title>Socio-Economic Review</full-title></periodical>',
    '<pages>1-20</pages><volume>5</volume><number>2</number>',
    '<dates><year>2007</year></dates>',
    '<electronic-resource-num>DOI: 10.1093/SER/MWL001</electronic-resource-num>',
    '<accession-num>17234567</accession-num><remote-database-name>PubMed</remote-database-name>',
    '<abstract>An &lt;i&gt;abstract&lt;/i&gt; &amp; more.</abstract>',
    '<keywords><keyword>capitalism</keyword><keyword>Europe</keyword></keywords>',
    '<urls><related-urls><url>https://example.org/a</url></related-urls></urls>',
    '</record>',
    '</records></xml>',
  ].join('\n')

  it('reads text inside <style> wrappers, attributes, PubMed accession numbers', () => {
    const { records, errors } = parseEndnoteXml(xml)
    expect(errors).toEqual([])
    expect(records).toEqual([
      {
        title: 'Beyond varieties',
        authors: ['Hancké, Bob', 'Rhodes, Martin'],
        year: 2007,
        journal: 'Socio-Economic Review',
        volume: '5',
        issue: '2',
        pages: '1-20',
        doi: '10.1093/ser/mwl001',
        pmid: '17234567',
        abstract: 'An abstract & more.',
        keywords: ['capitalism', 'Europe'],
        url: 'https://example.org/a',
        type: 'Journal Article',
        language: '',
        issn: '',
        sourceId: '17234567',
        line: 3,
      },
    ])
  })

  it('a truncated document is refused with the line where the XML parser stopped', () => {
    const truncated = xml.slice(0, xml.indexOf('<pages>'))
    const result = parseEndnoteXml(truncated)
    expect(result.records).toEqual([])
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toEqual({
      line: 8,
      message: 'truncated XML: <xml>, <records>, <record> not closed at the end of the file',
    })
    const mismatched = parseEndnoteXml('<xml><records>\n<record>\n<title>T</titles>\n</record></records></xml>')
    expect(mismatched.errors[0]?.line).toBe(3)
    expect(mismatched.errors[0]?.message).toMatch(/^malformed XML: /)
  })
})
