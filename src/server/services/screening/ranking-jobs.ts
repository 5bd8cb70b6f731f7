/**
 * Queues a re-ranking after votes arrive. Fire-and-forget by design: a vote never waits for, or fails
 * because of, the prioritisation model. pg-boss's "stately" queue folds bursts of votes into at most one
 * waiting job per review.
 */
import 'server-only'
import { jobs, jobsEnabled, queues } from '@/server/jobs/boss'
import { rerankReview } from './ranking'

/**
 * Votes arriving within this many seconds are learnt from together: retraining and rewriting the scores
 * of a large review is seconds of work for the database, and reviewers gain nothing from a new order
 * after every single vote (with 50 reviewers, half a minute brings hundreds of new labels).
 */
export const retrainDelaySeconds = 30

/**
 * When this instance last queued a new job per review, and when that job will start. A vote that
 * arrives before then needs no message of its own: the job has not started, so it will read that vote.
 * (When pg-boss folds a request into a job queued elsewhere, its start is unknown and nothing is kept.)
 */
const queuedUntil = new Map<string, number>()

export function requestReranking(reviewId: string): void {
  if (!jobsEnabled()) return
  const now = Date.now()
  if ((queuedUntil.get(reviewId) ?? 0) > now + 1000) return
  jobs()
    .then((boss) => boss.send(queues.rerank, { reviewId }, { singletonKey: reviewId, startAfter: retrainDelaySeconds }))
    .then((id) => {
      if (id) queuedUntil.set(reviewId, now + retrainDelaySeconds * 1000)
      else queuedUntil.delete(reviewId)
    })
    .catch((e: unknown) => console.error('[jobs] could not queue re-ranking:', e instanceof Error ? e.message : e))
}

/** Registers this process as a worker for re-ranking jobs (`ferrite worker`, src/cli/worker.ts). */
export async function startRankingWorker(): Promise<void> {
  const boss = await jobs()
  await boss.work<{ reviewId: string }>(queues.rerank, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (job) await rerankReview(job.data.reviewId)
  })
}
