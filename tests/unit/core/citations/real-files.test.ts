import { describe, expect, it } from 'vitest'
import { parseCitations } from '@/core/citations/parse-citations'
import type { CitationFormat, ParseResult } from '@/core/citations/citation-record'
import { importsAvailable, readExpected, readImport, skipReason } from './import-fixtures'

/**
 * Exact record counts, established by reading each file: the number of TY/ER pairs (RIS), PMID
 * lines (MEDLINE), PT…ER blocks (WoS), blank-line separated %-blocks (EndNote tagged: six, of which
 * only two have %0), @entries (BibTeX), <record> elements (XML) and CSV rows (quoted multi-line
 * fields counted once). DOI counts are the number of records carrying a DO/DI/doi field.
 */
const files: { name: string; format: CitationFormat; records: number; dois?: number }[] = [
  { name: 'asreview___baseline.ris', format: 'ris', records: 100, dois: 100 },
  { name: 'asreview__embase.csv', format: 'csv', records: 6, dois: 6 },
  { name: 'asreview__embase.ris', format: 'ris', records: 6, dois: 6 },
  { name: 'asreview__ovid_psycinfo.ris', format: 'ris', records: 6, dois: 6 },
  { name: 'asreview__ovid_zotero.ris', format: 'ris', records: 6, dois: 6 },
  { name: 'asreview__proquest.ris', format: 'ris', records: 6, dois: 6 },
  { name: 'asreview__pubmed_endnote.txt', format: 'ris', records: 6, dois: 6 },
  { name: 'asreview__pubmed_zotero.ris', format: 'ris', records: 6, dois: 6 },
  { name: 'asreview__ris_issue_1099.txt', format: 'ris', records: 7, dois: 4 },
  { name: 'asreview__ris_issue_992.txt', format: 'ris', records: 19, dois: 3 },
  { name: 'asreview__scopus.ris', format: 'ris', records: 6, dois: 6 },
  { name: 'asreview__web_of_science.txt', format: 'ris', records: 10, dois: 10 },
  { name: 'bibliometrix__savedrecs.bib', format: 'bibtex', records: 377, dois: 363 },
  { name: 'bibliometrix__scopus.bib', format: 'bibtex', records: 46, dois: 41 },
  { name: 'biopython__pubmed_result2.txt', format: 'medline', records: 4, dois: 3 },
  { name: 'colrev__ais_enl.txt', format: 'endnote-tagged', records: 6, dois: 0 },
  { name: 'colrev__pubmed-chatbot.csv', format: 'csv', records: 6, dois: 6 },
  { name: 'rispy__example_wos.ris', format: 'wos', records: 2, dois: 2 },
  { name: 'synthesisr__scopus.ris', format: 'ris', records: 92, dois: 82 },
  { name: 'synthesisr__zoorec.txt', format: 'wos', records: 134, dois: 27 },
  { name: 'zotero-translators__EndnoteXML_testcase0.xml', format: 'endnote-xml', records: 9, dois: 0 },
  { name: 'zotero-translators__MEDLINEnbib_testcase1.nbib', format: 'medline', records: 2, dois: 0 },
]

const parsed = new Map<string, ParseResult>()
function parse(name: string): ParseResult {
  let result = parsed.get(name)
  if (!result) {
    result = parseCitations(readImport(name))
    parsed.set(name, result)
  }
  return result
}
const titles = (result: ParseResult) => result.records.map((record) => record.title)
const dois = (result: ParseResult) => result.records.map((record) => record.doi)
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

