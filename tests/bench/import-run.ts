/**
 * The import itself, in a process of its own so that its peak RSS is the import's: run by
 * import.bench.ts with DATABASE_URL set, it streams the file into the review and prints one JSON
 * line with the timings, the summary and the process's peak RSS.
 *
 * Run (by the benchmark): npx tsx --conditions=react-server tests/bench/import-run.ts <file> <reviewId> <userId>
 */
import { fileChunks } from '../helpers/shared-data'

const [file, reviewId, userId] = process.argv.slice(2) as [string, string, string]
const { importRecords } = await import('@/server/services/records/import')
const { disconnectDb } = await import('@/server/db/client')
const { stopJobs } = await import('@/server/jobs/boss')
const rssBefore = process.memoryUsage().rss
let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50)
const phases: Record<string, number> = {}
const started = performance.now()
try {
  const summary = await importRecords(
    { userId, reviewId },
    { source: 'Synthetic', sourceKind: 'database', searchDate: new Date(), fileName: 'search.ris' },
    fileChunks(file, 1 << 20),
    (p) => (phases[p.phase] ??= performance.now() - started),
  )
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024)
  console.log(JSON.stringify({ seconds, phases, summary: { importId: summary.importId, records: summary.records, toScreen: summary.toScreen }, peakRss, rssBefore }))
} finally {
  clearInterval(sampler)
  await stopJobs()
  await disconnectDb()
}
