/**
 * A saved PubMed search that brings 10,000 records: esearch, 20 efetch batches of 500 as PubMed XML
 * from a local server, each batch staged as it arrives, then one import deduplicated against the
 * review's 2,000 earlier records (1,000 of them the same PMIDs) and the re-ranking of the queue.
 * Target: under 20 s and under 500 MB.
 *
 * The answers: E-utilities' recorded XML (the first article of hawc's recorded 259-record efetch is the
 * template of every article, its authors, journal and MeSH as PubMed sent them), with the PMIDs,
 * titles and abstracts of the Cohen 2006 screening sets (../shared/data/screening), so that 10,000
 * articles are distinct as real ones are. esearch is biopython's recorded history-server answer with
 * Count 10000 (tests/helpers/recorded-apis.ts).
 *
 * Run: npx tsx --conditions=react-server tests/bench/living-search.bench.ts [records] [--key]
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import Papa from 'papaparse'
import { createTestDatabase } from '../helpers/database'
import { esearchWithHistory, hasRecordedApis, recorded, recordedWebEnv } from '../helpers/recorded-apis'
import { sharedData } from '../helpers/shared-data'

const preparing = process.argv[2] === '--prepare'
const wanted = Number(process.argv.slice(preparing ? 4 : 2).find((a) => /^\d+$/.test(a)) ?? 10_000)
const withKey = process.argv.includes('--key')
const pageSize = 500
if (!hasRecordedApis) throw new Error('this benchmark reads ../shared/data/apis and ../shared/data/screening')

// 10,000 distinct articles in PubMed XML, written (by a process of their own) where the stand-in serves them
function prepare(dir: string) {
  const screeningDir = path.join(sharedData, 'screening')
  const rows: { pubmedID: string; title: string; abstract: string }[] = []
  for (const file of fs.readdirSync(screeningDir).filter((f) => f.endsWith('.csv'))) {
    const parsed = Papa.parse<{ pubmedID: string; title: string; abstract: string }>(fs.readFileSync(path.join(screeningDir, file), 'utf8'), { header: true, skipEmptyLines: true })
    rows.push(...parsed.data.filter((r) => /^\d+$/.test(r.pubmedID ?? '') && r.title))
  }
  const seen = new Set<string>()
  const distinct = rows.filter((r) => !seen.has(r.pubmedID) && seen.add(r.pubmedID))
  const articles = distinct.slice(0, wanted)
  if (distinct.length < wanted + 1000) throw new Error(`only ${articles.length} distinct PMIDs in the screening sets`)
  const recordedSet = recorded('pubmed', 'shapiromatron__hawc__tests_data_cassettes_apps.lit.test_imports_TestPubmed.test_search.2.body.xml')
  const template = /<PubmedArticle>[\s\S]*?<\/PubmedArticle>/
    .exec(recordedSet)![0]
    .replace(/<PubmedData>[\s\S]*<\/PubmedData>/, '')
    .replace(/<ELocationID[^>]*>[^<]*<\/ELocationID>/g, '')
  const head = recordedSet.slice(0, recordedSet.indexOf('<PubmedArticleSet>') + '<PubmedArticleSet>'.length)
  const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const article = (a: (typeof articles)[number]) =>
    template
      .replace(/<PMID Version="1">\d+<\/PMID>/, `<PMID Version="1">${a.pubmedID}</PMID>`)
      .replace(/<ArticleTitle>[\s\S]*?<\/ArticleTitle>/, `<ArticleTitle>${xmlText(a.title)}</ArticleTitle>`)
      .replace(/<Abstract>[\s\S]*?<\/Abstract>/, `<Abstract><AbstractText>${xmlText(a.abstract ?? '')}</AbstractText></Abstract>`)
  const bodies: string[] = []
  for (let i = 0; i < articles.length; i += pageSize)
    bodies.push(
      `${head}\n${articles
        .slice(i, i + pageSize)
        .map(article)
        .join('\n')}\n</PubmedArticleSet>\n`,
    )
  const servedBytes = bodies.reduce((s, b) => s + Buffer.byteLength(b), 0)

  fs.writeFileSync(path.join(dir, 'esearch.xml'), esearchWithHistory(articles.length))
  bodies.forEach((b, i) => fs.writeFileSync(path.join(dir, `efetch-${i * pageSize}.xml`), b))
  const earlier = [...articles.slice(0, 1000), ...distinct.slice(wanted, wanted + 1000)]
  fs.writeFileSync(path.join(dir, 'earlier.xml'), `${head}${earlier.map(article).join('')}</PubmedArticleSet>`)
  return { servedBytes, servedCount: articles.length, servedBatches: bodies.length }
}
if (preparing) {
  const made = prepare(process.argv[3]!)
  // the review and its 2,000 earlier records, imported here too
  const { prisma, disconnectDb } = await import('@/server/db/client')
  const { disableJobs } = await import('@/server/jobs/boss')
  const { transaction } = await import('@/server/db/sql')
  const { writeImport } = await import('@/server/services/records/import')
  const { parsePubmedXml } = await import('@/core/searches/pubmed')
  const { createReview, createUser } = await import('../../prisma/seed/factories')
  disableJobs()
  const user = await createUser(prisma())
  const review = await createReview(prisma(), { members: [{ userId: user.id, role: 'LEAD' }] })
  const earlierRecords = parsePubmedXml(fs.readFileSync(path.join(process.argv[3]!, 'earlier.xml'), 'utf8')).records
  await transaction((client) =>
    writeImport(client, { userId: user.id, reviewId: review.id }, { source: 'MEDLINE (Ovid)', sourceKind: 'database', searchDate: new Date('2026-01-01'), fileName: 'earlier.xml' }, async (write) => {
      await write(earlierRecords)
      return { format: 'pubmed-xml', warnings: [] }
    }),
  )
  await disconnectDb()
  process.stdout.write(JSON.stringify({ ...made, userId: user.id, reviewId: review.id }))
  process.exit(0)
}

// The fixtures are made, and served, by other processes: this one's memory is Ferrite's.
const floorRss = process.memoryUsage().rss
const db = await createTestDatabase('search')
process.env.DATABASE_URL = db.url
process.env.FERRITE_EMBEDDED = db.embedded ? '1' : '0'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-pubmed-'))
const made = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--prepare', dir, String(wanted)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
if (made.status !== 0) throw new Error('preparing the answers failed')
const { servedBytes, servedCount, servedBatches, userId, reviewId } = JSON.parse(made.stdout) as { servedBytes: number; servedCount: number; servedBatches: number; userId: string; reviewId: string }
const serverCode = `
  const http = require('node:http'), fs = require('node:fs'), path = require('node:path')
  const times = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x'); times.push(Date.now())
    if (url.pathname === '/times') return res.end(JSON.stringify(times))
    const file = url.pathname.endsWith('esearch.fcgi') ? 'esearch.xml'
      : url.pathname.endsWith('efetch.fcgi') && url.searchParams.get('WebEnv') === ${JSON.stringify(recordedWebEnv)} ? 'efetch-' + url.searchParams.get('retstart') + '.xml' : null
    if (!file || !fs.existsSync(path.join(${JSON.stringify(dir)}, file))) { res.writeHead(404); return res.end() }
    res.writeHead(200, { 'content-type': 'text/xml' }); fs.createReadStream(path.join(${JSON.stringify(dir)}, file)).pipe(res)
  })
  server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'))
`
const child = spawn(process.execPath, ['-e', serverCode], { stdio: ['ignore', 'pipe', 'inherit'] })
const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))))
const apiUrl = `http://127.0.0.1:${port}/api`

const { prisma, disconnectDb } = await import('@/server/db/client')
const { disableJobs, stopJobs } = await import('@/server/jobs/boss')
const { executeRun, queueRun } = await import('@/server/services/searches/runs')
const { createSavedSearch } = await import('@/server/services/searches/saved-searches')
const { stopLive } = await import('@/server/live/changes')
disableJobs()
const loadedRss = process.memoryUsage().rss

const actor = { userId, reviewId }
const search = await createSavedSearch(actor, { service: 'pubmed', query: 'drug therapy[sh] AND randomized controlled trial[pt]' })
const { runId } = await queueRun(actor, search.id)
let peakRss = 0
let peakHeap = 0
const sample = () => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakHeap = Math.max(peakHeap, m.heapUsed)
}
const timer = setInterval(sample, 20)
const baseline = process.memoryUsage().rss
const started = performance.now()
const outcome = await executeRun(runId, { config: () => ({ baseUrl: apiUrl, pageSize, ...(withKey ? { apiKey: 'bench' } : {}) }) })
const elapsed = performance.now() - started
clearInterval(timer)
sample()
const run = await prisma().searchRun.findUniqueOrThrow({ where: { id: runId } })
const times = (await (await fetch(`http://127.0.0.1:${port}/times`)).json()) as number[]
const fetchMs = times.at(-2)! - times[0]!
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`
console.log(`PubMed search, ${servedCount} records in ${servedBatches} efetch batches (${mb(servedBytes)} of XML), ${withKey ? 'with an API key (10 requests/s)' : 'no API key (3 requests/s)'}`)
console.log(`  outcome: ${JSON.stringify(outcome)}; run: hits ${run.hits}, fetched ${run.fetched}, imported ${run.imported}, new ${run.newRecords}, duplicates ${run.duplicates}`)
console.log(
  `  total ${(elapsed / 1000).toFixed(1)} s: requests ${times.length - 1} over ${(fetchMs / 1000).toFixed(1)} s (rate-limited), then import + dedupe + re-rank ${((elapsed - fetchMs) / 1000).toFixed(1)} s`,
)
console.log(
  `  memory: peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}; RSS of this process with nothing loaded ${mb(floorRss)}, with Ferrite's modules ${mb(loadedRss)}, at the start of the run ${mb(baseline)}: the run added ${mb(peakRss - baseline)}`,
)
console.log(`  target: under 20 s and 500 MB: ${elapsed < 20_000 && peakRss < 500 * 1024 * 1024 ? 'met' : 'NOT met'}`)

child.kill()
fs.rmSync(dir, { recursive: true, force: true })
await stopLive()
await stopJobs()
await disconnectDb()
await db.drop()
