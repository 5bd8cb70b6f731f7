/**
 * Saved searches and their runs against real Postgres and recorded service responses: a run imports
 * what is new into title/abstract screening, an interrupted run resumes without losing or repeating a
 * record, a run never runs twice at once, and the schedule (on a fake clock) queues each search once
 * when it is due.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { executeRun, queueDueSearches, type RunDeps } from '@/server/services/searches/runs'
import { prismaFlowCounts } from '@/server/services/publication/prisma-flow-counts'
import { callerFor, outcome, reviewWithTeam } from '../helpers/fixtures'
import { apisDir, hasRecordedApis, pubmedBatches, pubmedResponder, recorded, serveRecorded, type RecordedApi } from '../helpers/recorded-apis'

const day = 86_400_000
let api: RecordedApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

/** The service at the local server, on a clock that never waits for real. */
const deps = (url: string, now: Date, pageSize?: number, extra: Partial<NonNullable<ReturnType<NonNullable<RunDeps['config']>>['http']>> = {}): RunDeps => ({
  now: () => now,
  config: () => ({ baseUrl: url, ...(pageSize ? { pageSize } : {}), http: { sleep: async () => {}, ...extra } }),
})

describe.skipIf(!hasRecordedApis)(`living searches${hasRecordedApis ? '' : ` (skipped: ${apisDir} not found)`}`, () => {
  it('a lead saves a PubMed search and runs it: the new records wait in title/abstract screening, counted for PRISMA', async () => {
    const t = await reviewWithTeam()
    api = await serveRecorded(pubmedResponder(pubmedBatches, 3))
    const lead = callerFor(t.users.lead)
    const search = await lead.searches.create({ reviewId: t.review.id, service: 'pubmed', query: 'science[journal] AND breast cancer', since: '2008-01-01' })
    const queued = await lead.searches.runNow({ reviewId: t.review.id, searchId: search.id })
    expect(queued.state).toBe('queued')
    const now = new Date('2026-03-10T09:00:00Z')
    expect(await executeRun(queued.runId, deps(api.url, now, 3))).toEqual({ status: 'DONE', imported: 6, newRecords: 6 })

    const run = await prisma().searchRun.findUniqueOrThrow({ where: { id: queued.runId } })
    expect(run).toMatchObject({ status: 'DONE', hits: 6, fetched: 6, imported: 6, newRecords: 6, duplicates: 0, trigger: 'manual', requestedById: t.users.lead.id })
    expect(run.windowFrom?.toISOString().slice(0, 10)).toBe('2008-01-01')
    expect(run.windowTo?.toISOString().slice(0, 10)).toBe('2026-03-09') // complete days only
    expect(run.querySent).toBe('(science[journal] AND breast cancer) AND ("2008/01/01"[EDAT] : "2026/03/09"[EDAT])')
    expect(api.requests[0]!.params).toMatchObject({ datetype: 'edat', mindate: '2008/01/01', maxdate: '2026/03/09' })
    expect(await prisma().searchRunRecord.count({ where: { runId: run.id } })).toBe(0)

    const batch = await prisma().importBatch.findUniqueOrThrow({ where: { id: run.importId! } })
    expect(batch).toMatchObject({ source: 'PubMed', sourceKind: 'database', recordCount: 6, format: 'pubmed-api', searchQuery: run.querySent })
    const items = await prisma().screeningItem.findMany({ where: { reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }, include: { record: true } })
    expect(items.map((i) => i.record.pmid).sort()).toEqual(['18239125', '18239126', '18487186', '18787170', '18927361', '19008416'])
    // ranked by the review's current model as soon as the run is done
    expect(await prisma().rankingRun.count({ where: { reviewId: t.review.id } })).toBeGreaterThan(0)
    const flow = await prismaFlowCounts(t.review.id)
    expect(flow.counts.identification.databases).toEqual([{ name: 'PubMed', n: 6 }])

    // the same day again: no complete day to search, nothing asked of PubMed
    const again = await lead.searches.runNow({ reviewId: t.review.id, searchId: search.id })
    const sent = api.requests.length
    expect(await executeRun(again.runId, deps(api.url, new Date('2026-03-10T17:00:00Z'), 3))).toEqual({ status: 'DONE', imported: 0, newRecords: 0 })
    expect(api.requests.length).toBe(sent)

    // a week later the window starts the day after the last one ended; what PubMed sends again is a duplicate, not new
    const later = await lead.searches.runNow({ reviewId: t.review.id, searchId: search.id })
    expect(await executeRun(later.runId, deps(api.url, new Date('2026-03-17T09:00:00Z'), 3))).toEqual({ status: 'DONE', imported: 6, newRecords: 0 })
    expect(api.requests.at(-3)!.params).toMatchObject({ mindate: '2026/03/10', maxdate: '2026/03/16' })
    expect(await prisma().searchRun.findUniqueOrThrow({ where: { id: later.runId } })).toMatchObject({ duplicates: 6, newRecords: 0 })
    expect(await prisma().screeningItem.count({ where: { reviewId: t.review.id, stage: 'TITLE_ABSTRACT' } })).toBe(6)

    const listed = await callerFor(t.users.viewer).searches.list({ reviewId: t.review.id })
    expect(listed[0]).toMatchObject({ service: 'pubmed', query: 'science[journal] AND breast cancer', latestRun: { status: 'DONE' } })
    expect(listed[0]!.searchedUpTo?.toISOString().slice(0, 10)).toBe('2026-03-16')
    const audit = await prisma().auditEvent.findMany({ where: { reviewId: t.review.id, action: { startsWith: 'search.' } } })
    expect(audit.map((a) => a.action).sort()).toEqual(['search.run-completed', 'search.run-completed', 'search.run-requested', 'search.run-requested', 'search.run-requested', 'search.saved'])
  })

  it('a run interrupted midway keeps what it fetched and resumes from its last page, with no record twice', async () => {
    const t = await reviewWithTeam()
    const pages = JSON.parse(recorded('europepmc', 'JonasHeinickeBio__pyEuropePMC__tests_fixtures_fetch_10pages_cancer.json')) as { nextCursorMark: string }[]
    const empty = recorded('europepmc', 'JonasHeinickeBio__pyEuropePMC__tests_fixtures_search_no_results.json')
    let down = true
    api = await serveRecorded((r) => {
      const at = r.params.cursorMark === '*' ? 0 : pages.findIndex((p) => p.nextCursorMark === r.params.cursorMark) + 1
      if (at === 4 && down) return { status: 503, body: '<html><body>Service Temporarily Unavailable</body></html>' }
      return { body: at < pages.length ? JSON.stringify(pages[at]) : empty }
    })
    const lead = callerFor(t.users.owner)
    const search = await lead.searches.create({ reviewId: t.review.id, service: 'europepmc', query: 'cancer' })
    const { runId } = await lead.searches.runNow({ reviewId: t.review.id, searchId: search.id })
    const now = new Date('2026-03-10T09:00:00Z')
    const failed = await executeRun(runId, deps(api.url, now, 100, { maxRetries: 1 }))
    expect(failed).toEqual({ status: 'FAILED', error: 'Europe PMC did not answer after 2 attempts (last: HTTP 503: Service Temporarily Unavailable)' })
    const stopped = await prisma().searchRun.findUniqueOrThrow({ where: { id: runId } })
    expect(stopped).toMatchObject({ status: 'FAILED', fetched: 400, resumeToken: pages[3]!.nextCursorMark, importId: null })
    expect(await prisma().searchRecord.count({ where: { reviewId: t.review.id } })).toBe(0) // nothing half-imported
    const page = await lead.searches.list({ reviewId: t.review.id })
    expect(page[0]!.latestRun).toMatchObject({ status: 'FAILED', error: failed.status === 'FAILED' ? failed.error : '' })

    down = false
    const before = api.requests.length
    expect(await lead.searches.runNow({ reviewId: t.review.id, searchId: search.id })).toEqual({ runId, state: 'resumed' })
    expect(await executeRun(runId, deps(api.url, now, 100))).toEqual({ status: 'DONE', imported: 1000, newRecords: expect.any(Number) })
    // it went on from page 5, not from the start
    expect(api.requests[before]!.params.cursorMark).toBe(pages[3]!.nextCursorMark)
    expect(api.requests.slice(before).some((r) => r.params.cursorMark === '*')).toBe(false)
    const records = await prisma().searchRecord.findMany({ where: { reviewId: t.review.id }, select: { sourceId: true } })
    expect(records).toHaveLength(1000)
    expect(new Set(records.map((r) => r.sourceId)).size).toBe(1000)
    expect(await prisma().searchRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: 'DONE', attempts: 2, fetched: 1000 })
  })

  it('a run never runs twice at once, and a second "Run now" returns the run already waiting', async () => {
    const t = await reviewWithTeam()
    api = await serveRecorded(pubmedResponder(pubmedBatches, 3))
    const lead = callerFor(t.users.lead)
    const search = await lead.searches.create({ reviewId: t.review.id, service: 'pubmed', query: 'breast cancer' })
    const [a, b] = await Promise.all(
      [lead.searches.runNow({ reviewId: t.review.id, searchId: search.id }), lead.searches.runNow({ reviewId: t.review.id, searchId: search.id })].map((p) => p.catch((e: unknown) => e)),
    )
    const ids = [a, b].filter((x): x is { runId: string; state: string } => typeof x === 'object' && x !== null && 'runId' in x).map((x) => x.runId)
    expect(new Set(ids).size).toBe(1)
    const runId = ids[0]!
    const now = new Date('2026-03-10T09:00:00Z')
    const outcomes = await Promise.all([executeRun(runId, deps(api.url, now, 3)), executeRun(runId, deps(api.url, now, 3))])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['DONE', 'skipped'])
    expect(api.requests.filter((r) => r.path === 'esearch.fcgi')).toHaveLength(1)
    expect(await prisma().searchRecord.count({ where: { reviewId: t.review.id } })).toBe(6)
  })

  it('the schedule queues a search once when it is due, whichever instance ticks (fake clock)', async () => {
    const t = await reviewWithTeam()
    const lead = callerFor(t.users.lead)
    const saved = await lead.searches.create({ reviewId: t.review.id, service: 'crossref', query: 'liver iron MRI', schedule: { every: 1, unit: 'week' } })
    const t0 = saved.createdAt.getTime()
    const runsOf = () => prisma().searchRun.findMany({ where: { savedSearchId: saved.id }, orderBy: { queuedAt: 'asc' } })
    await queueDueSearches(new Date(t0 + 6 * day))
    expect(await runsOf()).toHaveLength(0)
    // two app instances tick at the same moment: one run
    await Promise.all([queueDueSearches(new Date(t0 + 7 * day + 1000)), queueDueSearches(new Date(t0 + 7 * day + 1000))])
    const [first] = await runsOf()
    expect(await runsOf()).toHaveLength(1)
    expect(first).toMatchObject({ trigger: 'schedule', status: 'QUEUED' })
    expect((await prisma().savedSearch.findUniqueOrThrow({ where: { id: saved.id } })).nextRunAt?.getTime()).toBe(t0 + 14 * day + 1000)
    await prisma().searchRun.update({ where: { id: first!.id }, data: { status: 'DONE' } })
    await queueDueSearches(new Date(t0 + 8 * day))
    expect(await runsOf()).toHaveLength(1)
    await queueDueSearches(new Date(t0 + 14 * day + 1000))
    expect(await runsOf()).toHaveLength(2)
    // manual and archived searches are never due
    await lead.searches.update({ reviewId: t.review.id, searchId: saved.id, archived: true })
    await queueDueSearches(new Date(t0 + 400 * day))
    expect(await runsOf()).toHaveLength(2)
    expect(await outcome(() => lead.searches.runNow({ reviewId: t.review.id, searchId: saved.id }))).toBe('PRECONDITION_FAILED')
  })

  it('a query the service refuses fails the run with the service’s reason; a search of another review is not found', async () => {
    const t = await reviewWithTeam()
    const other = await reviewWithTeam()
    api = await serveRecorded(() => ({ status: 400, body: recorded('openalex', 'rkrug__openalexPro__tests_fixtures_vcr_opt_filter_names.0.body.json') }))
    const lead = callerFor(t.users.lead)
    const search = await lead.searches.create({ reviewId: t.review.id, service: 'openalex', query: 'DOESNTEXIST:1' })
    const { runId } = await lead.searches.runNow({ reviewId: t.review.id, searchId: search.id })
    const result = await executeRun(runId, deps(api.url, new Date()))
    expect(result.status).toBe('FAILED')
    expect((await lead.searches.runs({ reviewId: t.review.id }))[0]!.error).toMatch(/^OpenAlex refused the request \(HTTP 400\): Invalid query parameters error/)
    // a lead of another review cannot run, reschedule or read this search through their own review
    const outsiderLead = callerFor(other.users.lead)
    expect(await outcome(() => outsiderLead.searches.runNow({ reviewId: other.review.id, searchId: search.id }))).toBe('NOT_FOUND')
    expect(await outcome(() => outsiderLead.searches.update({ reviewId: other.review.id, searchId: search.id, archived: true }))).toBe('NOT_FOUND')
    expect(await outsiderLead.searches.runs({ reviewId: other.review.id, searchId: search.id })).toEqual([])
    expect(await outcome(() => lead.searches.create({ reviewId: t.review.id, service: 'pubmed', query: 'x', dateField: 'FIRST_IDATE' }))).toBe('BAD_REQUEST')
  })
})
