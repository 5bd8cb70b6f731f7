/**
 * Load test of screening: 50 reviewers, each fetching their next record and voting on it, against
 * Ferrite started as `npm start` does (production build, with its background worker retraining the
 * ranking as votes arrive) on the Postgres server. Runs:
 *   - at reviewers' pace, working as the screening page does (a vote brings the next record back
 *     with it; the progress panel refreshes every 10 s): each of the 50 reviewers screens one record
 *     every 3 s on average (a fast screener; the time between records is uniform on 1.5-4.5 s, the
 *     reviewers start at random moments), then every 1 s, driven by fetch so that each request's
 *     latency is measured exactly;
 *     autocannon's own rate limit sends every connection's quota at the top of each second, all
 *     connections together, which measures a thundering herd rather than 50 people screening;
 *   - flat out with autocannon: one reviewer alone, then all 50 with no pause (the throughput ceiling).
 * Afterwards the database is checked: every accepted vote is there exactly once, every record's count
 * matches and no record has more votes than it needs.
 * Target: next record + vote p95 under 50 ms with 50 concurrent reviewers, no errors.
 * (A reviewer waits for one request per record, the vote that returns the next record.)
 *
 * Each paced run's requests (start time, latency) go to tests/.artifacts/screening-load-<pace>s.csv, to
 * see when the slow ones happened (the re-rankings' times are printed).
 *
 * Run: npx tsx --conditions=react-server tests/bench/screening-load.bench.ts [seconds] [--paced-only]   (--paced-only: the 3 s pace run alone)
 */
import { ferriteNodeArgs } from '../../src/cli/processes'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { writeSyntheticRis } from './synthetic-ris'
import { createTestDatabase } from '../helpers/database'
import { fileChunks } from '../helpers/shared-data'
import { freePort, waitForHttp } from '../e2e/global-setup'
import { signInOverHttp } from './http-sign-in'
import { repoRoot } from '../../src/cli/next-build'

const seconds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 20)
const pacedOnly = process.argv.includes('--paced-only')
/**
 * As the screening page's progress panel while a team screens: it refetches the counts after each
 * screening.changes message, which the server sends at most every 2 s (coalesced), so every 2 s here.
 */
const progressRefreshMs = 2_000
const reviewers = 50
const db = await createTestDatabase('load')
if (db.embedded) throw new Error('the load test needs a Postgres server (TEST_DATABASE_URL or 127.0.0.1:5432)')
process.env.DATABASE_URL = db.url
const { prisma, disconnectDb } = await import('@/server/db/client')
const { disableJobs } = await import('@/server/jobs/boss')
const { importRecords } = await import('@/server/services/records/import')
const { createReview, createUser } = await import('../../prisma/seed/factories')
disableJobs()

const password = 'load test passphrase'
const users = []
for (let i = 0; i < reviewers; i++) users.push(await createUser(prisma(), { email: `reviewer${i}@load.test`, password }))
const review = await createReview(prisma(), { members: users.map((u, i) => ({ userId: u.id, role: i === 0 ? 'OWNER' : 'REVIEWER' })) })
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-load-'))
writeSyntheticRis(path.join(dir, 'search.ris'), 20_000, [600, 1200])
await importRecords(
  { userId: users[0]!.id, reviewId: review.id },
  { source: 'Synthetic', sourceKind: 'database', searchDate: new Date(), fileName: 'search.ris' },
  fileChunks(path.join(dir, 'search.ris')),
)
await disconnectDb()

const port = await freePort()
const base = `http://localhost:${port}`
// FERRITE_BENCH_CPU_PROF=<dir>: every process of the server writes a V8 CPU profile there when it stops
// (Node refuses --cpu-prof in NODE_OPTIONS, so a preloaded script runs the profiler)
const profile = process.env.FERRITE_BENCH_CPU_PROF
  ? { NODE_OPTIONS: `--require ${path.join(import.meta.dirname, 'cpu-profile.cjs')}`, FERRITE_CPU_PROFILE_DIR: path.resolve(process.env.FERRITE_BENCH_CPU_PROF) }
  : {}
