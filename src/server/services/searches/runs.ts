/**
 * Running a saved search. A run is queued (by a lead or the schedule), claimed by one worker, fetches
 * page after page into a staging table (each page and the place to go on from are committed together),
 * and once the service has sent everything imports the staged records into the review in one
 * transaction, deduplicated against everything already there, as PRISMA's "records identified" for the
 * new period. A run that fails midway keeps what it fetched and resumes from its last page; one that
 * completes leaves nothing staged.
 *
 * Never twice at once, across app instances: a search has at most one QUEUED or RUNNING run (a
 * partial unique index), a run is claimed by one atomic UPDATE, and every later write of the run
 * checks the claim's attempt number, so a worker that lost its claim (its heartbeat stopped for ten
 * minutes and another took over) cannot write.
 */
import 'server-only'
import type { CitationRecord } from '@/core/citations/citation-record'
import { crossrefParams } from '@/core/searches/crossref'
import { europepmcQuery } from '@/core/searches/europepmc'
import { openalexParams } from '@/core/searches/openalex'
import { pubmedTerm } from '@/core/searches/pubmed'
import { dayOf, runWindow, serviceDateFields, serviceLabels, type SearchService, type SearchSpec, type SearchWindow } from '@/core/searches/search-spec'
import { searchPages, serviceConfig, type ServiceConfig } from '@/server/bibliographic/clients'
import { ServiceError } from '@/server/bibliographic/http'
import { prisma } from '@/server/db/client'
import { sortableId } from '@/server/db/sortable-id'
import { sql, transaction } from '@/server/db/sql'
import { env } from '@/server/env'
import { AppError } from '@/server/errors'
import { jobs, jobsEnabled, queues } from '@/server/jobs/boss'
import { publishChange } from '@/server/live/changes'
import { recordAuditSql } from '../audit'
import { writeImport } from '../records/import'
import { rerankReview } from '../screening/ranking'
import { searchToRun } from './saved-searches'

/** A RUNNING run whose heartbeat is older than this is taken to be dead and may be taken over. */
export const staleAfterMs = 10 * 60_000
/** resumeToken once the service has sent every page (null: nothing fetched yet). */
const fetchedAll = ''

export interface RunDeps {
  now?: () => Date
  /** Overrides of the service settings (tests: a local server, a fake clock for the rate limiter). */
  config?: (service: SearchService) => Partial<ServiceConfig>
}

/** The query as the service receives it, written the way the team would read it in the service. */
export function querySent(spec: SearchSpec): string {
  const { from, to } = spec.window
  const windowed = from || to
  switch (spec.service) {
    case 'pubmed': {
      const field = (spec.dateField || serviceDateFields.pubmed.default).toUpperCase()
      const range = `("${(from ?? '1800-01-01').replaceAll('-', '/')}"[${field}] : "${(to ?? '3000-12-31').replaceAll('-', '/')}"[${field}])`
      return windowed ? `(${pubmedTerm(spec)}) AND ${range}` : pubmedTerm(spec)
    }
    case 'europepmc':
      return europepmcQuery(spec)
    case 'openalex': {
      const p = openalexParams(spec, '*')
      return `search=${p.search}${p.filter ? `&filter=${p.filter}` : ''}`
    }
    case 'crossref': {
      const p = crossrefParams(spec, '*')
      return `query=${p.query}${p.filter ? `&filter=${p.filter}` : ''}`
    }
  }
}

/** The service's own id for a record, so a page fetched twice stores each record once. */
function recordKey(service: SearchService, r: CitationRecord): string {
  if (service === 'pubmed' && r.pmid) return `pmid:${r.pmid}`
  if (r.sourceId) return r.sourceId
  if (r.doi) return `doi:${r.doi}`
  return `position:${r.line}`
}

function sendJob(runId: string) {
  if (!jobsEnabled()) return
  jobs()
    .then((boss) => boss.send(queues.searchRun, { runId }, { singletonKey: runId }))
    .catch((e: unknown) => console.error('[jobs] could not queue a search run:', e instanceof Error ? e.message : e))
}

/**
 * Queues a run of the search (a lead's "Run now"). A search whose last run failed resumes that run;
 * one with a run waiting or running gets that run back, not a second one.
 */
