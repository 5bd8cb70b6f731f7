/**
 * A local stand-in for the bibliographic services: serves responses recorded from the real services
 * (../shared/data/apis, see its INDEX.md) and keeps every request Ferrite sent (path, parameters,
 * time), so tests check what the clients ask for as well as what they make of the answers.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { sharedData } from './shared-data'

export const apisDir = path.join(sharedData, 'apis')
export const hasRecordedApis = fs.existsSync(path.join(apisDir, 'INDEX.md'))
export const recorded = (service: string, file: string) => fs.readFileSync(path.join(apisDir, service, file), 'utf8')

export interface SentRequest {
  path: string
  params: Record<string, string>
  at: number
}

export interface Reply {
  status?: number
  body: string
  headers?: Record<string, string>
}

/** Answers a request (path relative to the base, e.g. "esearch.fcgi"); undefined gives a 404. */
export type Responder = (request: SentRequest, index: number) => Reply | undefined

export interface RecordedApi {
  url: string
  requests: SentRequest[]
  close(): Promise<void>
}

export async function serveRecorded(respond: Responder, base = '/api', port = 0): Promise<RecordedApi> {
  const requests: SentRequest[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const sent: SentRequest = { path: url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length + 1) : url.pathname, params: Object.fromEntries(url.searchParams), at: Date.now() }
    requests.push(sent)
    const reply = respond(sent, requests.length - 1)
    if (!reply) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no recorded answer for ${url.pathname}${url.search}`)
      return
    }
    const type = reply.body.trimStart().startsWith('<') ? 'text/xml; charset=UTF-8' : 'application/json; charset=UTF-8'
    res.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers }).end(reply.body)
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}${base}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export const recordedWebEnv = 'MCID_6927d6e7fee3e90f880ec190'

/**
 * An esearch answer with the history server for a set of `count` records. No recorded history-server
 * search holds a small set (INDEX.md, "Not found"), so this is biopython's recorded esearch2.xml
 * (`usehistory=y`, WebEnv MCID_…) with its Count set to `count` and its id list emptied, as E-utilities
 * answers `retmax=0`. Everything else is as NCBI sent it.
 */
export function esearchWithHistory(count: number): string {
  return recorded('pubmed', 'biopython__biopython__Tests_Entrez_esearch2.xml')
    .replace(/<Count>\d+<\/Count>/, `<Count>${count}</Count>`)
    .replace(/<RetMax>\d+<\/RetMax>/, '<RetMax>0</RetMax>')
    .replace(/<IdList>[\s\S]*?<\/IdList>/, '<IdList/>')
}

/** hawc's recorded efetch of "science[journal] AND breast cancer AND 2008[pdat]" in two batches of three. */
export const pubmedBatches = [
  'shapiromatron__hawc__tests_data_cassettes_services.nih.test_pubmed_TestPubMedFetch.test_multiquery.0.body.xml',
  'shapiromatron__hawc__tests_data_cassettes_services.nih.test_pubmed_TestPubMedFetch.test_multiquery.1.body.xml',
]

/** The same six records fetched at once (hawc's TestPubMedFetch.test_standard_query). */
export const pubmedAllSix = 'shapiromatron__hawc__tests_data_cassettes_services.nih.test_pubmed_TestPubMedFetch.test_standard_query.0.body.xml'

/**
 * PubMed as E-utilities answers a history-server session: esearch, then efetch of the stored set by
 * offset. `batches` are efetch bodies in order, `pageSize` records each. Requests that do not carry the
 * WebEnv and query key, or ask for an offset with no batch, get E-utilities' <ERROR> answer.
 */
export function pubmedResponder(batches: readonly string[], pageSize: number, count = batches.length * pageSize): Responder {
  const bodies = batches.map((file) => recorded('pubmed', file))
  return (request) => {
    if (request.path === 'esearch.fcgi') return { body: esearchWithHistory(count) }
    if (request.path !== 'efetch.fcgi') return undefined
    const at = Number(request.params.retstart) / pageSize
    if (request.params.WebEnv !== recordedWebEnv || request.params.query_key !== '1' || !bodies[at])
      return { body: '<?xml version="1.0" encoding="UTF-8" ?>\n<eFetchResult>\n\t<ERROR>Unable to obtain query #1</ERROR>\n</eFetchResult>\n' }
    return { body: bodies[at]! }
  }
}
