/**
 * The four bibliographic clients against responses recorded from the real services, served by a local
 * server that checks what Ferrite asks for: paths, parameters, paging tokens, rate, retries.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { SearchSpec } from '@/core/searches/search-spec'
import { searchPages, type SearchPage, type ServiceConfig } from '@/server/bibliographic/clients'
import { ServiceError } from '@/server/bibliographic/http'
import { apisDir, hasRecordedApis, pubmedBatches, pubmedResponder, recorded, recordedWebEnv, serveRecorded, type RecordedApi } from '../helpers/recorded-apis'

const spec = (service: SearchSpec['service'], query: string, window: SearchSpec['window'] = { from: null, to: null }): SearchSpec => ({
  service,
  query,
  window,
  dateField: '',
  publicationTypes: [],
})

/** A clock that only moves when the client waits: rates and backoff are measured in its time. */
function fakeClock() {
  const clock = { t: 1_000_000, sleeps: [] as number[], sentAt: [] as number[] }
  const http: NonNullable<ServiceConfig['http']> = {
    now: () => clock.t,
    sleep: async (ms) => {
      clock.sleeps.push(ms)
      clock.t += ms
    },
    fetch: (input, init) => {
      clock.sentAt.push(clock.t)
      return fetch(input, init)
    },
  }
  return { clock, http }
}

async function collect(pages: AsyncGenerator<SearchPage>, limit = Number.POSITIVE_INFINITY) {
  const out: SearchPage[] = []
  for await (const page of pages) {
    out.push(page)
    if (out.length >= limit) break
  }
  return out
}

let api: RecordedApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

