/**
 * Prioritisation: TF-IDF features of title, abstract and keywords, a classifier trained on the
 * screening decisions so far (src/core/screening), and every title/abstract record re-scored. Runs as
 * a background job after votes (ranking-jobs.ts), never inside a vote's transaction.
 */
import { buildFeatures } from '@/core/screening/tfidf'
import { rankUnlabelled } from '@/core/screening/ranking'
import { screeningModels } from '@/core/screening/screening-models'
import { trainingLabels, type ScreeningVote } from '@/core/screening/training-labels'
import { stoppingStatus, type StoppingStatus } from '@/core/screening/stopping'
import { prisma } from '@/server/db/client'

/** The model measured best on the Cohen 2006 sets (tests/bench/simulate.bench.ts): WSS@95 84.5 % on ACE inhibitors. */
export const rankingModel = 'nb'
export const recallTarget = 0.95
export const stoppingConfidence = 0.95

interface Row {
  id: string
  status: 'OPEN' | 'CONFLICT' | 'INCLUDED' | 'EXCLUDED'
  title: string
  abstract: string
  keywords: string[]
  votes: ScreeningVote[]
  firstVoteAt: Date | null
}

const resolvedLabel = (s: Row['status']) => (s === 'INCLUDED' ? 'include' : s === 'EXCLUDED' ? 'exclude' : null)

export async function rerankReview(reviewId: string) {
  const t0 = performance.now()
  const rows = await prisma().$queryRaw<Row[]>`
    SELECT i.id, i.status, r.title, r.abstract, r.keywords, i."firstVoteAt",
      coalesce(array_agg(lower(v.decision::text)) FILTER (WHERE v.id IS NOT NULL), '{}') AS votes
    FROM "ScreeningItem" i
    JOIN "SearchRecord" r ON r.id = i."recordId"
    LEFT JOIN "Vote" v ON v."itemId" = i.id
    WHERE i."reviewId" = ${reviewId} AND i.stage = 'TITLE_ABSTRACT'
    GROUP BY i.id, r.id
    ORDER BY i."createdAt", i.id`
  if (rows.length === 0) return null
  const model = screeningModels[rankingModel]
  const features = buildFeatures(rows, model.features)
  const labelled = trainingLabels(rows.map((r) => ({ resolved: resolvedLabel(r.status), votes: r.votes })))
  const ranking = rankUnlabelled(features, labelled, model.training)

  const ids: string[] = []
  const relevance: number[] = []
  ranking.order.forEach((row, k) => {
    ids.push(rows[row]!.id)
    relevance.push(Number.isNaN(ranking.probability[k]!) ? 0 : ranking.probability[k]!)
  })
  await prisma().$executeRaw`
    UPDATE "ScreeningItem" AS i SET relevance = v.relevance
    FROM (SELECT unnest(${ids}::text[]) AS id, unnest(${relevance}::float8[]) AS relevance) AS v
    WHERE i.id = v.id`

  const stopping = screeningStopping(rows, labelled)
  const run = await prisma().rankingRun.create({
    data: {
      reviewId,
      model: rankingModel,
      labelled: labelled.length,
      relevantLabelled: labelled.filter((l) => l.label === 1).length,
      scored: ids.length,
      durationMs: Math.round(performance.now() - t0),
      estimatedRemaining: Number.isFinite(stopping.estimatedRelevantRemaining) ? stopping.estimatedRelevantRemaining : null,
      stopping: JSON.parse(JSON.stringify(stopping, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))),
    },
  })
  return run
}

/**
 * The stopping indicator reads the records in the order the team first voted on them, each labelled
 * as the model is trained (resolved decisions first, then votes); records not yet labelled count as
 * irrelevant, which can only make the rule more cautious.
 */
function screeningStopping(rows: Row[], labelled: { index: number; label: 0 | 1 }[]): StoppingStatus {
  const labelOf = new Map(labelled.map((l) => [l.index, l.label]))
  const order = rows
    .map((r, index) => ({ index, at: r.firstVoteAt }))
    .filter((r): r is { index: number; at: Date } => r.at !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index)
  const labels = order.map((o) => labelOf.get(o.index) ?? 0)
  return stoppingStatus(labels, rows.length, { recallTarget, confidence: stoppingConfidence })
}

export async function latestRanking(reviewId: string) {
  return prisma().rankingRun.findFirst({ where: { reviewId }, orderBy: { createdAt: 'desc' } })
}
