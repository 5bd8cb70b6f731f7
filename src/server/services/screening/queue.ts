/**
 * What a reviewer screens next, and how far everyone has got. The next record is the most relevant
 * open one that still needs votes and that this reviewer has not voted on (or skipped this session).
 */
import type { ScreeningStage } from '@/generated/prisma/enums'
import { Prisma } from '@/generated/prisma/client'
import { prisma } from '@/server/db/client'
import { can } from '@/server/authz/roles'
import { othersVotesVisible, visibleStatus } from './rules'
import { settingsOf, type ScreeningActor } from './types'

const recordFields = {
  id: true,
  title: true,
  abstract: true,
  authors: true,
  journal: true,
  year: true,
  keywords: true,
  doi: true,
  pmid: true,
  volume: true,
  issue: true,
  pages: true,
  publicationType: true,
  notRetrieved: true,
} as const

/** How long a record handed to a reviewer stays theirs before others may draw it. */
export const claimMinutes = 15

/**
 * The next record for this reviewer: the most relevant open one that still needs a vote, counting the
 * records other reviewers have just been handed (their unexpired claims) as taken. Claiming is one short
 * transaction: the first statement picks the candidate and locks its row (FOR UPDATE SKIP LOCKED, so
 * reviewers asking at the same moment draw different records); the second, with a fresh snapshot taken
 * while the lock is held, counts the votes and claims again and writes the claim only if a place is
 * still free. (One statement cannot do both: its snapshot predates a claim committed by a reviewer who
 * held the lock a moment earlier, and a record would be handed out once more than the votes it needs.)
 */
