/**
 * Prioritisation: TF-IDF features of title, abstract and keywords, a classifier trained on the
 * screening decisions so far (src/core/screening), and every title/abstract record re-scored. Runs as
 * a background job after votes (ranking-jobs.ts), never inside a vote's transaction.
 */
import 'server-only'
import { createHash } from 'node:crypto'
import type { FeatureMatrix } from '@/core/screening/feature-matrix'
import { buildFeatures } from '@/core/screening/tfidf'
import { rankUnlabelledByMembers } from '@/core/screening/committee'
import { defaultScreeningModel, modelMembers, type ScreeningModel } from '@/core/screening/screening-models'
import { trainingLabels, type ScreeningVote } from '@/core/screening/training-labels'
import { stoppingSequence, stoppingStatus, type StoppingStatus } from '@/core/screening/stopping'
import { prisma } from '@/server/db/client'

/** The model chosen on the benchmark of 14 reviews (screening-models.ts `defaultScreeningModel`). */
export const rankingModel = defaultScreeningModel
export const recallTarget = 0.95
export const stoppingConfidence = 0.95

interface Row {
  id: string
  recordId: string
  relevance: number
  status: 'OPEN' | 'CONFLICT' | 'INCLUDED' | 'EXCLUDED'
  votes: ScreeningVote[]
  firstVoteAt: Date | null
}

const resolvedLabel = (s: Row['status']) => (s === 'INCLUDED' ? 'include' : s === 'EXCLUDED' ? 'exclude' : null)

/**
 * TF-IDF features of each review's records, kept between runs in this process (the few reviews ranked
 * most recently). A record's text never changes after import, so the features are built again only
 * when the set of records does (an import, a separated duplicate); otherwise a run reads the votes and
 * retrains, which on 20,000 records is about 30 ms of CPU instead of a second.
 */
const featureCache = new Map<string, { key: string; features: FeatureMatrix[] }>()
const featureCacheReviews = 4

/** One feature matrix per member of the model (screening-models.ts), row i for rows[i]. */
async function featuresFor(reviewId: string, rows: Row[], members: readonly ScreeningModel[]): Promise<FeatureMatrix[]> {
  const key = createHash('sha256')
    .update(rows.map((r) => r.recordId).join('\n'))
    .digest('base64')
  const cached = featureCache.get(reviewId)
  if (cached?.key === key) return cached.features
  const texts = await prisma().$queryRaw<{ id: string; title: string; abstract: string; keywords: string[] }[]>`
    SELECT id, title, abstract, keywords FROM "SearchRecord" WHERE id = ANY(${rows.map((r) => r.recordId)}::text[])`
  const byId = new Map(texts.map((t) => [t.id, t]))
  const records = rows.map((r) => byId.get(r.recordId) ?? { title: '', abstract: '', keywords: [] })
  const features = members.map((m) => buildFeatures(records, m.features))
  featureCache.delete(reviewId)
  featureCache.set(reviewId, { key, features })
  for (const old of featureCache.keys()) if (featureCache.size > featureCacheReviews) featureCache.delete(old)
  return features
}