describe.skipIf(!hasRecordedApis)(`bibliographic clients on recorded responses${hasRecordedApis ? '' : ` (skipped: ${apisDir} not found)`}`, () => {
  it('PubMed: esearch on the history server, then efetch by offset with the WebEnv, at 3 requests a second', async () => {
    api = await serveRecorded(pubmedResponder(pubmedBatches, 3))
    const { clock, http } = fakeClock()
    const pages = await collect(searchPages(spec('pubmed', 'science[journal] AND breast cancer', { from: '2008-01-01', to: '2008-12-31' }), { baseUrl: api.url, pageSize: 3, http }))
    expect(api.requests.map((r) => r.path)).toEqual(['esearch.fcgi', 'efetch.fcgi', 'efetch.fcgi'])
    const [search, first, second] = api.requests
    expect(search!.params).toMatchObject({
      db: 'pubmed',
      term: 'science[journal] AND breast cancer',
      usehistory: 'y',
      retmax: '0',
      datetype: 'edat',
      mindate: '2008/01/01',
      maxdate: '2008/12/31',
      tool: 'ferrite',
    })
    expect(search!.params.api_key).toBeUndefined()
    expect(first!.params).toMatchObject({ db: 'pubmed', WebEnv: recordedWebEnv, query_key: '1', retstart: '0', retmax: '3', retmode: 'xml' })
    expect(second!.params).toMatchObject({ retstart: '3', retmax: '3' })
    expect(pages.map((p) => p.next)).toEqual(['3', null])
    const records = pages.flatMap((p) => p.records)
    expect(records.map((r) => r.pmid)).toEqual(['19008416', '18927361', '18787170', '18487186', '18239126', '18239125'])
    expect(records.every((r) => r.title && r.journal === 'Science (New York, N.Y.)' && r.year === 2008)).toBe(true)
    // no key: at most 3 a second, so each request waits a third of a second after the one before
    const gaps = clock.sentAt.slice(1).map((t, i) => t - clock.sentAt[i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(333)
  })

  it('PubMed: an api_key and contact address are sent, and allow 10 requests a second', async () => {
    api = await serveRecorded(pubmedResponder(pubmedBatches, 3))
    const { clock, http } = fakeClock()
    await collect(searchPages(spec('pubmed', 'breast cancer'), { baseUrl: api.url, pageSize: 3, apiKey: 'k3y', email: 'team@example.org', http }))
    for (const r of api.requests) expect(r.params).toMatchObject({ api_key: 'k3y', email: 'team@example.org', tool: 'ferrite' })
    const gaps = clock.sentAt.slice(1).map((t, i) => t - clock.sentAt[i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100)
    expect(Math.max(...gaps)).toBeLessThan(333)
  })

  it('PubMed: a refused query is a clear error in NCBI’s words; a phrase not found is a warning', async () => {
    api = await serveRecorded((r) => (r.path === 'esearch.fcgi' ? { body: recorded('pubmed', 'Klortho__Eutils-JSON__samples_esearch.baderror.xml') } : undefined))
    const failure = await collect(searchPages(spec('pubmed', 'cat'), { baseUrl: api.url, http: fakeClock().http })).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ServiceError)
    expect((failure as ServiceError).kind).toBe('rejected')
    expect((failure as ServiceError).message).toBe('PubMed refused the query: Invalid db name specified: fleegle')
    await api.close()
    api = await serveRecorded((r) => (r.path === 'esearch.fcgi' ? { body: recorded('pubmed', 'biopython__biopython__Tests_Entrez_esearch8.xml') } : undefined))
    const [page] = await collect(searchPages(spec('pubmed', 'abcXYZ'), { baseUrl: api.url, http: fakeClock().http }))
    expect(page).toMatchObject({ hits: 0, records: [], next: null, warnings: ['phrase not found: abcXYZ', 'No items found.'] })
  })

  it('PubMed: 429 and 503 are retried after what Retry-After says, then the search goes on', async () => {
    // E-utilities' 429 was never recorded (INDEX.md, "Not found"): its body here follows NCBI's documentation
    const limited = { status: 429, body: '{"error":"API rate limit exceeded","count":"4","limit":"3"}', headers: { 'retry-after': '2' } }
    const base = pubmedResponder(pubmedBatches, 3)
    api = await serveRecorded((r, i) => (i === 0 ? limited : i === 2 ? { status: 503, body: 'Service Unavailable' } : base(r, i)))
    const { clock, http } = fakeClock()
    const pages = await collect(searchPages(spec('pubmed', 'breast cancer'), { baseUrl: api.url, pageSize: 3, http }))
    expect(pages.flatMap((p) => p.records)).toHaveLength(6)
    expect(api.requests.map((r) => r.path)).toEqual(['esearch.fcgi', 'esearch.fcgi', 'efetch.fcgi', 'efetch.fcgi', 'efetch.fcgi'])
    expect(clock.sleeps).toContain(2000) // Retry-After: 2
    expect(clock.sleeps).toContain(1000) // no Retry-After with the 503: the first backoff, 1 s
  })

  it('gives up after the retries with the last answer named', async () => {
    api = await serveRecorded(() => ({ status: 502, body: '<html><body>Bad Gateway</body></html>' }))
    const failure = (await collect(searchPages(spec('europepmc', 'cancer'), { baseUrl: api.url, http: { ...fakeClock().http, maxRetries: 2 } })).catch((e: unknown) => e)) as ServiceError
    expect(failure.kind).toBe('unavailable')
    expect(failure.message).toBe('Europe PMC did not answer after 3 attempts (last: HTTP 502: Bad Gateway)')
    expect(api.requests).toHaveLength(3)
  })

  it('refuses an answer larger than the cap, and one that never comes, without waiting for ever', async () => {
    const huge = `{"hitCount":1,"resultList":{"result":[{"title":"${'x'.repeat(2 * 1024 * 1024)}"}]}}`
    api = await serveRecorded(() => ({ body: huge }))
    const failure = (await collect(searchPages(spec('europepmc', 'cancer'), { baseUrl: api.url, http: { ...fakeClock().http, maxBytes: 1024 * 1024 } })).catch((e: unknown) => e)) as ServiceError
    expect(failure).toBeInstanceOf(ServiceError)
    // no Content-Length here: the cap is counted while reading
    expect(failure.message).toBe('Europe PMC sent more than the 1048576 bytes allowed for one page')
    await api.close()
    // a server that accepts the connection and never answers: the timeout, then the retries, then a clear failure
    const net = await import('node:net')
    const silent = net.createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as { port: number }).port
    api = undefined
    const started = Date.now()
    const slow = (await collect(searchPages(spec('crossref', 'x'), { baseUrl: `http://127.0.0.1:${port}`, http: { sleep: async () => {}, timeoutMs: 300, maxRetries: 1 } })).catch(
      (e: unknown) => e,
    )) as ServiceError
    silent.close()
    expect(slow.message).toBe('Crossref did not answer after 2 attempts (last: no answer within 0.3 s)')
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('Europe PMC: cursorMark paging across ten recorded pages, with the date window in the query', async () => {
    const recordedPages = JSON.parse(recorded('europepmc', 'JonasHeinickeBio__pyEuropePMC__tests_fixtures_fetch_10pages_cancer.json')) as { nextCursorMark: string }[]
    const empty = recorded('europepmc', 'JonasHeinickeBio__pyEuropePMC__tests_fixtures_search_no_results.json')
    api = await serveRecorded((r, i) => (r.path === 'search' ? { body: i < recordedPages.length ? JSON.stringify(recordedPages[i]) : empty } : undefined))
    const pages = await collect(searchPages(spec('europepmc', 'cancer', { from: '2024-12-01', to: '2024-12-31' }), { baseUrl: api.url, pageSize: 100, http: fakeClock().http }))
    expect(api.requests[0]!.params).toMatchObject({ query: '(cancer) AND (FIRST_IDATE:[2024-12-01 TO 2024-12-31])', resultType: 'core', format: 'json', pageSize: '100', cursorMark: '*' })
    // each request carries the mark the previous answer gave
    for (let i = 1; i < api.requests.length; i++) expect(api.requests[i]!.params.cursorMark).toBe(recordedPages[i - 1]!.nextCursorMark)
    expect(api.requests).toHaveLength(11)
    expect(pages.at(-1)!.next).toBeNull()
    const records = pages.flatMap((p) => p.records)
    expect(records).toHaveLength(1000)
    expect(records[0]).toMatchObject({ pmid: '39709209', doi: '10.1016/s0140-6736(24)02600-x', journal: 'Lancet', year: 2025, sourceId: 'MED:39709209' })
  })

  it('OpenAlex: cursor paging with mailto and api_key, abstracts rebuilt from the inverted index', async () => {
    const first = recorded('openalex', 'rkrug__openalexPro__tests_fixtures_vcr_pro_snowball.2.body.json')
    const last = recorded('openalex', 'rkrug__openalexPro__tests_fixtures_vcr_pro_snowball.4.body.json')
    const nextCursor = (JSON.parse(first) as { meta: { next_cursor: string } }).meta.next_cursor
    api = await serveRecorded((r) => (r.path !== 'works' ? undefined : r.params.cursor === '*' ? { body: first } : r.params.cursor === nextCursor ? { body: last } : undefined))
    const pages = await collect(
      searchPages(spec('openalex', 'biodiversity finance', { from: '2020-01-01', to: '2020-12-31' }), { baseUrl: api.url, apiKey: 'oa-key', email: 'team@example.org', http: fakeClock().http }),
    )
    expect(api.requests.map((r) => r.params.cursor)).toEqual(['*', nextCursor])
    expect(api.requests[0]!.params).toMatchObject({
      search: 'biodiversity finance',
      filter: 'from_created_date:2020-01-01,to_created_date:2020-12-31',
      per_page: '200',
      mailto: 'team@example.org',
      api_key: 'oa-key',
    })
    const records = pages.flatMap((p) => p.records)
    expect(records.map((r) => r.sourceId).sort()).toEqual(['W3045921891', 'W3046863325'])
    expect(records.every((r) => r.abstract.split(' ').length > 20)).toBe(true)
    expect(pages[0]!.hits).toBe(2)
  })

  it('OpenAlex: a query the service refuses fails at once with its message', async () => {
    api = await serveRecorded(() => ({ status: 400, body: recorded('openalex', 'rkrug__openalexPro__tests_fixtures_vcr_opt_filter_names.0.body.json') }))
    const failure = (await collect(searchPages(spec('openalex', 'x'), { baseUrl: api.url, http: fakeClock().http })).catch((e: unknown) => e)) as ServiceError
    expect(failure.kind).toBe('rejected')
    expect(failure.message).toMatch(/^OpenAlex refused the request \(HTTP 400\): Invalid query parameters error\. DOESNTEXIST is not a valid field/)
    expect(api.requests).toHaveLength(1)
  })

  it('Crossref: cursor paging with the polite mailto, and a 500 retried', async () => {
    const files = [0, 1, 2].map((i) => recorded('crossref', `ropensci__rcrossref__tests_fixtures_cr_works_with_cursor_and_progress_bar.${i}.body.json`))
    const cursors = files.map((f) => (JSON.parse(f) as { message: { 'next-cursor': string } }).message['next-cursor'])
    const failed = recorded('crossref', 'ropensci__rcrossref__tests_fixtures_cr_works_with_cursor_fails_well.0.body.json')
    let failedOnce = false
    api = await serveRecorded((r) => {
      if (r.path !== 'works') return undefined
      if (r.params.cursor === '*') return { body: files[0]! }
      if (r.params.cursor === cursors[0] && !failedOnce) {
        failedOnce = true
        return { status: 500, body: failed }
      }
      const at = cursors.indexOf(r.params.cursor ?? '')
      return at >= 0 && files[at + 1] ? { body: files[at + 1]! } : undefined
    })
    const { clock, http } = fakeClock()
    const pages = await collect(searchPages(spec('crossref', 'ecology', { from: '2022-01-01', to: null }), { baseUrl: api.url, pageSize: 30, email: 'team@example.org', http }), 3)
    expect(api.requests.map((r) => r.params.cursor)).toEqual(['*', cursors[0], cursors[0], cursors[1]])
    expect(api.requests[0]!.params).toMatchObject({ query: 'ecology', rows: '30', filter: 'from-index-date:2022-01-01', mailto: 'team@example.org' })
    expect(clock.sleeps.some((ms) => ms >= 1000)).toBe(true)
    expect(pages.flatMap((p) => p.records)).toHaveLength(90)
    expect(pages[0]!.hits).toBe(452242)
  })

  it('Crossref: an invalid cursor is refused with Crossref’s message', async () => {
    api = await serveRecorded(() => ({ status: 404, body: recorded('crossref', 'sckott__habanero__test_cassettes_test-cursor_test_cursor_fails_cursor_value.0.body.json') }))
    const failure = (await collect(searchPages(spec('crossref', 'widget'), { baseUrl: api.url, http: fakeClock().http }, { token: 'thing', position: 0 })).catch((e: unknown) => e)) as ServiceError
    expect(failure.kind).toBe('rejected')
    expect(api.requests[0]!.params.cursor).toBe('thing')
    expect(failure.message).toMatch(/^Crossref refused the request \(HTTP 404\): /)
  })
})