export async function queueRun(actor: { userId: string; reviewId: string }, searchId: string): Promise<{ runId: string; state: 'queued' | 'resumed' | 'already-active' }> {
  const search = await searchToRun(actor, searchId)
  const result = await transaction(async (client) => {
    const [active] = await sql<{ id: string }>(`SELECT id FROM "SearchRun" WHERE "savedSearchId" = $1 AND status IN ('QUEUED', 'RUNNING')`, [search.id], client)
    if (active) return { runId: active.id, state: 'already-active' as const }
    const [failed] = await sql<{ id: string }>(
      `UPDATE "SearchRun" SET status = 'QUEUED', error = NULL, "requestedById" = $2
        WHERE id = (SELECT id FROM "SearchRun" WHERE "savedSearchId" = $1 ORDER BY "queuedAt" DESC LIMIT 1) AND status = 'FAILED'
        RETURNING id`,
      [search.id, actor.userId],
      client,
    )
    let runId = failed?.id
    if (!runId) {
      const [created] = await sql<{ id: string }>(
        `INSERT INTO "SearchRun" (id, "reviewId", "savedSearchId", trigger, "requestedById") VALUES ($1, $2, $3, 'manual', $4)
          ON CONFLICT ("savedSearchId") WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING RETURNING id`,
        [sortableId(), actor.reviewId, search.id, actor.userId],
        client,
      )
      if (!created) throw new AppError('CONFLICT', 'A run of this search was queued a moment ago')
      runId = created.id
    }
    await recordAuditSql(client, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'search.run-requested',
      entity: 'SearchRun',
      entityId: runId,
      after: { searchId: search.id, resumed: Boolean(failed) },
    })
    return { runId, state: failed ? ('resumed' as const) : ('queued' as const) }
  })
  if (result.state !== 'already-active') sendJob(result.runId)
  return result
}

interface ClaimedRun {
  id: string
  reviewId: string
  savedSearchId: string
  attempts: number
  startedAt: Date
  windowFrom: Date | null
  windowTo: Date | null
  fetched: number
  resumeToken: string | null
  requestedById: string | null
  warnings: string[]
}

export type RunOutcome = { status: 'skipped' } | { status: 'FAILED'; error: string } | { status: 'DONE'; imported: number; newRecords: number }

/**
 * Does the work of one run, if it is this worker's to do (queued, or running with a dead worker).
 * Resolves with what happened; a failure of the service is recorded on the run, not thrown.
 */
