/**
 * Import benchmark: a synthetic 100,000-record RIS export (~150 MB) streamed into Postgres through the
 * import service (parse, COPY into SearchRecord, deduplication against the review, screening items) in
 * one transaction, on a fresh database on the Postgres server (TEST_DATABASE_URL or 127.0.0.1:5432),
 * or with --embedded on embedded PGlite.
 * Beside it, in the same run, the floor: psql's \copy of the same rows (the file's records as COPY
 * text, written beforehand) into a plain table without indexes or constraints. Prints both, their
 * ratio (target: at most 6), and the peak RSS of the process that ran the import (target: under 400 MB).
 *
 * Run: npx tsx --conditions=react-server tests/bench/import.bench.ts [records] [--embedded]
 */
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseCitations } from '@/core/citations/parse-citations'
import { writeSyntheticRis } from './synthetic-ris'
import { createTestDatabase } from '../helpers/database'

const args = process.argv.slice(2)
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-import-bench-'))
const file = path.join(dir, 'search.ris')
writeSyntheticRis(file, count, [700, 1400])
const megabytes = fs.statSync(file).size / 1e6

const db = await createTestDatabase('bench', { embedded: args.includes('--embedded') })
process.env.DATABASE_URL = db.url
process.env.FERRITE_EMBEDDED = db.embedded ? '1' : '0'
const { prisma, disconnectDb, pool } = await import('@/server/db/client')
const { copyColumns, encodeRecord } = await import('@/server/services/records/import')
const { createReview, createUser } = await import('../../prisma/seed/factories')

const rows: [string, string][] = []
try {
  const user = await createUser(prisma())
  const review = await createReview(prisma(), { members: [{ userId: user.id, role: 'OWNER' }] })
  // asynchronous: with --embedded the database answers from this process's event loop
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', path.join(import.meta.dirname, 'import-run.ts'), file, review.id, user.id], {
    env: { ...process.env, DATABASE_URL: db.url, FERRITE_EMBEDDED: db.embedded ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const [status] = (await once(child, 'close')) as [number | null]
  if (status !== 0) throw new Error(`the import failed: ${stderr}`)
  const run = JSON.parse(stdout.trim().split('\n').pop() as string) as {
    seconds: number
    phases: Record<string, number>
    summary: { importId: string; records: number; toScreen: number }
    peakRss: number
    rssBefore: number
  }
  const { seconds, phases, summary } = run
  const mb = (bytes: number) => (bytes / 1048576).toFixed(0)
  rows.push(
    ['file', `${count.toLocaleString('en-GB')} records, ${megabytes.toFixed(0)} MB`],
    ['imported records', summary.records.toLocaleString('en-GB')],
    ['screening items created', summary.toScreen.toLocaleString('en-GB')],
    ['import, end to end', `${seconds.toFixed(1)} s`],
    ['  reading and writing rows', `${((phases.deduplicating ?? 0) / 1000).toFixed(1)} s`],
    ['  deduplication and items', `${(seconds - (phases.deduplicating ?? 0) / 1000).toFixed(1)} s`],
    ['throughput', `${Math.round(summary.records / seconds).toLocaleString('en-GB')} records/s, ${(megabytes / seconds).toFixed(1)} MB/s`],
    ['peak RSS of the import', `${mb(run.peakRss)} MB (target < 400 MB; ${mb(run.rssBefore)} MB before it started)`],
    ['database', db.embedded ? 'embedded PGlite' : 'PostgreSQL server'],
  )

  // The floor: the same rows, already in COPY text, loaded by psql into a table without indexes.
  const psql = spawnSync('psql', ['--version'], { encoding: 'utf8' })
  if (db.embedded || psql.status !== 0) rows.push(['psql \\copy, same rows', db.embedded ? 'n/a (embedded database)' : 'n/a (psql not installed)'])
  else {
    const copyFile = path.join(dir, 'rows.copy')
    const { records } = parseCitations(new Uint8Array(fs.readFileSync(file)))
    fs.writeFileSync(copyFile, records.map((r, i) => encodeRecord(`r${i}`, r, review.id, summary.importId)).join(''))
    const columns = copyColumns.map((c) => `"${c}" ${c === 'sourceLine' || c === 'year' ? 'int' : c === 'authors' || c === 'keywords' ? 'text[]' : 'text'}`)
    await pool().query(`CREATE TABLE bench_plain (${columns.join(', ')})`)
    const t0 = performance.now()
    const run = spawnSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy bench_plain FROM '${copyFile}'`], { encoding: 'utf8' })
    const copySeconds = (performance.now() - t0) / 1000
    if (run.status !== 0) throw new Error(`psql failed: ${run.stderr}`)
    const copied = (await pool().query<{ n: string }>('SELECT count(*) AS n FROM bench_plain')).rows[0]?.n
    rows.push(['psql \\copy, same rows', `${copySeconds.toFixed(1)} s (${copied} rows, ${(fs.statSync(copyFile).size / 1e6).toFixed(0)} MB of COPY text)`])
    rows.push(['import / \\copy', `${(seconds / copySeconds).toFixed(1)} (target <= 6)`])
  }
  for (const [k, v] of rows) console.log(`${k.padEnd(28)} ${v}`)
} finally {
  await disconnectDb()
  await db.drop()
  fs.rmSync(dir, { recursive: true, force: true })
}
