import { describe, expect, it } from 'vitest'
import { crossrefParams, parseCrossrefPage } from '@/core/searches/crossref'
import { europepmcParams, europepmcQuery, parseEuropepmcPage } from '@/core/searches/europepmc'
import { abstractFromInvertedIndex, openalexParams, parseOpenalexPage } from '@/core/searches/openalex'
import { esearchParams, parseEsearch, parsePubmedXml } from '@/core/searches/pubmed'
import { describeSchedule, nextRunAt, runWindow, type SearchSpec } from '@/core/searches/search-spec'
import { serviceErrorMessage } from '@/core/searches/json-reading'
import { apisDir, hasRecordedApis, recorded } from '../../../helpers/recorded-apis'

const spec = (over: Partial<SearchSpec> = {}): SearchSpec => ({ service: 'pubmed', query: 'liver iron', window: { from: null, to: null }, dateField: '', publicationTypes: [], ...over })

describe('run windows and the schedule', () => {
  it('covers complete days after the previous window, up to yesterday', () => {
    const now = new Date('2026-03-10T08:00:00Z')
    expect(runWindow({ since: null, previousTo: null }, now)).toEqual({ from: null, to: '2026-03-09' })
    expect(runWindow({ since: '2020-01-01', previousTo: null }, now)).toEqual({ from: '2020-01-01', to: '2026-03-09' })
    expect(runWindow({ since: '2020-01-01', previousTo: '2026-03-01' }, now)).toEqual({ from: '2026-03-02', to: '2026-03-09' })
    // across a month and a year end
    expect(runWindow({ since: null, previousTo: '2025-12-31' }, new Date('2026-01-02T00:00:01Z'))).toEqual({ from: '2026-01-01', to: '2026-01-01' })
    // a second run on the same day has no complete day to search
    expect(runWindow({ since: null, previousTo: '2026-03-09' }, now)).toBeNull()
    expect(runWindow({ since: '2026-03-10', previousTo: null }, now)).toBeNull()
  })

  it('is due N days after the last start, never when manual', () => {
    const created = new Date('2026-01-01T10:00:00Z')
    expect(nextRunAt(null, null, created)).toBeNull()
    expect(nextRunAt({ every: 2, unit: 'week' }, null, created)).toEqual(new Date('2026-01-15T10:00:00Z'))
    expect(nextRunAt({ every: 30, unit: 'day' }, new Date('2026-02-01T00:00:00Z'), created)).toEqual(new Date('2026-03-03T00:00:00Z'))
    expect([describeSchedule(null), describeSchedule({ every: 1, unit: 'week' }), describeSchedule({ every: 4, unit: 'week' }), describeSchedule({ every: 30, unit: 'day' })]).toEqual([
      'Manual',
      'Every week',
      'Every 4 weeks',
      'Every 30 days',
    ])
  })
})