export async function rerankReview(reviewId: string) {
  const t0 = performance.now()
  // Records and votes read apart and joined here: one aggregate over every record with its votes cost
  // the database 200 ms at 20,000 records, taken from the reviewers' requests (this process runs at a
  // lower priority; the database does not).
  const [items, votes] = await Promise.all([
    prisma().$queryRaw<Omit<Row, 'votes'>[]>`
      SELECT id, "recordId", relevance, status, "firstVoteAt" FROM "ScreeningItem"
      WHERE "reviewId" = ${reviewId} AND stage = 'TITLE_ABSTRACT'
      ORDER BY "createdAt", id`,
    prisma().$queryRaw<{ itemId: string; decision: string }[]>`
      SELECT v."itemId", v.decision::text AS decision FROM "Vote" v JOIN "ScreeningItem" i ON i.id = v."itemId"
      WHERE i."reviewId" = ${reviewId} AND i.stage = 'TITLE_ABSTRACT'`,
  ])
  const votesByItem = new Map<string, ScreeningVote[]>()
  for (const v of votes) {
    const list = votesByItem.get(v.itemId) ?? []
    list.push(v.decision.toLowerCase() as ScreeningVote)
    votesByItem.set(v.itemId, list)
  }
  const rows: Row[] = items.map((item) => ({ ...item, votes: votesByItem.get(item.id) ?? [] }))
  if (rows.length === 0) return null
  const members = modelMembers(rankingModel)
  const featureSets = await featuresFor(reviewId, rows, members)
  const labelled = trainingLabels(rows.map((r) => ({ resolved: resolvedLabel(r.status), votes: r.votes })))
  const ranking = rankUnlabelledByMembers(featureSets, labelled, members)

  const ids: string[] = []
  const relevance: number[] = []
  ranking.order.forEach((row, k) => {
    const score = Number.isNaN(ranking.probability[k]!) ? 0 : ranking.probability[k]!
    if (moved(rows[row]!.relevance, score)) {
      ids.push(rows[row]!.id)
      relevance.push(score)
    }
  })
  await writeRelevance(ids, relevance)

  const stopping = screeningStopping(rows)
  const run = await prisma().rankingRun.create({
    data: {
      reviewId,
      model: rankingModel,
      labelled: labelled.length,
      relevantLabelled: labelled.filter((l) => l.label === 1).length,
      scored: ranking.order.length,
      durationMs: Math.round(performance.now() - t0),
      estimatedRemaining: Number.isFinite(stopping.estimatedRelevantRemaining) ? stopping.estimatedRelevantRemaining : null,
      stopping: JSON.parse(JSON.stringify(stopping, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))),
    },
  })
  return run
}

/** Rows written per statement: each batch holds its rows' locks for a millisecond or two only. */
const relevanceBatch = 250
const relevancePauseMs = 10
/**
 * A score that moved by less than this share of itself is not rewritten: records closer than 1 % may
 * swap places in the queue, far inside the model's own uncertainty, and after a few votes most scores
 * move by less (each rewritten row is a new row version and an entry in every index of the table).
 */
const relevanceTolerance = 0.01
const moved = (before: number, after: number) => Math.abs(before - after) > relevanceTolerance * Math.max(Math.abs(before), Math.abs(after))

/**
 * Writes the scores that moved (see `moved`; one job per review runs at a time, so the scores read at
 * its start are still the stored ones) in short batches, each its own statement, skipping rows locked at that moment
 * (a vote or a claim in progress; they keep their previous score until the next ranking). One UPDATE
 * of every row would hold 20,000 row locks for the length of the write, and every vote and every
 * "next record" in the review would wait for it.
 */
async function writeRelevance(ids: string[], relevance: number[]) {
  for (let from = 0; from < ids.length; from += relevanceBatch) {
    const batchIds = ids.slice(from, from + relevanceBatch)
    // Scores are derived data, rebuilt by the next ranking: they need not wait for the disk (a crash
    // can lose the last batches, never a vote), and the votes' own commits then do not queue behind them.
    await prisma().$transaction([
      prisma().$executeRaw`SET LOCAL synchronous_commit = off`,
      prisma().$executeRaw`
      WITH v AS (SELECT unnest(${batchIds}::text[]) AS id, unnest(${relevance.slice(from, from + relevanceBatch)}::float8[]) AS relevance),
      free AS (SELECT i.id, v.relevance FROM "ScreeningItem" i JOIN v ON v.id = i.id FOR UPDATE OF i SKIP LOCKED)
      UPDATE "ScreeningItem" AS i SET relevance = free.relevance FROM free WHERE i.id = free.id`,
    ])
    // a breath between batches, so that votes and "next record" never queue behind a run of writes
    await new Promise((r) => setTimeout(r, relevancePauseMs))
  }
}

/** The stopping indicator over the title/abstract records, fed as stoppingSequence (src/core) explains. */
function screeningStopping(rows: Row[]): StoppingStatus {
  const labels = stoppingSequence(rows.map((r) => ({ firstVoteAt: r.firstVoteAt?.getTime() ?? null, resolved: resolvedLabel(r.status), votes: r.votes })))
  return stoppingStatus(labels, rows.length, { recallTarget, confidence: stoppingConfidence })
}

export async function latestRanking(reviewId: string) {
  return prisma().rankingRun.findFirst({ where: { reviewId }, orderBy: { createdAt: 'desc' } })
}
