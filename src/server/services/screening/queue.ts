/**
 * What a reviewer screens next, and how far everyone has got. The next record is the most relevant
 * open one that still needs votes and that this reviewer has not voted on (or skipped this session).
 */
import 'server-only'
import type { ItemStatus, Resolution, ScreeningStage, VoteDecision } from '@/generated/prisma/enums'
import type { SearchRecord } from '@/generated/prisma/client'
import { prisma } from '@/server/db/client'
import { sql, transaction, type SqlClient } from '@/server/db/sql'
import { can } from '@/server/authz/roles'
import { othersVotesVisible, visibleStatus } from './rules'
import { settingsOf, type ScreeningActor } from './types'

/** How long a record handed to a reviewer stays theirs before others may draw it. */
export const claimMinutes = 15

/** Unexpired claims on item `i` by reviewers other than $4. */
const othersClaims = `(SELECT count(*) FROM "ScreeningClaim" c WHERE c."itemId" = i.id AND c."reviewerId" <> $4 AND c."expiresAt" > now())`
/**
 * $1 review, $2 stage, $3 votes required, $4 reviewer, $5 skipped item ids. The records this reviewer
 * has voted on are excluded through one hashed list of their votes (NOT IN over a NOT NULL column),
 * not a lookup per record: a reviewer far ahead of the others walks past every record they voted on
 * that still waits for a second vote, and at 1,000 such records that took 7 ms, now 0.6 ms.
 */
const candidatesSql = (lock: boolean) => `
  SELECT i.id FROM "ScreeningItem" i
  WHERE i."reviewId" = $1 AND i.stage = $2::"ScreeningStage" AND i.status = 'OPEN' AND i."voteCount" < $3
    AND i.id NOT IN (SELECT v."itemId" FROM "Vote" v WHERE v."reviewerId" = $4)
    AND NOT (i.id = ANY($5::text[]))
    AND i."voteCount" + ${othersClaims} < $3
  ORDER BY i.relevance DESC, i."createdAt", i.id
  LIMIT 1 ${lock ? 'FOR UPDATE OF i SKIP LOCKED' : ''}`
/** $1 item, $2 review, $3 votes required, $4 reviewer, $5 claim minutes */
const claim = `
  INSERT INTO "ScreeningClaim" ("itemId", "reviewerId", "expiresAt")
  SELECT i.id, $4, now() + make_interval(mins => $5::int) FROM "ScreeningItem" i
  WHERE i.id = $1 AND i."reviewId" = $2 AND i.status = 'OPEN' AND i."voteCount" + ${othersClaims} < $3
  ON CONFLICT ("itemId", "reviewerId") DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt"
  RETURNING "itemId" AS id`

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
  const { votesRequired } = await settingsOf(actor)
  // SKIP LOCKED finds nothing when every candidate is being claimed or voted on at this instant, and
  // the second statement refuses a record someone claimed a moment ago: look again shortly.
  for (let attempt = 0; attempt < 20; attempt++) {
    const claimed = await transaction((client) => claimNext(client, actor, stage, votesRequired, skip))
    if (claimed) return itemForReviewer(actor, claimed)
    if (claimed === null) continue // claimed by someone else a moment ago; the next snapshot sees it
    if ((await sql<{ id: string }>(candidatesSql(false), [actor.reviewId, stage, votesRequired, actor.userId, skip])).length === 0) return null
    await new Promise((r) => setTimeout(r, 5 + attempt * 5))
  }
  return null
}

/**
 * One attempt at claiming the next record, in the caller's transaction (a vote claims the voter's next
 * record in its own): the id claimed; null when the record picked was claimed by someone else a moment
 * ago; undefined when no candidate could be locked (none left, or all being claimed at this instant).
 */
export async function claimNext(client: SqlClient, actor: ScreeningActor, stage: ScreeningStage, votesRequired: number, skip: string[]) {
  const [picked] = await sql<{ id: string }>(candidatesSql(true), [actor.reviewId, stage, votesRequired, actor.userId, skip], client)
  if (!picked) return undefined
  const [row] = await sql<{ id: string }>(claim, [picked.id, actor.reviewId, votesRequired, actor.userId, claimMinutes], client)
  return row?.id ?? null
}

/** A skipped record goes back to the pool at once. */
export async function releaseClaim(actor: ScreeningActor, itemId: string) {
  await prisma().screeningClaim.deleteMany({ where: { itemId, reviewerId: actor.userId, item: { reviewId: actor.reviewId } } })
}

/** The record's fields a reviewer reads while screening. */
const recordColumns = ['id', 'title', 'abstract', 'authors', 'journal', 'year', 'keywords', 'doi', 'pmid', 'volume', 'issue', 'pages', 'publicationType', 'notRetrieved'] as const
const recordJson = `json_build_object(${recordColumns.map((c) => `'${c}', r."${c}"`).join(', ')})`

