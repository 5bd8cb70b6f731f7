/**
 * The four services as one paged source of records: `searchPages` yields each page with the token
 * that fetches the next, so a run can store its place after every page and resume there (a cursor
 * for Europe PMC, OpenAlex and Crossref; the efetch offset for PubMed, whose history-server set is
 * searched again on resume because a WebEnv expires).
 */
import 'server-only'
import type { CitationRecord } from '@/core/citations/citation-record'
import { crossrefPageSize, crossrefParams, parseCrossrefPage } from '@/core/searches/crossref'
import { europepmcPageSize, europepmcParams, parseEuropepmcPage } from '@/core/searches/europepmc'
import { openalexPageSize, openalexParams, parseOpenalexPage } from '@/core/searches/openalex'
import { efetchParams, esearchParams, parseEsearch, parsePubmedXml } from '@/core/searches/pubmed'
import { serviceLabels, type SearchService, type SearchSpec } from '@/core/searches/search-spec'
import { searchEnv } from '@/server/env'
import { httpClient, ServiceError, type HttpOptions } from './http'

export interface ServiceConfig {
  baseUrl: string
  apiKey?: string
  email?: string
  /** Records per request (defaults: PubMed 500, Europe PMC 1,000, OpenAlex 200, Crossref 1,000). */
  pageSize?: number
  http?: Partial<Pick<HttpOptions, 'fetch' | 'sleep' | 'now' | 'signal' | 'maxRetries' | 'timeoutMs' | 'requestsPerSecond' | 'maxBytes'>>
}

export interface SearchPage {
  hits: number
  records: CitationRecord[]
  /** Token for the next page (null: the set is complete). */
  next: string | null
  /** Notes from the service that did not stop the search ("phrase not found: …"). */
  warnings: string[]
}

export interface ResumePoint {
  token: string | null
  /** Records fetched before this point. */
  position: number
}

/** PubMed (E-utilities) serves at most this many records of one search. */
export const pubmedMaxRecords = 10_000
const pubmedPageSize = 500

/** The service's settings from the environment (README "Living searches"), with overrides. */
export function serviceConfig(service: SearchService, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  const e = searchEnv()
  const base = { pubmed: e.FERRITE_PUBMED_URL, europepmc: e.FERRITE_EUROPEPMC_URL, openalex: e.FERRITE_OPENALEX_URL, crossref: e.FERRITE_CROSSREF_URL }[service]
  const apiKey = service === 'pubmed' ? e.FERRITE_NCBI_API_KEY : service === 'openalex' ? e.FERRITE_OPENALEX_API_KEY : undefined
  return { baseUrl: base, apiKey, email: e.FERRITE_CONTACT_EMAIL, ...overrides }
}

/** Requests a second: NCBI allows 3 without a key and 10 with one; the others ask for politeness. */
export function requestsPerSecond(service: SearchService, config: ServiceConfig): number {
  if (service === 'pubmed') return config.apiKey ? 10 : 3
  if (service === 'crossref') return config.email ? 10 : 5
  return 10
}

const join = (base: string, path: string) => `${base.replace(/\/+$/, '')}/${path}`

function parseJson(body: string, label: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    throw new ServiceError('unavailable', `${label} sent an answer that is not JSON: ${body.slice(0, 120).replace(/\s+/g, ' ')}`)
  }
}

export async function* searchPages(spec: SearchSpec, config: ServiceConfig, resume: ResumePoint | null = null): AsyncGenerator<SearchPage> {
  const label = serviceLabels[spec.service]
  const http = httpClient({
    ...config.http,
    service: label,
    requestsPerSecond: config.http?.requestsPerSecond ?? requestsPerSecond(spec.service, config),
    userAgent: `Ferrite/0.1 (systematic reviews; ${config.email ? `mailto:${config.email}` : 'no contact address set'})`,
  })
  let position = resume?.position ?? 0
  if (spec.service === 'pubmed') {
    const identity: Record<string, string> = { tool: 'ferrite', ...(config.email ? { email: config.email } : {}), ...(config.apiKey ? { api_key: config.apiKey } : {}) }
    const pageSize = config.pageSize ?? pubmedPageSize
    const search = async () => {
      const found = parseEsearch(await http.get(join(config.baseUrl, 'esearch.fcgi'), { ...esearchParams(spec), ...identity }))
      if (found.error) throw new ServiceError('rejected', `PubMed refused the query: ${found.error}`)
      return found
    }
    let found = await search()
    const total = Math.min(found.count, pubmedMaxRecords)
    const warnings = [...found.warnings]
    if (found.count > pubmedMaxRecords) warnings.push(`PubMed found ${found.count} records and serves at most ${pubmedMaxRecords} of one search: narrow the date window`)
    if (position >= total) {
      yield { hits: found.count, records: [], next: null, warnings }
      return
    }
    let renewed = false
    while (position < total) {
      const body = await http.get(join(config.baseUrl, 'efetch.fcgi'), { ...efetchParams(found.webEnv, found.queryKey, position, Math.min(pageSize, total - position)), ...identity })
      const page = parsePubmedXml(body, position + 1)
      if (page.error) {
        // the history server forgets a set after some hours: search again once and go on from here
        if (!renewed && /webenv|query.?key|history|unable to obtain/i.test(page.error)) {
          renewed = true
          found = await search()
          continue
        }
        throw new ServiceError('rejected', `PubMed refused to send records ${position + 1}-${position + pageSize}: ${page.error}`)
      }
      position += Math.min(pageSize, total - position)
      yield { hits: found.count, records: page.records, next: position < total ? String(position) : null, warnings: warnings.splice(0) }
    }
    return
  }

  let token = resume?.token ?? '*'
  for (;;) {
    let page: Omit<SearchPage, 'warnings'>
    if (spec.service === 'europepmc') {
      const pageSize = config.pageSize ?? europepmcPageSize
      page = parseEuropepmcPage(parseJson(await http.get(join(config.baseUrl, 'search'), europepmcParams(spec, token, pageSize)), label), token, position + 1)
    } else if (spec.service === 'openalex') {
      const pageSize = config.pageSize ?? openalexPageSize
      const params = { ...openalexParams(spec, token, pageSize), ...(config.email ? { mailto: config.email } : {}), ...(config.apiKey ? { api_key: config.apiKey } : {}) }
      page = parseOpenalexPage(parseJson(await http.get(join(config.baseUrl, 'works'), params), label), position + 1)
    } else {
      const rows = config.pageSize ?? crossrefPageSize
      const params = { ...crossrefParams(spec, token, rows), ...(config.email ? { mailto: config.email } : {}) }
      page = parseCrossrefPage(parseJson(await http.get(join(config.baseUrl, 'works'), params), label), rows, position + 1)
    }
    position += page.records.length
    yield { ...page, warnings: [] }
    if (page.next === null) return
    token = page.next
  }
}
