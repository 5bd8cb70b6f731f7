import { ferriteNodeArgs } from '../../../src/cli/processes'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { apisDir, hasRecordedApis, pubmedAllSix, pubmedResponder, recorded, serveRecorded, type RecordedApi } from '../../helpers/recorded-apis'

const repoRoot = path.resolve(import.meta.dirname, '../../..')

/** Runs `ferrite` without blocking this process, which serves the recorded answers meanwhile. */
function ferrite(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ferriteNodeArgs(...args), { cwd: repoRoot, env: { ...process.env, FERRITE_CONTACT_EMAIL: 'cli@example.org' } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

let api: RecordedApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

describe('ferrite search: usage', () => {
  it('names what is wrong with the command line', async () => {
    expect((await ferrite('search', 'scopus', 'liver')).stderr).toContain("unknown service 'scopus': use one of pubmed, europepmc, openalex, crossref")
    const bad = await ferrite('search', 'pubmed', 'liver', '--from', '2026-13-45')
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'ferrite: --from must be a date as YYYY-MM-DD, not "2026-13-45"'])
    expect((await ferrite('search', 'pubmed', 'liver', '--max', '0')).stderr).toContain('--max must be a whole number of records')
  })
})

describe.skipIf(!hasRecordedApis)(`ferrite search on recorded answers${hasRecordedApis ? '' : ` (skipped: ${apisDir} not found)`}`, () => {
  it('prints what PubMed sends for a query and window, with the contact address sent along', async () => {
    api = await serveRecorded(pubmedResponder([pubmedAllSix], 6, 6))
    const run = await ferrite('search', 'pubmed', 'science[journal] AND breast cancer', '--from', '2008-01-01', '--to', '2008-12-31', '--max', '6', '--base-url', api.url)
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout) as {
      service: string
      query: string
      count: number
      records: number
      items: { title: string; authors: string[]; year: number; journal: string; doi: string; pmid: string; abstract: string }[]
    }
    expect(out).toMatchObject({ service: 'pubmed', query: 'science[journal] AND breast cancer', count: 6, records: 6 })
    expect(Object.keys(out.items[0]!)).toEqual(['title', 'authors', 'year', 'journal', 'doi', 'pmid', 'abstract'])
    expect(out.items.map((i) => i.pmid)).toEqual(['19008416', '18927361', '18787170', '18487186', '18239126', '18239125'])
    expect(api.requests[0]!.params).toMatchObject({ mindate: '2008/01/01', maxdate: '2008/12/31', email: 'cli@example.org' })
  })

  it('stops at --max, and says why a service refused the query', async () => {
    api = await serveRecorded((r) => (r.path === 'works' ? { body: recorded('openalex', 'rkrug__openalexPro__tests_fixtures_vcr_pro_fetch_search_biodiversity_AND_finance.0.body.json') } : undefined))
    const run = await ferrite('search', 'openalex', 'biodiversity AND finance', '--max', '5', '--base-url', api.url)
    expect(JSON.parse(run.stdout)).toMatchObject({ service: 'openalex', count: 429, records: 5 })
    expect(api.requests).toHaveLength(1)
    await api.close()
    api = await serveRecorded(() => ({ status: 400, body: recorded('crossref', 'ropensci__rcrossref__tests_fixtures_cr_works_fails_well.1.body.json') }))
    const refused = await ferrite('search', 'crossref', 'ecology', '--base-url', api.url)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^ferrite: Crossref refused the request \(HTTP 400\): Integer specified as 200 but must be a positive integer less than or equal to 100\./)
  })
})
