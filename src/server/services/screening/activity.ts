/**
 * Screening over time, for the leads' statistics page: how many votes each reviewer has cast, day by
 * day (counts only, never decisions), and how the prioritisation model's estimate of recall moved as
 * the team screened.
 */
import 'server-only'
import type { ScreeningStage } from '@/generated/prisma/enums'
import { prisma } from '@/server/db/client'

export interface VotesOverTime {
  reviewers: { id: string; name: string }[]
  /** one point a day on which anyone voted: the day, and each reviewer's votes so far (by id) */
  days: ({ day: string } & Record<string, number | string>)[]
}

export async function votesOverTime(reviewId: string, stage: ScreeningStage): Promise<VotesOverTime> {
  const rows = await prisma().$queryRaw<{ day: Date; reviewerId: string; name: string; n: bigint }[]>`
    SELECT date_trunc('day', v."createdAt") AS day, v."reviewerId", u.name, count(*) AS n
    FROM "Vote" v JOIN "ScreeningItem" i ON i.id = v."itemId" JOIN "User" u ON u.id = v."reviewerId"
    WHERE i."reviewId" = ${reviewId} AND i.stage = ${stage}::"ScreeningStage"
    GROUP BY 1, 2, 3 ORDER BY 1`
  const reviewers = [...new Map(rows.map((r) => [r.reviewerId, { id: r.reviewerId, name: r.name }])).values()].sort((a, b) => a.name.localeCompare(b.name))
  const totals = new Map(reviewers.map((r) => [r.id, 0]))
  const days: VotesOverTime['days'] = []
  for (const r of rows) {
    const day = r.day.toISOString().slice(0, 10)
    totals.set(r.reviewerId, (totals.get(r.reviewerId) ?? 0) + Number(r.n))
    const point = days[days.length - 1]?.day === day ? days[days.length - 1]! : (days.push({ day }), days[days.length - 1]!)
    for (const [id, n] of totals) point[id] = n
  }
  return { reviewers, days }
}

export interface RecallPoint {
  at: string
  screened: number
  relevantFound: number
  estimatedRecall: number | null
  recallLowerBound: number | null
}

/** Each retraining's stopping estimate, oldest first (the last 500). */
export async function recallOverTime(reviewId: string): Promise<RecallPoint[]> {
  const runs = await prisma().rankingRun.findMany({ where: { reviewId }, orderBy: { createdAt: 'desc' }, take: 500, select: { createdAt: true, stopping: true } })
  const finite = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  return runs
    .reverse()
    .map((r) => ({ r, s: (r.stopping ?? {}) as Record<string, unknown> }))
    .filter(({ s }) => typeof s.screened === 'number')
    .map(({ r, s }) => ({
      at: r.createdAt.toISOString(),
      screened: s.screened as number,
      relevantFound: (s.relevantFound as number) ?? 0,
      estimatedRecall: finite(s.estimatedRecall),
      recallLowerBound: finite(s.recallLowerBound),
    }))
}