interface ItemRow {
  id: string
  stage: ScreeningStage
  status: ItemStatus
  relevance: number
  resolution: Resolution | null
  decisionNote: string | null
  reasonId: string | null
  reasonLabel: string | null
  record: Pick<SearchRecord, (typeof recordColumns)[number]>
}
interface VoteJson {
  reviewerId: string
  reviewerName: string
  decision: VoteDecision
  note: string | null
  reasonId: string | null
  reasonLabel: string | null
}

const reason = (row: { reasonId: string | null; reasonLabel: string | null }) => (row.reasonId ? { id: row.reasonId, label: row.reasonLabel! } : null)

/**
 * One screening item as this reviewer may see it: their own vote always, others' only when blinding
 * allows. One statement, straight to the driver (this runs with every vote).
 */
export async function itemForReviewer(actor: ScreeningActor, itemId: string) {
  const [[item], review] = await Promise.all([
    sql<ItemRow & { votes: VoteJson[]; fullTexts: { id: string; fileName: string; size: number; uploadedAt: string }[] }>(
      `SELECT i.id, i.stage, i.status, i.relevance, i.resolution, i."decisionNote", er.id AS "reasonId", er.label AS "reasonLabel",
         ${recordJson} AS record,
         (SELECT coalesce(json_agg(json_build_object('reviewerId', v."reviewerId", 'reviewerName', u.name, 'decision', v.decision, 'note', v.note,
              'reasonId', vr.id, 'reasonLabel', vr.label) ORDER BY v."createdAt", v.id), '[]')
          FROM "Vote" v JOIN "User" u ON u.id = v."reviewerId" LEFT JOIN "ExclusionReason" vr ON vr.id = v."exclusionReasonId"
          WHERE v."itemId" = i.id) AS votes,
         (SELECT coalesce(json_agg(json_build_object('id', f.id, 'fileName', f."fileName", 'size', f.size, 'uploadedAt', f."uploadedAt")
              ORDER BY f."uploadedAt" DESC, f.id), '[]')
          FROM "FullText" f WHERE f."recordId" = i."recordId") AS "fullTexts"
       FROM "ScreeningItem" i JOIN "SearchRecord" r ON r.id = i."recordId" LEFT JOIN "ExclusionReason" er ON er.id = i."exclusionReasonId"
       WHERE i.id = $1 AND i."reviewId" = $2`,
      [itemId, actor.reviewId],
    ),
    settingsOf(actor),
  ])
  if (!item) return null
  const canResolve = can(actor.role, 'screening.resolve')
  const showOthers = othersVotesVisible(item.status, review.blindScreening, canResolve)
  const mine = item.votes.find((v) => v.reviewerId === actor.userId) ?? null
  // timestamps inside JSON are ISO text without a zone; Prisma keeps them in UTC
  const fullTexts = item.fullTexts.map((f) => ({ ...f, uploadedAt: new Date(`${f.uploadedAt}Z`) }))
  return {
    id: item.id,
    stage: item.stage,
    status: visibleStatus(item.status, review.blindScreening, canResolve),
    relevance: item.relevance,
    resolution: showOthers ? item.resolution : null,
    decisionNote: showOthers ? item.decisionNote : null,
    exclusionReason: showOthers ? reason(item) : null,
    record: { ...item.record, fullTexts },
    myVote: mine && { decision: mine.decision, note: mine.note, exclusionReason: reason(mine) },
    otherVotes: showOthers ? item.votes.filter((v) => v.reviewerId !== actor.userId).map((v) => ({ reviewer: v.reviewerName, decision: v.decision, note: v.note, exclusionReason: reason(v) })) : null,
  }
}

/**
 * The progress panel, fetched by every open screening page every few seconds: two statements, one pass over the
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
    // From the caller's votes, one record looked up per vote: LIMIT 1 keeps the planner from turning
    // this into a merge join that walks the whole table in id order (40 ms at 20,000 records under load).
    db.$queryRaw<{ votes: bigint; onNeeding: bigint }[]>`
      SELECT count(*) AS votes, count(*) FILTER (WHERE i.status = 'OPEN' AND i."voteCount" < ${review.votesRequired}) AS "onNeeding"
      FROM "Vote" v CROSS JOIN LATERAL (
        SELECT s.status, s."voteCount" FROM "ScreeningItem" s
        WHERE s.id = v."itemId" AND s."reviewId" = ${actor.reviewId} AND s.stage = ${stage}::"ScreeningStage" LIMIT 1) i
      WHERE v."reviewerId" = ${actor.userId}`,
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
    // with blinding, records that have all their votes less those decided would be the conflicts
    fullyVoted: hideConflicts ? null : sum((r) => r.full),
    included: count('INCLUDED'),
    excluded: count('EXCLUDED'),
    conflicts: hideConflicts ? null : count('CONFLICT'),
    /** records still waiting for votes or for a lead */
    remaining: count('OPEN') + count('CONFLICT'),
  }
}
