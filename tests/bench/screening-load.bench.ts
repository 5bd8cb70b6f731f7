/**
 * Load test of screening: 50 reviewers, each fetching their next record and voting on it, against
 * Ferrite started as `npm start` does (production build) on the Postgres server, driven by autocannon.
 * Two runs: at a reviewer's pace (each reviewer one next + vote per second) and flat out. Afterwards the
 * database is checked: every accepted vote is there exactly once and every record's count matches.
 * Target: next record + vote p95 under 50 ms with 50 concurrent reviewers, no errors.
 *
 * Run: npx tsx tests/bench/screening-load.bench.ts [seconds]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { writeSyntheticRis } from './synthetic-ris'
import { createTestDatabase } from '../helpers/database'
import { fileChunks } from '../helpers/shared-data'
import { freePort, waitForHttp } from '../e2e/global-setup'
import { repoRoot } from '../../src/cli/next-build'

const seconds = Number(process.argv[2] ?? 20)
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
await importRecords({ userId: users[0]!.id, reviewId: review.id }, { source: 'Synthetic', sourceKind: 'database', searchDate: new Date(), fileName: 'search.ris' }, fileChunks(path.join(dir, 'search.ris')))
await disconnectDb()

const port = await freePort()
const base = `http://localhost:${port}`
const env = { ...process.env, DATABASE_URL: db.url, PORT: String(port), NEXTAUTH_URL: base, NEXTAUTH_SECRET: 'load-test-secret-0123456789abcdef', FERRITE_DEMO: '0' } as NodeJS.ProcessEnv
const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
try {
  await waitForHttp(`${base}/signin`, server, 300_000)
  const cookies = await Promise.all(users.map((u) => signIn(u.email)))
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
  const single = await run(undefined, 1)
  const paced = await run(2)
  const flat = await run()
  const row = (label: string, r: autocannon.Result) =>
    `${label.padEnd(34)} ${String(r.requests.total).padStart(7)} ${String(Math.round(r.requests.average)).padStart(7)} ${String(r.latency.p50).padStart(6)} ${String(r.latency.p90).padStart(6)} ${String(r.latency.p97_5).padStart(6)} ${String(r.latency.p99).padStart(6)} ${String(r.non2xx + r.errors).padStart(6)}`
  console.log(`${'run (50 reviewers, next + vote)'.padEnd(34)} ${'reqs'.padStart(7)} ${'req/s'.padStart(7)} ${'p50'.padStart(6)} ${'p90'.padStart(6)} ${'p97.5'.padStart(6)} ${'p99'.padStart(6)} ${'errors'.padStart(6)}`)
  console.log(row('one reviewer alone, flat out', single))
  console.log(row('one next + vote per second each', paced))
  console.log(row('as fast as possible', flat))
  console.log('latencies in ms; autocannon reports p90, p97.5 and p99 (p95 lies between p90 and p97.5)')
  for (const [label, r] of [['alone', single], ['paced', paced], ['flat out', flat]] as const) console.log(`status codes (${label}):`, JSON.stringify(r.statusCodeStats))

  process.env.DATABASE_URL = db.url
  const votes = await prisma().vote.count({ where: { item: { reviewId: review.id } } })
  const mismatched = await prisma().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "ScreeningItem" i WHERE i."reviewId" = ${review.id}
      AND i."voteCount" <> (SELECT count(*) FROM "Vote" v WHERE v."itemId" = i.id)`
  const over = await prisma().screeningItem.count({ where: { reviewId: review.id, voteCount: { gt: 2 } } })
  const accepted = [paced, flat].reduce((s, r) => s + Math.round(r['2xx'] / 2), 0)
  console.log(`votes in the database: ${votes}; votes accepted (≈ 2xx / 2): ${accepted}; records whose count disagrees: ${mismatched[0]!.n}; records over 2 votes: ${over}`)
} finally {
  process.kill(-server.pid!, 'SIGINT')
  await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)))
  await disconnectDb()
  await db.drop()
  fs.rmSync(dir, { recursive: true, force: true })
}

async function signIn(email: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`)
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
  })
  const session = res.headers.getSetCookie().find((c) => c.includes('session-token'))
  if (!session) throw new Error(`sign-in failed for ${email}: ${res.status}`)
  return session.split(';')[0]!
}