export async function executeRun(runId: string, deps: RunDeps = {}): Promise<RunOutcome> {
  const now = deps.now ?? (() => new Date())
  const started = now()
  const [run] = await sql<ClaimedRun>(
    `UPDATE "SearchRun" SET status = 'RUNNING', "startedAt" = COALESCE("startedAt", $2), "heartbeatAt" = $2, attempts = attempts + 1, error = NULL, "finishedAt" = NULL
      WHERE id = $1 AND (status = 'QUEUED' OR (status = 'RUNNING' AND "heartbeatAt" < $3))
      RETURNING id, "reviewId", "savedSearchId", attempts, "startedAt", "windowFrom", "windowTo", fetched, "resumeToken", "requestedById", warnings`,
    [runId, started, new Date(started.getTime() - staleAfterMs)],
  )
  if (!run) return { status: 'skipped' }
  const search = await prisma().savedSearch.findUniqueOrThrow({ where: { id: run.savedSearchId } })
  const service = search.service as SearchService
  const fence = [run.id, run.attempts] as const
  const lost = () => new Error('This run was taken over by another worker')

  let window: SearchWindow | null = run.windowTo ? { from: run.windowFrom ? dayOf(run.windowFrom) : null, to: dayOf(run.windowTo) } : null
  if (!window) {
    const [previous] = await sql<{ windowTo: Date }>(`SELECT "windowTo" FROM "SearchRun" WHERE "savedSearchId" = $1 AND status = 'DONE' AND "windowTo" IS NOT NULL ORDER BY "windowTo" DESC LIMIT 1`, [
      search.id,
    ])
    window = runWindow({ since: search.since ? dayOf(search.since) : null, previousTo: previous ? dayOf(previous.windowTo) : null }, started)
    if (!window) {
      await sql(`UPDATE "SearchRun" SET status = 'DONE', "finishedAt" = $3, hits = 0, imported = 0, "newRecords" = 0, duplicates = 0, warnings = $4::jsonb WHERE id = $1 AND attempts = $2`, [
        ...fence,
        now(),
        JSON.stringify(['No complete day since the previous run: the next run searches from the day after it']),
      ])
      return { status: 'DONE', imported: 0, newRecords: 0 }
    }
  }
  const spec: SearchSpec = { service, query: search.query, window, dateField: search.dateField, publicationTypes: search.publicationTypes }
  await sql(`UPDATE "SearchRun" SET "windowFrom" = $3::date, "windowTo" = $4::date, "querySent" = $5 WHERE id = $1 AND attempts = $2`, [...fence, window.from, window.to, querySent(spec)])

  // 1. fetch, page by page, into the staging table
  if (run.resumeToken !== fetchedAll) {
    const config = serviceConfig(service, deps.config?.(service))
    const resume = run.resumeToken === null ? null : { token: run.resumeToken, position: service === 'pubmed' ? Number(run.resumeToken) : run.fetched }
    try {
      for await (const page of searchPages(spec, config, resume)) {
        const keyed = page.records.map((r) => ({ key: recordKey(service, r), r }))
        await transaction(async (client) => {
          if (keyed.length)
            await client.query(
              `INSERT INTO "SearchRunRecord" ("runId", key, position, record)
                SELECT $1, k, p, r FROM unnest($2::text[], $3::int[], $4::jsonb[]) AS u(k, p, r) ON CONFLICT DO NOTHING`,
              [run.id, keyed.map((k) => k.key), keyed.map((k) => k.r.line), keyed.map((k) => JSON.stringify(k.r))],
            )
          const updated = await client.query(
            `UPDATE "SearchRun" SET hits = $3, "resumeToken" = $4, "heartbeatAt" = $5, warnings = warnings || $6::jsonb,
               fetched = (SELECT count(*) FROM "SearchRunRecord" WHERE "runId" = $1)
             WHERE id = $1 AND attempts = $2`,
            [...fence, page.hits, page.next ?? fetchedAll, now(), JSON.stringify(page.warnings)],
          )
          if (updated.rowCount === 0) throw lost()
        })
      }
    } catch (error) {
      const message = error instanceof ServiceError ? error.message : `The run stopped: ${error instanceof Error ? error.message : String(error)}`
      await sql(`UPDATE "SearchRun" SET status = 'FAILED', error = $3, "finishedAt" = $4 WHERE id = $1 AND attempts = $2`, [...fence, message, now()])
      return { status: 'FAILED', error: message }
    }
  }

  // 2. import what was fetched, all at once. On a PostgreSQL server the staged records are read in
  // batches on a second connection while the import's COPY runs on its own; the embedded database has
  // one connection, so there they are read first.
  const stagedCount = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "SearchRunRecord" WHERE "runId" = $1`, [run.id]))[0]!.n
  // (a resumed run may number a page from a position an earlier page used: the key breaks ties)
  const readBatch = (after: { position: number; key: string }) =>
    sql<{ record: CitationRecord; position: number; key: string }>(
      `SELECT record, position, key FROM "SearchRunRecord" WHERE "runId" = $1 AND (position, key) > ($2, $3) ORDER BY position, key LIMIT 1000`,
      [run.id, after.position, after.key],
    )
  const preloaded = env().FERRITE_EMBEDDED === '1' ? await sql<{ record: CitationRecord }>(`SELECT record FROM "SearchRunRecord" WHERE "runId" = $1 ORDER BY position, key`, [run.id]) : null
  const label = serviceLabels[service]
  const outcome = await transaction(async (client) => {
    const owner = await client.query(`SELECT 1 FROM "SearchRun" WHERE id = $1 AND attempts = $2 AND status = 'RUNNING' FOR UPDATE`, [...fence])
    if (owner.rowCount === 0) throw lost()
    const actor = { userId: run.requestedById ?? search.createdById, reviewId: run.reviewId }
    const summary = stagedCount
      ? await writeImport(
          client,
          actor,
          {
            source: label,
            sourceKind: 'database',
            searchDate: window.to ? new Date(`${window.to}T00:00:00Z`) : started,
            searchQuery: querySent(spec),
            fileName: `${label} search, ${window.from ?? 'all time'} to ${window.to}`,
          },
          async (write) => {
            if (preloaded) for (let i = 0; i < preloaded.length; i += 1000) await write(preloaded.slice(i, i + 1000).map((s) => s.record))
            else for (let batch = await readBatch({ position: -1, key: '' }); batch.length; batch = await readBatch(batch.at(-1)!)) await write(batch.map((s) => s.record))
            return { format: `${service}-api`, warnings: [] }
          },
        )
      : null
    await client.query(
      `UPDATE "SearchRun" SET status = 'DONE', "finishedAt" = $3, imported = $4, "newRecords" = $5, duplicates = $6, "importId" = $7, "resumeToken" = NULL WHERE id = $1 AND attempts = $2`,
      [...fence, now(), summary?.records ?? 0, summary?.toScreen ?? 0, summary ? summary.duplicatesRemoved + summary.suspectedDuplicates : 0, summary?.importId ?? null],
    )
    await client.query(`DELETE FROM "SearchRunRecord" WHERE "runId" = $1`, [run.id])
    await recordAuditSql(client, {
      reviewId: run.reviewId,
      actorId: run.requestedById,
      action: 'search.run-completed',
      entity: 'SearchRun',
      entityId: run.id,
      after: { service, window, fetched: stagedCount, newRecords: summary?.toScreen ?? 0 },
    })
    return { imported: summary?.records ?? 0, newRecords: summary?.toScreen ?? 0 }
  })
  if (outcome.newRecords > 0) {
    // the new records wait in title/abstract screening in the order of the review's current model
    await rerankReview(run.reviewId).catch((e: unknown) => console.error('[search] re-ranking after a run failed:', e instanceof Error ? e.message : e))
    publishChange(run.reviewId, 'screening')
  }
  return { status: 'DONE', ...outcome }
}

/**
 * The schedule's tick: every search whose time has come gets a queued run (one, whichever instance
 * ticks first: the UPDATE that moves its next time claims it), and runs left waiting or abandoned by a
 * dead worker are handed to the queue again. Returns the runs handed to the queue.
 */
export async function queueDueSearches(now: Date): Promise<string[]> {
  const due = await sql<{ id: string; reviewId: string; createdById: string }>(
    `UPDATE "SavedSearch" SET "nextRunAt" = $1::timestamp + make_interval(days => "everyDays")
      WHERE "nextRunAt" <= $1 AND NOT archived AND "everyDays" IS NOT NULL
      RETURNING id, "reviewId", "createdById"`,
    [now],
  )
  for (const s of due)
    await sql(
      `INSERT INTO "SearchRun" (id, "reviewId", "savedSearchId", trigger, "queuedAt") VALUES ($1, $2, $3, 'schedule', $4)
        ON CONFLICT ("savedSearchId") WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING`,
      [sortableId(), s.reviewId, s.id, now],
    )
  const waiting = await sql<{ id: string }>(`SELECT id FROM "SearchRun" WHERE status = 'QUEUED' OR (status = 'RUNNING' AND "heartbeatAt" < $1) ORDER BY "queuedAt"`, [
    new Date(now.getTime() - staleAfterMs),
  ])
  for (const r of waiting) sendJob(r.id)
  return waiting.map((r) => r.id)
}

/** How often the worker looks for due searches. */
export const scheduleTickMs = 60_000

/** Registers this process as a worker for search runs and ticks the schedule (`ferrite worker`). */
export async function startSearchWorker(log: (line: string) => void = () => undefined): Promise<() => void> {
  const boss = await jobs()
  await boss.work<{ runId: string }>(queues.searchRun, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return
    const outcome = await executeRun(job.data.runId)
    if (outcome.status !== 'skipped') log(`Search run ${job.data.runId}: ${outcome.status === 'DONE' ? `${outcome.newRecords} new records` : outcome.error}`)
  })
  const tick = () => void queueDueSearches(new Date()).catch((e: unknown) => log(`Search schedule failed: ${e instanceof Error ? e.message : String(e)}`))
  tick()
  const timer = setInterval(tick, scheduleTickMs)
  timer.unref()
  return () => clearInterval(timer)
}