const env = { ...process.env, ...profile, DATABASE_URL: db.url, PORT: String(port), NEXTAUTH_URL: base, NEXTAUTH_SECRET: 'load-test-secret-0123456789abcdef', FERRITE_DEMO: '0' } as NodeJS.ProcessEnv
const server = spawn(process.execPath, ferriteNodeArgs('start'), { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
try {
  await waitForHttp(`${base}/signin`, server, 300_000)
  // one after the other: sign-ins from one address under way at the same moment count against its limit until they succeed
  const cookies: string[] = []
  for (const u of users) cookies.push(await signInOverHttp(base, u.email, password))
  const input = encodeURIComponent(JSON.stringify({ json: { reviewId: review.id, stage: 'TITLE_ABSTRACT', skip: [] } }))
  let client = 0
  const run = (connectionRate?: number, connections = reviewers) =>
    autocannon({
      url: base,
      connections,
      duration: seconds,
      connectionRate,
      setupClient: (c: { setHeaders(h: Record<string, string>): void }) => c.setHeaders({ cookie: cookies[client++ % reviewers]!, 'content-type': 'application/json' }),
      requests: [
        {
          method: 'GET',
          path: `/api/trpc/screening.next?input=${input}`,
          onResponse: (status: number, body: string, context: Record<string, unknown>) => {
            context.itemId = status === 200 ? (JSON.parse(body) as { result: { data: { json: { id: string } | null } } }).result.data.json?.id : undefined
          },
        },
        {
          method: 'POST',
          path: '/api/trpc/screening.vote',
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) =>
            context.itemId ? { ...req, body: JSON.stringify({ json: { reviewId: review.id, itemId: context.itemId, decision: Math.random() < 0.1 ? 'INCLUDE' : 'EXCLUDE' } }) } : undefined,
        },
      ],
    } as autocannon.Options)
  let accepted = 0
  const progressInput = encodeURIComponent(JSON.stringify({ json: { reviewId: review.id, stage: 'TITLE_ABSTRACT' } }))
  type Item = { result: { data: { json: { status?: string; next?: { id: string } | null; id?: string } | null } } }
  /**
   * Each reviewer works as the screening page does: the first record from `next`, then per record one
   * vote that brings the next record back with it (what the reviewer waits for), and the progress
   * panel's refresh every 10 s (in the background: its load counts, its latency is reported apart).
   */
  const paced = async (meanSeconds: number) => {
    const latencies: number[] = []
    const timeline: string[] = []
    const progress: number[] = []
    const failures: string[] = []
    const startedAt = new Date()
    const until = Date.now() + seconds * 1000
    const timed = async (into: number[], url: string, init: RequestInit, cookie: string) => {
      const t0 = performance.now()
      const res = await fetch(url, { ...init, headers: { cookie, 'content-type': 'application/json' } })
      const body = await res.text()
      into.push(performance.now() - t0)
      if (into === latencies) timeline.push(`${new Date(Date.now() - (performance.now() - t0)).toISOString()},${Math.round(performance.now() - t0)}`)
      if (!res.ok) failures.push(`${res.status} ${body.slice(0, 120)}`)
      return res.ok ? (JSON.parse(body) as Item).result.data.json : null
    }
    await Promise.all(
      cookies.map(async (cookie) => {
        await sleep(Math.random() * meanSeconds * 1000)
        let id = (await timed([], `${base}/api/trpc/screening.next?input=${input}`, {}, cookie))?.id
        // each page's 10 s timer runs from when that reviewer opened it: phases spread over the interval
        let progressAt = Date.now() - Math.random() * progressRefreshMs
        while (id && Date.now() < until) {
          const started = Date.now()
          const body = JSON.stringify({ json: { reviewId: review.id, itemId: id, decision: Math.random() < 0.1 ? 'INCLUDE' : 'EXCLUDE', thenNext: { skip: [] } } })
          const voted = await timed(latencies, `${base}/api/trpc/screening.vote`, { method: 'POST', body }, cookie)
          if (voted) accepted++
          id = voted?.next?.id
          if (Date.now() - progressAt >= progressRefreshMs) {
            progressAt = Date.now()
            void timed(progress, `${base}/api/trpc/screening.progress?input=${progressInput}`, {}, cookie)
          }
          await sleep(Math.max(0, started + meanSeconds * (0.5 + Math.random()) * 1000 - Date.now()))
        }
      }),
    )
    await sleep(500)
    fs.mkdirSync(path.join(repoRoot, 'tests/.artifacts'), { recursive: true })
    fs.writeFileSync(path.join(repoRoot, `tests/.artifacts/screening-load-${meanSeconds}s.csv`), `started,ms\n${timeline.sort().join('\n')}\n`)
    const q = (xs: number[], p: number) => Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!)
    return {
      startedAt,
      total: latencies.length,
      rate: (latencies.length + progress.length) / seconds,
      p50: q(latencies, 0.5),
      p90: q(latencies, 0.9),
      p95: q(latencies, 0.95),
      p99: q(latencies, 0.99),
      progress: { p50: q(progress, 0.5), p95: q(progress, 0.95) },
      errors: failures,
    }
  }
  // one reviewer alone first: it also warms the server up (compiled routes, JIT, connection pool)
  const single = await run(undefined, 1)
  // The first ranking after those votes scores every record (from 0) and builds the TF-IDF features:
  // a review has that behind it long before 50 people screen at once, so the paced runs start after it.
  process.env.DATABASE_URL = db.url
  for (let waited = 0; (await prisma().rankingRun.count({ where: { reviewId: review.id } })) === 0 && waited < 120; waited++) await sleep(1000)
  await disconnectDb()
  const human = await paced(3)
  const brisk = pacedOnly ? undefined : await paced(1)
  const flat = pacedOnly ? undefined : await run()
  accepted += Math.round((flat?.['2xx'] ?? 0) / 2)
  const cols = (xs: (string | number)[]) => xs.map((x, i) => (i === 0 ? String(x).padEnd(44) : String(x).padStart(7))).join(' ')
  console.log(cols(['run', 'records', 'req/s', 'p50', 'p90', 'p95', 'p97.5', 'p99', 'errors']))
  for (const [label, r] of [
    ['50 reviewers, a record every 3 s each', human],
    ['50 reviewers, a record every 1 s each', brisk],
  ] as const)
    if (r) console.log(cols([label, r.total, Math.round(r.rate), r.p50, r.p90, r.p95, '', r.p99, r.errors.length]))
  for (const [label, r] of [
    ['autocannon: one reviewer alone, flat out', single],
    ['autocannon: 50 reviewers, flat out', flat],
  ] as const)
    if (r) console.log(cols([label, r.requests.total, Math.round(r.requests.average), r.latency.p50, r.latency.p90, '', r.latency.p97_5, r.latency.p99, r.non2xx + r.errors]))
  console.log('paced runs: latency of the vote that brings the next record (one request per record), in ms; req/s counts the progress refreshes too')
  for (const [label, r] of [
    ['3 s', human],
    ['1 s', brisk],
  ] as const)
    if (r) console.log(`progress refresh beside it (${label} pace): p50 ${r.progress.p50} ms, p95 ${r.progress.p95} ms`)
  console.log('autocannon runs: next and vote as two requests, latency per request in ms (autocannon reports p90, p97.5 and p99; p95 lies between them)')
  for (const r of [human, brisk]) if (r?.errors.length) console.log('failures:', [...new Set(r.errors)].slice(0, 5))
  for (const [label, r] of [
    ['alone', single],
    ['flat out', flat],
  ] as const)
    if (r) console.log(`status codes (${label}):`, JSON.stringify(r.statusCodeStats))

  process.env.DATABASE_URL = db.url
  const votes = await prisma().vote.count({ where: { item: { reviewId: review.id } } })
  const mismatched = await prisma().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "ScreeningItem" i WHERE i."reviewId" = ${review.id}
      AND i."voteCount" <> (SELECT count(*) FROM "Vote" v WHERE v."itemId" = i.id)`
  const runs = await prisma().rankingRun.findMany({ where: { reviewId: review.id }, orderBy: { createdAt: 'asc' }, select: { createdAt: true, durationMs: true, labelled: true } })
  console.log(`paced runs started at ${[human, brisk].flatMap((r) => (r ? [r.startedAt.toISOString().slice(11, 19)] : [])).join(', ')}`)
  console.log(
    `re-rankings by the worker (start, duration, labels): ${runs.map((r) => `${new Date(r.createdAt.getTime() - r.durationMs).toISOString().slice(11, 19)} ${(r.durationMs / 1000).toFixed(1)} s ${r.labelled}`).join('; ')}`,
  )
  const over = await prisma().screeningItem.count({ where: { reviewId: review.id, voteCount: { gt: 2 } } })
  console.log(`votes in the database: ${votes}; votes accepted (the alone run's not counted): ${accepted}; records whose count disagrees: ${mismatched[0]!.n}; records over 2 votes: ${over}`)
} finally {
  process.kill(-server.pid!, 'SIGINT')
  await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)))
  await disconnectDb()
  await db.drop()
  fs.rmSync(dir, { recursive: true, force: true })
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms))
}
