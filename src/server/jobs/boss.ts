/**
 * Background jobs in Postgres (pg-boss), so any app instance can queue and run them. On the embedded
 * database pg-boss keeps its own single connection (PGlite is one backend).
 */
import 'server-only'
import PgBoss from 'pg-boss'
import { env } from '@/server/env'

export const queues = {
  /** retrain the prioritisation model of one review and re-rank its records */
  rerank: 'rerank',
  /** run one saved database search (src/server/services/searches/runs.ts) */
  searchRun: 'search-run',
} as const

/** On globalThis: development reloads re-run this module, and one process must keep one job client. */
const holder = globalThis as unknown as { ferriteBoss?: Promise<PgBoss>; ferriteJobsOff?: boolean }

/** Short-lived processes (the demo seed, benchmarks) switch queueing off and run the work themselves. */
export function disableJobs(): void {
  holder.ferriteJobsOff = true
}
export const jobsEnabled = () => !holder.ferriteJobsOff

async function start(): Promise<PgBoss> {
  const { DATABASE_URL, FERRITE_EMBEDDED } = env()
  const boss = new PgBoss({ connectionString: DATABASE_URL, max: FERRITE_EMBEDDED === '1' ? 1 : 4, schedule: false, supervise: true })
  boss.on('error', (e: Error) => console.error('[jobs]', e.message))
  await boss.start()
  // "stately": per review, at most one rerank waiting and one running; further requests fold into them.
  await boss.createQueue(queues.rerank, { name: queues.rerank, policy: 'stately', retryLimit: 2, expireInSeconds: 600 })
  // a run's own row says whether it still needs doing; the queue only has to deliver it once at a time
  await boss.createQueue(queues.searchRun, { name: queues.searchRun, policy: 'stately', retryLimit: 1, expireInSeconds: 3600 })
  return boss
}

export function jobs(): Promise<PgBoss> {
  holder.ferriteBoss ??= start().catch((e: unknown) => {
    holder.ferriteBoss = undefined
    throw e
  })
  return holder.ferriteBoss
}

export async function stopJobs(): Promise<void> {
  const boss = holder.ferriteBoss
  holder.ferriteBoss = undefined
  if (boss) await (await boss).stop({ graceful: true, wait: true })
}