describe('request parameters', () => {
  const window = { from: '2026-01-01', to: '2026-01-31' }
  it('PubMed: the history server, the entrez date window, publication types as [pt]', () => {
    expect(esearchParams(spec({ window, publicationTypes: ['Randomized Controlled Trial', 'Review'] }))).toEqual({
      db: 'pubmed',
      term: '(liver iron) AND ("Randomized Controlled Trial"[pt] OR "Review"[pt])',
      usehistory: 'y',
      retmax: '0',
      retmode: 'xml',
      datetype: 'edat',
      mindate: '2026/01/01',
      maxdate: '2026/01/31',
    })
    expect(esearchParams(spec())).not.toHaveProperty('datetype')
    expect(esearchParams(spec({ window: { from: null, to: '2026-01-31' }, dateField: 'pdat' }))).toMatchObject({ datetype: 'pdat', mindate: '1800/01/01', maxdate: '2026/01/31' })
  })
  it('Europe PMC: the window and types inside the query, core results, a cursor', () => {
    expect(europepmcQuery(spec({ service: 'europepmc', window, publicationTypes: ['review'] }))).toBe('(liver iron) AND (FIRST_IDATE:[2026-01-01 TO 2026-01-31]) AND (PUB_TYPE:"review")')
    expect(europepmcQuery(spec({ service: 'europepmc' }))).toBe('liver iron')
    expect(europepmcParams(spec({ service: 'europepmc' }), '*', 100)).toEqual({ query: 'liver iron', resultType: 'core', format: 'json', pageSize: '100', cursorMark: '*' })
  })
  it('OpenAlex and Crossref: the window as filters on the indexing date', () => {
    expect(openalexParams(spec({ service: 'openalex', window, publicationTypes: ['article', 'review'] }), '*')).toEqual({
      search: 'liver iron',
      per_page: '200',
      cursor: '*',
      filter: 'from_created_date:2026-01-01,to_created_date:2026-01-31,type:article|review',
    })
    expect(crossrefParams(spec({ service: 'crossref', window: { from: '2026-01-01', to: null }, dateField: 'pub-date' }), 'abc', 500)).toEqual({
      query: 'liver iron',
      rows: '500',
      cursor: 'abc',
      filter: 'from-pub-date:2026-01-01',
    })
  })
})

