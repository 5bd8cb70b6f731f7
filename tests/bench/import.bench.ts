/**
 * Import benchmark: a synthetic 100,000-record RIS export (~150 MB) streamed into Postgres through the
 * import service (parse, batch inserts, deduplication against the review, screening items) in one
 * transaction, on a fresh database on the Postgres server (TEST_DATABASE_URL or 127.0.0.1:5432).
 * Prints wall time, records per second and the process's peak RSS. Targets: under 60 s, under 1 GB.
 *
 * Run: npx tsx --conditions=react-server tests/bench/import.bench.ts [records]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeSyntheticRis } from './synthetic-ris'
import { createTestDatabase } from '../helpers/database'
import { fileChunks } from '../helpers/shared-data'

const count = Number(process.argv[2] ?? 100_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-import-bench-'))
const file = path.join(dir, 'search.ris')
writeSyntheticRis(file, count, [700, 1400])
const megabytes = fs.statSync(file).size / 1e6

const db = await createTestDatabase('bench')
if (db.embedded) console.error('note: no Postgres server answered; measuring on embedded PGlite')
process.env.DATABASE_URL = db.url
process.env.FERRITE_EMBEDDED = db.embedded ? '1' : '0'
const { prisma, disconnectDb } = await import('@/server/db/client')
const { importRecords } = await import('@/server/services/records/import')
const { stopJobs } = await import('@/server/jobs/boss')
const { createReview, createUser } = await import('../../prisma/seed/factories')

let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)
try {
  const user = await createUser(prisma())
  const review = await createReview(prisma(), { members: [{ userId: user.id, role: 'OWNER' }] })
  const phases: Record<string, number> = {}
  const started = performance.now()
  const summary = await importRecords(
    { userId: user.id, reviewId: review.id },
    { source: 'Synthetic', sourceKind: 'database', searchDate: new Date(), fileName: 'search.ris' },
    fileChunks(file, 1 << 20),
    (p) => (phases[p.phase] ??= performance.now() - started),
  )
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024)
  const rows = [
    ['file', `${count.toLocaleString('en-GB')} records, ${megabytes.toFixed(0)} MB`],
    ['imported records', summary.records.toLocaleString('en-GB')],
    ['screening items created', summary.toScreen.toLocaleString('en-GB')],
    ['wall time', `${seconds.toFixed(1)} s (target < 60 s)`],
    ['throughput', `${Math.round(summary.records / seconds).toLocaleString('en-GB')} records/s, ${(megabytes / seconds).toFixed(1)} MB/s`],
    ['reading and inserting', `${((phases.deduplicating ?? 0) / 1000).toFixed(1)} s`],
    ['deduplication and items', `${(seconds - (phases.deduplicating ?? 0) / 1000).toFixed(1)} s`],
    ['peak RSS', `${(peakRss / 1048576).toFixed(0)} MB (target < 1024 MB)`],
    ['database', db.embedded ? 'embedded PGlite' : 'PostgreSQL server'],
  ]
  for (const [k, v] of rows) console.log(`${k!.padEnd(26)} ${v}`)
} finally {
  clearInterval(sampler)
  await stopJobs()
  await disconnectDb()
  await db.drop()
  fs.rmSync(dir, { recursive: true, force: true })
}