export async function nextItem(actor: ScreeningActor, stage: ScreeningStage, skip: string[]) {
  const db = prisma()
  const { votesRequired } = await settingsOf(actor)
  const othersClaims = (itemId: Prisma.Sql) => Prisma.sql`(
    SELECT count(*) FROM "ScreeningClaim" c
    WHERE c."itemId" = ${itemId} AND c."reviewerId" <> ${actor.userId} AND c."expiresAt" > now())`
  const candidates = (lock: boolean) => Prisma.sql`
    SELECT i.id FROM "ScreeningItem" i
    WHERE i."reviewId" = ${actor.reviewId} AND i.stage = ${stage}::"ScreeningStage" AND i.status = 'OPEN'
      AND i."voteCount" < ${votesRequired}
      AND NOT EXISTS (SELECT 1 FROM "Vote" v WHERE v."itemId" = i.id AND v."reviewerId" = ${actor.userId})
      AND NOT (i.id = ANY(${skip}::text[]))
      AND i."voteCount" + ${othersClaims(Prisma.sql`i.id`)} < ${votesRequired}
    ORDER BY i.relevance DESC, i."createdAt", i.id
    LIMIT 1 ${lock ? Prisma.sql`FOR UPDATE OF i SKIP LOCKED` : Prisma.empty}`
  // SKIP LOCKED finds nothing when every candidate is being claimed or voted on at this instant, and
  // the second statement refuses a record someone claimed a moment ago: look again shortly.
  for (let attempt = 0; attempt < 20; attempt++) {
    const claimed = await db.$transaction(async (tx) => {
      const picked = (await tx.$queryRaw<{ id: string }[]>`${candidates(true)}`)[0]
      if (!picked) return undefined
      const rows = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "ScreeningClaim" ("itemId", "reviewerId", "expiresAt")
        SELECT i.id, ${actor.userId}, now() + make_interval(mins => ${claimMinutes}) FROM "ScreeningItem" i
        WHERE i.id = ${picked.id} AND i.status = 'OPEN' AND i."voteCount" + ${othersClaims(Prisma.sql`i.id`)} < ${votesRequired}
        ON CONFLICT ("itemId", "reviewerId") DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt"
        RETURNING "itemId" AS id`
      return rows[0]?.id ?? null
    })
    if (claimed) return itemForReviewer(actor, claimed)
    if (claimed === null) continue // claimed by someone else a moment ago; the next snapshot sees it
    if ((await db.$queryRaw<{ id: string }[]>`${candidates(false)}`).length === 0) return null
    await new Promise((r) => setTimeout(r, 5 + attempt * 5))
  }
  return null
}

/** A skipped record goes back to the pool at once. */
export async function releaseClaim(actor: ScreeningActor, itemId: string) {
  await prisma().screeningClaim.deleteMany({ where: { itemId, reviewerId: actor.userId, item: { reviewId: actor.reviewId } } })
}

/** One screening item as this reviewer may see it: their own vote always, others' only when blinding allows. */
export async function itemForReviewer(actor: ScreeningActor, itemId: string) {
  const db = prisma()
  const [item, review] = await Promise.all([
    db.screeningItem.findFirst({
      where: { id: itemId, reviewId: actor.reviewId },
      select: {
        id: true,
        stage: true,
        status: true,
        relevance: true,
        resolution: true,
        decisionNote: true,
        exclusionReason: { select: { id: true, label: true } },
        record: { select: { ...recordFields, fullTexts: { select: { id: true, fileName: true, size: true, uploadedAt: true }, orderBy: { uploadedAt: 'desc' } } } },
        votes: { select: { reviewerId: true, decision: true, note: true, exclusionReason: { select: { id: true, label: true } }, reviewer: { select: { name: true } } } },
      },
    }),
    settingsOf(actor),
  ])
  if (!item) return null
  const canResolve = can(actor.role, 'screening.resolve')
  const showOthers = othersVotesVisible(item.status, review.blindScreening, canResolve)
  const mine = item.votes.find((v) => v.reviewerId === actor.userId) ?? null
  return {
    id: item.id,
    stage: item.stage,
    status: visibleStatus(item.status, review.blindScreening, canResolve),
    relevance: item.relevance,
    resolution: showOthers ? item.resolution : null,
    decisionNote: showOthers ? item.decisionNote : null,
    exclusionReason: showOthers ? item.exclusionReason : null,
    record: item.record,
    myVote: mine && { decision: mine.decision, note: mine.note, exclusionReason: mine.exclusionReason },
    otherVotes: showOthers
      ? item.votes.filter((v) => v.reviewerId !== actor.userId).map((v) => ({ reviewer: v.reviewer.name, decision: v.decision, note: v.note, exclusionReason: v.exclusionReason }))
      : null,
  }
}

/**
 * The progress panel, refreshed after every vote by every reviewer: two statements, one pass over the
 * stage's records and one over the caller's own votes. (What is available to the caller is the open
 * records still needing votes less those the caller has voted on, so no per-record test is needed.)
 */
export async function screeningProgress(actor: ScreeningActor, stage: ScreeningStage) {
  const db = prisma()
  const review = await settingsOf(actor)
  const [byStatus, [mine]] = await Promise.all([
    db.$queryRaw<{ status: string; n: bigint; needing: bigint; full: bigint }[]>`
      SELECT status::text AS status, count(*) AS n,
        count(*) FILTER (WHERE status = 'OPEN' AND "voteCount" < ${review.votesRequired}) AS needing,
        count(*) FILTER (WHERE "voteCount" >= ${review.votesRequired}) AS full
      FROM "ScreeningItem" WHERE "reviewId" = ${actor.reviewId} AND stage = ${stage}::"ScreeningStage"
      GROUP BY status`,
    db.$queryRaw<{ votes: bigint; onNeeding: bigint }[]>`
      SELECT count(*) AS votes, count(*) FILTER (WHERE i.status = 'OPEN' AND i."voteCount" < ${review.votesRequired}) AS "onNeeding"
      FROM "Vote" v JOIN "ScreeningItem" i ON i.id = v."itemId"
      WHERE v."reviewerId" = ${actor.userId} AND i."reviewId" = ${actor.reviewId} AND i.stage = ${stage}::"ScreeningStage"`,
  ])
  const sum = (f: (r: (typeof byStatus)[number]) => bigint) => byStatus.reduce((s, r) => s + Number(f(r)), 0)
  const count = (status: string) => Number(byStatus.find((r) => r.status === status)?.n ?? 0)
  const canResolve = can(actor.role, 'screening.resolve')
  const hideConflicts = review.blindScreening && !canResolve
  return {
    stage,
    votesRequired: review.votesRequired,
    total: sum((r) => r.n),
    myVotes: Number(mine?.votes ?? 0),
    availableToMe: sum((r) => r.needing) - Number(mine?.onNeeding ?? 0),
    fullyVoted: sum((r) => r.full),
    included: count('INCLUDED'),
    excluded: count('EXCLUDED'),
    conflicts: hideConflicts ? null : count('CONFLICT'),
    /** records still waiting for votes or for a lead */
    remaining: count('OPEN') + count('CONFLICT'),
  }
}