describe.skipIf(!importsAvailable)(`real exports (${importsAvailable ? 'found' : skipReason})`, () => {
  it.each(files)('$name: detected as $format with exactly $records records and $dois DOIs', ({ name, format, records, dois: doiCount }) => {
    const result = parse(name)
    expect(result.errors).toEqual([])
    expect(result.format).toBe(format)
    expect(result.records).toHaveLength(records)
    expect(result.records.every((record) => record.title !== '')).toBe(true)
    expect(result.records.filter((record) => record.doi !== '')).toHaveLength(doiCount ?? 0)
    for (const record of result.records) {
      expect(JSON.stringify(record)).not.toMatch(/\\r|\ufeff/)
      if (record.doi) expect(record.doi).toMatch(/^10\.\d+\/\S+$/)
      if (record.pmid) expect(record.pmid).toMatch(/^\d+$/)
    }
  })

  it('baseline RIS: BOM and CRLF removed, wrapped AB lines kept in the abstract', () => {
    const result = parse('asreview___baseline.ris')
    expect(result.encoding).toBe('utf-8')
    expect(result.records[0]?.line).toBe(1)
    expect(result.records[0]?.type).toBe('JOUR')
    const wrapped = result.records.find((record) => record.abstract.startsWith('Background: The European Academy of Allergy'))
    expect(wrapped?.abstract).toContain('Methods: We undertook a systematic overview')
    expect(wrapped?.line).toBe(330)
  })

  it('Ovid: "1." lines skipped, http://dx.doi.org DOIs normalised, Y1 2019//, N2 as abstract, NL after ER warned', () => {
    const result = parse('asreview__ovid_psycinfo.ris')
    const first = result.records[0]
    expect(first?.line).toBe(2)
    expect(first?.doi).toBe('10.1002/cpp.2398')
    expect(first?.year).toBe(2019)
    expect(first?.abstract).toMatch(/^Considering that self-criticism/)
    expect(first?.authors[0]).toBe('Trindade, Ines A')
    expect(first?.pages).toBe('')
    expect(first?.sourceId).toBe('2019-65183-001')
    expect(result.warnings.map((warning) => warning.line)).toEqual([26, 104, 191, 218, 293, 327])
    expect(result.warnings[0]?.message).toBe('tag NL outside any record (ignored)')
  })

  it('PubMed→EndNote RIS (.txt, leading blank line): AN as PMID, untagged KW lines as keywords', () => {
    const first = parse('asreview__pubmed_endnote.txt').records[0]
    expect(first?.line).toBe(2)
    expect(first?.pmid).toBe('21553931')
    expect(first?.keywords).toHaveLength(10)
    expect(first?.keywords).toContain('Boswellia/*chemistry')
    expect(first?.journal).toBe('Clin Pharmacokinet')
  })

  it('Rayyan RIS: a KW value continued over untagged lines gives one keyword per line', () => {
    const first = parse('asreview__ris_issue_992.txt').records[0]
    expect(first?.keywords).toHaveLength(13)
    expect(first?.keywords.at(-1)).toBe('Patient Education')
    expect(first?.sourceId).toBe('rayyan-264552525')
    expect(first?.title).toBe('Overcoming Medication Reconciliation Challenges')
  })

  it('Scopus RIS from issue 1099: untagged lines and blank lines inside a record do not split it', () => {
    const result = parse('asreview__ris_issue_1099.txt')
    expect(result.records[1]?.type).toBe('BOOK')
    expect(result.records[1]?.authors[0]).toBe('van Acker, B.')
    expect(result.records[1]?.line).toBe(31)
    expect(result.warnings).toEqual([])
  })

  it('ProQuest, Scopus and WoS RIS: accession numbers and Scopus PubMed ids (C2)', () => {
    expect(parse('asreview__proquest.ris').records[0]?.sourceId).toBe('2214991469')
    const scopus = parse('asreview__scopus.ris').records
    expect(scopus.map((record) => record.pmid).filter(Boolean)).toEqual(['31421429', '31627144', '31574429', '30704343', '31175206'])
    expect(scopus[0]?.sourceId).toBe('2-s2.0-85074596690')
    const wos = parse('asreview__web_of_science.txt').records[0]
    expect(wos?.sourceId).toBe('WOS:000444108200009')
    expect(wos?.year).toBe(2018)
  })

  it('PubMed→Zotero RIS: double spaces of the abstract line joins are collapsed', () => {
    for (const record of parse('asreview__pubmed_zotero.ris').records) expect(record.abstract).not.toContain('  ')
  })

  it('WoS tagged: 3-space continuations, AF full names, e-mails removed from AU, UT as source id', () => {
    const rispy = parse('rispy__example_wos.ris').records[0]
    expect(rispy?.title).toBe('Interactions stabilizing the structure of the core light-harvesting complex (LHl) of photosynthetic bacteria and its subunit (B820)')
    expect(rispy?.authors).toHaveLength(4)
    expect(rispy?.pmid).toBe('15170338')
    expect(rispy?.pages).toBe('7003-7016')
    const zoorec = parse('synthesisr__zoorec.txt').records[0]
    expect(zoorec?.authors[0]).toBe('Stillman, Andrew N.')
    expect(zoorec?.sourceId).toBe('ZOOREC:ZOOR15512090342')
    expect(zoorec?.title).toBe('Nest site selection and nest survival of Black-backed Woodpeckers after wildfire.')
  })

  it('MEDLINE (2006 biopython file): continuation lines joined, trailing spaces gone, FAU names, AID doi', () => {
    const first = parse('biopython__pubmed_result2.txt').records[0]
    expect(first?.line).toBe(2)
    expect(first?.authors).toEqual(['Casbon, James A', 'Crooks, Gavin E', 'Saqi, Mansoor A S'])
    expect(first?.doi).toBe('10.1186/1471-2105-7-10')
    expect(first?.abstract).toContain('The ASTRAL compendium provides')
    expect(first?.abstract).not.toContain('  ')
  })

  it('BibTeX from Scopus: header lines skipped, affiliation letters removed from comma-listed authors', () => {
    const result = parse('bibliometrix__scopus.bib')
    const first = result.records[0]
    expect(first?.line).toBe(4)
    expect(first?.authors).toEqual(["D'Ambrosio, A.", 'Aria, M.', 'Iorio, C.', 'Siciliano, R.'])
    expect(result.records.find((record) => record.authors.includes('Celentano, A.'))).toBeDefined()
    expect(result.records.filter((record) => record.pmid !== '')).toHaveLength(13)
    expect(result.records.map((record) => record.type)).toContain('conference')
  })

  it('BibTeX from WoS: {{double braces}}, "@article{ ISI:…" keys, "and" lists over several lines', () => {
    const result = parse('bibliometrix__savedrecs.bib')
    expect(result.records[0]?.title).toBe('Untitled')
    expect(result.records[0]?.sourceId).toBe('ISI:000186671900001')
    expect(result.records[1]?.authors).toEqual(['Lee, B', 'Critchlow, T', 'Abdulla, G', 'Baldwin, C', 'Kamimura, R', 'Musick, R', 'Snapp, R', 'Tang, N'])
    expect(result.records[1]?.abstract).toMatch(/^AQSim is a system intended to enable scientists to query and analyze a large volume/)
    expect(result.records.some((record) => /[{}\\]/.test(record.title))).toBe(false)
  })

  it('EndNote tagged: %T before %0, records without %0', () => {
    const result = parse('colrev__ais_enl.txt')
    expect(result.records[0]?.type).toBe('Journal Article')
    expect(result.records[0]?.authors).toEqual(['Guo, Wenbo', 'Straub, Detmar W.', 'Zhang, Pengzhu', 'Cai, Zhao'])
    expect(result.records[1]?.title).toBe('MISQ Volume 45, Issue 3 Table of Contents')
    expect(result.records[1]?.line).toBe(17)
    expect(result.records[3]?.authors[2]).toBe('Osório, Gerardo')
  })

  it('PubMed CSV: no abstract column, PubMed author lists, volume/issue/pages from the citation', () => {
    const result = parse('colrev__pubmed-chatbot.csv')
    expect(result.records.filter((record) => record.abstract !== '')).toHaveLength(0)
    expect(result.records.filter((record) => record.pmid !== '')).toHaveLength(6)
    expect(result.records[0]?.authors).toEqual(['Lim, SM', 'Shiau, CWC', 'Cheng, LJ', 'Lau, Y'])
    expect(result.records[0]?.pages).toBe('334-347')
  })

  it('Embase RIS and Embase CSV give the same titles, DOIs, authors and years', () => {
    const ris = parse('asreview__embase.ris')
    const csv = parse('asreview__embase.csv')
    expect(titles(csv)).toEqual(titles(ris))
    expect(dois(csv)).toEqual(dois(ris))
    expect(csv.records.map((record) => record.authors)).toEqual(ris.records.map((record) => record.authors))
    expect(csv.records.map((record) => record.year)).toEqual(ris.records.map((record) => record.year))
    expect(csv.records.map((record) => record.journal)).toEqual(ris.records.map((record) => record.journal))
  })

  it('Ovid PsycINFO RIS and its Zotero re-export give the same titles and DOIs', () => {
    const ovid = parse('asreview__ovid_psycinfo.ris')
    const zotero = parse('asreview__ovid_zotero.ris')
    expect(titles(zotero)).toEqual(titles(ovid))
    expect(dois(zotero)).toEqual(dois(ovid))
    expect(zotero.records.map((record) => record.authors)).toEqual(ovid.records.map((record) => record.authors))
  })

  interface ZoteroItem {
    title: string
    DOI?: string
    date?: string
    issueDate?: string
    abstractNote?: string
    extra?: string
    creators: { lastName: string; firstName: string; creatorType: string }[]
  }

  it.each(['zotero-translators__MEDLINEnbib_testcase1.nbib', 'zotero-translators__EndnoteXML_testcase0.xml'])(
    '%s agrees with Zotero’s expected items (titles, DOIs, authors, abstracts, years, PMIDs)',
    (name) => {
      const expected = readExpected<ZoteroItem[]>(name)
      const result = parse(name)
      expect(result.records).toHaveLength(expected.length)
      expected.forEach((item, i) => {
        const record = result.records[i]
        expect(record?.title).toBe(item.title)
        expect(record?.doi).toBe((item.DOI ?? '').toLowerCase())
        const authors = item.creators.filter((creator) => creator.creatorType === 'author' || creator.creatorType === 'inventor')
        expect(record?.authors.map((author) => author.split(',')[0])).toEqual(authors.map((author) => author.lastName))
        expect(record?.authors.map((author) => author.split(', ')[1]?.split(/[\s.]/)[0])).toEqual(authors.map((author) => author.firstName.split(/[\s.]/)[0]))
        expect(collapse(record?.abstract ?? '')).toBe(collapse(item.abstractNote ?? ''))
        const year = (item.date ?? item.issueDate ?? '').slice(0, 4)
        expect(record?.year).toBe(year === '' ? null : Number(year))
        expect(record?.pmid).toBe(/PMID: (\d+)/.exec(item.extra ?? '')?.[1] ?? '')
      })
    },
  )
})