describe('reading answers', () => {
  it('rebuilds an OpenAlex abstract from its inverted index, ignoring what does not fit', () => {
    expect(abstractFromInvertedIndex({ Iron: [0], overload: [1, 4], 'matters.': [2], It: [3] })).toBe('Iron overload matters. It overload')
    expect(abstractFromInvertedIndex({ a: [1], b: [-1], c: ['x'], d: [3] })).toBe('a d')
    expect(abstractFromInvertedIndex(null)).toBe('')
  })

  it('keeps inline markup’s text in place in PubMed titles and abstracts', () => {
    const xml = `<?xml version="1.0"?><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">123</PMID><Article><Journal><JournalIssue><PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate></JournalIssue><Title>J</Title></Journal><ArticleTitle>The <i>in vivo</i> effect of T<sub>2</sub>*</ArticleTitle><Abstract><AbstractText Label="BACKGROUND">Iron &amp; <b>MRI</b>.</AbstractText><AbstractText Label="RESULTS">R2<sup>*</sup> rose.</AbstractText></Abstract><AuthorList><Author><LastName>Wood</LastName><ForeName>John C</ForeName></Author><Author><CollectiveName>Iron Group</CollectiveName></Author></AuthorList><ELocationID EIdType="doi">10.1000/ABC</ELocationID></Article></MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType="pubmed">123</ArticleId></ArticleIdList><ReferenceList><Reference><ArticleIdList><ArticleId IdType="doi">10.9/other</ArticleId></ArticleIdList></Reference></ReferenceList></PubmedData></PubmedArticle></PubmedArticleSet>`
    const { records, error } = parsePubmedXml(xml)
    expect(error).toBeNull()
    expect(records[0]).toMatchObject({
      pmid: '123',
      title: 'The in vivo effect of T2*',
      abstract: 'BACKGROUND: Iron & MRI.\nRESULTS: R2* rose.',
      authors: ['Wood, John C', 'Iron Group'],
      year: 1998,
      doi: '10.1000/abc', // from ELocationID; the reference list's DOI is not taken
      line: 1,
    })
  })

  it('reports an E-utilities error or a broken answer instead of throwing', () => {
    expect(parsePubmedXml('<eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>')).toEqual({ records: [], error: 'Unable to obtain query #1' })
    expect(parsePubmedXml('<PubmedArticleSet><PubmedArticle>').error).toMatch(/^PubMed sent an unreadable answer \(truncated XML/)
    expect(parseEsearch('<html>Bad gateway').error).toMatch(/^PubMed sent an unreadable answer/)
    expect(parsePubmedXml('<PubmedArticleSet></PubmedArticleSet>')).toEqual({ records: [], error: null })
  })

  it('does not expand entities a hostile answer defines (no "billion laughs")', () => {
    const entities = ['<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">', ...'bcdefg'.split('').map((e, i) => `<!ENTITY ${e} "${`&${'abcdef'[i]};`.repeat(10)}">`)].join('')
    const started = Date.now()
    const answer = parseEsearch(`<?xml version="1.0"?><!DOCTYPE eSearchResult [${entities}]><eSearchResult><Count>1</Count><QueryKey>&g;</QueryKey><WebEnv>x</WebEnv></eSearchResult>`)
    expect(answer.queryKey.length).toBeLessThan(10)
    const fetched = parsePubmedXml(`<?xml version="1.0"?><!DOCTYPE eFetchResult [${entities}]><eFetchResult><ERROR>&g;</ERROR></eFetchResult>`)
    expect(fetched.error!.length).toBeLessThan(10)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('names a service’s reason for refusing, whatever its shape', () => {
    expect(
      serviceErrorMessage(
        '{"status":"failed","message-type":"validation-failure","message":[{"type":"integer-not-valid","message":"Integer specified as 200 but must be less than or equal to 100. "}]}',
      ),
    ).toBe('Integer specified as 200 but must be less than or equal to 100.')
    expect(serviceErrorMessage('{"error":"Invalid query parameters error.","message":"x is not a valid field."}')).toBe('Invalid query parameters error. x is not a valid field.')
    expect(serviceErrorMessage('<eSearchResult><ERROR>Invalid db name</ERROR></eSearchResult>')).toBe('Invalid db name')
    expect(serviceErrorMessage('<html><body><h1>502 Bad Gateway</h1></body></html>')).toBe('502 Bad Gateway')
  })

  it('reads JSON of the wrong shape as empty, never as an exception', () => {
    for (const junk of [null, 3, 'x', [], { resultList: { result: 'no' } }, { results: [null, 3] }, { message: { items: [{ title: 7, author: 'x' }] } }]) {
      expect(() => parseEuropepmcPage(junk, '*')).not.toThrow()
      expect(() => parseOpenalexPage(junk)).not.toThrow()
      expect(() => parseCrossrefPage(junk)).not.toThrow()
    }
    expect(parseEuropepmcPage({ hitCount: 3, nextCursorMark: '*', resultList: { result: [] } }, '*')).toEqual({ hits: 3, records: [], next: null })
  })
})

describe.skipIf(!hasRecordedApis)(`reading recorded answers${hasRecordedApis ? '' : ` (skipped: ${apisDir} not found)`}`, () => {
  it('PubMed XML: every article of hawc’s 259-record efetch, with ids, titles and abstracts', () => {
    const { records, error } = parsePubmedXml(recorded('pubmed', 'shapiromatron__hawc__tests_data_cassettes_apps.lit.test_imports_TestPubmed.test_search.2.body.xml'))
    expect(error).toBeNull()
    expect(records).toHaveLength(259)
    expect(new Set(records.map((r) => r.pmid)).size).toBe(259)
    expect(records.every((r) => r.title && r.year && r.journal)).toBe(true)
    expect(records.filter((r) => r.abstract).length).toBe(253)
    expect(records[0]).toMatchObject({
      pmid: '7918596',
      doi: '10.1016/0005-2760(94)90040-x',
      authors: ['Thorne, P C', 'Byers, D M', 'Palmer, F B', 'Cook, H W'],
      volume: '1214',
      issue: '2',
      pages: '161-70',
    })
  })
  it('PubMed XML: a book chapter, non-ASCII names and MathML in an abstract', () => {
    const [book] = parsePubmedXml(recorded('pubmed', 'shapiromatron__hawc__tests_data_cassettes_services.nih.test_pubmed_TestPubMedFetch.test_book_chapter.0.body.xml')).records
    expect(book).toMatchObject({
      pmid: '20301382',
      title: 'Single Large-Scale Mitochondrial DNA Deletion Syndromes',
      journal: 'GeneReviews®',
      type: 'Book chapter',
      authors: ['Goldstein, Amy', 'Falk, Marni J'],
    })
    const utf8 = parsePubmedXml(recorded('pubmed', 'shapiromatron__hawc__tests_data_cassettes_services.nih.test_pubmed_TestPubMedFetch.test_utf8.0.body.xml')).records
    expect(utf8[1]!.authors[0]).toBe('González-Reyes, Salomé')
    const [math] = parsePubmedXml(recorded('pubmed', 'biopython__biopython__Tests_Entrez_pubmed6.xml')).records
    expect(math!.abstract).toContain('LEmin+1mM was not different')
    expect(math!.abstract).not.toMatch(/<\/?(sub|sup|mml:)/)
  })
  it('esearch: the history server’s WebEnv, a refusal, a phrase not found', () => {
    expect(parseEsearch(recorded('pubmed', 'biopython__biopython__Tests_Entrez_esearch2.xml'))).toMatchObject({ count: 42249, queryKey: '1', webEnv: 'MCID_6927d6e7fee3e90f880ec190', error: null })
    expect(parseEsearch(recorded('pubmed', 'Klortho__Eutils-JSON__samples_esearch.baderror.xml')).error).toBe('Invalid db name specified: fleegle')
    expect(parseEsearch(recorded('pubmed', 'biopython__biopython__Tests_Entrez_esearch8.xml')).warnings).toEqual(['phrase not found: abcXYZ', 'No items found.'])
  })
  it('Europe PMC core results: authors, abstracts, keywords and the next cursor', () => {
    const page = parseEuropepmcPage(JSON.parse(recorded('europepmc', 'JonasHeinickeBio__pyEuropePMC__tests_fixtures_search_cancer_core.json')), '*')
    expect(page.hits).toBe(5059039)
    expect(page.next).toBe('AoIIP4ZawSg1MzEyODI1MA==')
    expect(page.records).toHaveLength(25)
    expect(page.records[0]).toMatchObject({ pmid: '39709209', authors: ['Schoenfeld, Jonathan D', 'Haas-Kogan, Daphne A', "O'Neill, Allison F"], journal: 'Lancet (London, England)', language: 'eng' })
    expect(page.records.filter((r) => r.abstract).length).toBe(21)
  })
  it('OpenAlex: 200 works, 151 abstracts rebuilt, the next cursor', () => {
    const page = parseOpenalexPage(JSON.parse(recorded('openalex', 'rkrug__openalexPro__tests_fixtures_vcr_pro_fetch_search_biodiversity_AND_finance.0.body.json')))
    expect([page.hits, page.records.length, page.records.filter((r) => r.abstract).length]).toEqual([429, 200, 151])
    expect(page.next).toMatch(/^IlsyLjU2/)
    expect(page.records.find((r) => r.title === 'Biodiversity Finance')).toMatchObject({
      doi: '10.1111/1468-2346.00131',
      journal: 'International Affairs',
      pages: '223-240',
      authors: ['Rubino, Michael C.'],
    })
  })
  it('Crossref: JATS abstracts as text, the next cursor, the end of the set', () => {
    const page = parseCrossrefPage(JSON.parse(recorded('crossref', 'ropensci__rcrossref__tests_fixtures_cr_works_with_cursor_and_progress_bar.0.body.json')), 30)
    expect([page.hits, page.records.length]).toEqual([452242, 30])
    expect(page.next).toMatch(/^DnF1ZXJ5/)
    expect(page.records.every((r) => !/<\/?(jats:)?p>/.test(r.abstract))).toBe(true)
    expect(parseCrossrefPage(JSON.parse(recorded('crossref', 'ropensci__rcrossref__tests_fixtures_cr_works_fails_well.0.body.json')))).toMatchObject({ hits: 0, records: [], next: null })
  })
})
