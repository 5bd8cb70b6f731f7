/**
 * Voting. Each vote locks its screening item (SELECT … FOR UPDATE), so two reviewers voting on one
 * record at once are serialised and the count and status stay right. Every vote, change, withdrawal and
 * resolution is an AuditEvent in the same transaction. The hot path of screening, so its SQL goes
 * straight to the driver (src/server/db/sql.ts).
 */
import type { ItemStatus, ScreeningStage, VoteDecision } from '@/generated/prisma/enums'
import { sql, transaction, type SqlClient } from '@/server/db/sql'
import { sortableId } from '@/server/db/sortable-id'
import { AppError, fieldError, notFound } from '@/server/errors'
import { recordAuditSql } from '../audit'
import { evaluateVotes, isResolved } from './rules'
import { requestReranking } from './ranking-jobs'
import { createStudyForRecord } from '../extraction/studies'
import { claimNext } from './queue'
import type { ReviewScreeningSettings, ScreeningActor } from './types'

interface LockedItem {
  id: string
  recordId: string
  stage: ScreeningStage
  status: ItemStatus
  voteCount: number
  firstVoteAt: Date | null
  myVoteId: string | null
  myDecision: VoteDecision | null
  myExclusionReasonId: string | null
}

/** Locks a review's screening item (serialising votes on it) and reads the given reviewer's vote on it. */
export async function lockItem(client: SqlClient, reviewId: string, itemId: string, reviewerId = ''): Promise<LockedItem> {
  const [item] = await sql<LockedItem>(
    `SELECT i.id, i."recordId", i.stage, i.status, i."voteCount", i."firstVoteAt",
       v.id AS "myVoteId", v.decision AS "myDecision", v."exclusionReasonId" AS "myExclusionReasonId"
     FROM "ScreeningItem" i LEFT JOIN "Vote" v ON v."itemId" = i.id AND v."reviewerId" = $3
     WHERE i.id = $1 AND i."reviewId" = $2
     FOR UPDATE OF i`,
    [itemId, reviewId, reviewerId],
    client,
  )
  if (!item) throw notFound('Record')
  return item
}

/** The review's screening settings, from the caller when it has them. */
async function settingsIn(client: SqlClient, actor: ScreeningActor): Promise<ReviewScreeningSettings> {
  if (actor.settings) return actor.settings
  const [review] = await sql<ReviewScreeningSettings>('SELECT "votesRequired", "blindScreening" FROM "Review" WHERE id = $1', [actor.reviewId], client)
  if (!review) throw notFound('Review')
  return review
}

/** An active exclusion reason of this review, or a field error. */
export async function activeReason(client: SqlClient, reviewId: string, reasonId: string): Promise<string> {
  const [reason] = await sql<{ id: string }>('SELECT id FROM "ExclusionReason" WHERE id = $1 AND "reviewId" = $2 AND active', [reasonId, reviewId], client)
  if (!reason) throw fieldError('exclusionReasonId', 'That exclusion reason is not one of this review’s reasons.')
  return reason.id
}

async function checkReason(client: SqlClient, reviewId: string, stage: ScreeningStage, decision: VoteDecision, reasonId: string | null | undefined) {
  if (stage === 'TITLE_ABSTRACT' || decision !== 'EXCLUDE') {
    if (reasonId) throw fieldError('exclusionReasonId', 'A reason is given only when excluding a full text.')
    return null
  }
  if (!reasonId) throw fieldError('exclusionReasonId', 'Choose the reason for excluding this full text.')
  return activeReason(client, reviewId, reasonId)
}

/**
 * After a resolution to include, a record moves on: from title/abstract to full-text screening, and
 * from full text into the review as a study (with the record as its report).
 */
export async function advanceIfIncluded(client: SqlClient, reviewId: string, item: { recordId: string; stage: ScreeningStage }, status: string) {
  if (status !== 'INCLUDED') return
  if (item.stage === 'FULL_TEXT') return createStudyForRecord(client, reviewId, item.recordId)
  await client.query(
    `INSERT INTO "ScreeningItem" (id, "reviewId", "recordId", stage) VALUES ($1, $2, $3, 'FULL_TEXT')
     ON CONFLICT ("recordId", stage) DO NOTHING`,
    [sortableId(), reviewId, item.recordId],
  )
}

interface VoteRow {
  id: string
  decision: VoteDecision
  exclusionReasonId: string | null
}

/** Settles an item's status from its current votes (and records a resolution); returns the new status. */
async function settle(client: SqlClient, actor: ScreeningActor, item: LockedItem, votes: VoteRow[]): Promise<ItemStatus> {
  const { votesRequired } = await settingsIn(client, actor)
  const evaluation = evaluateVotes(votes, votesRequired, item.stage)
  const resolved = isResolved(evaluation.status)
  await client.query(
    `UPDATE "ScreeningItem" SET "voteCount" = $2, status = $3::"ItemStatus",
       "firstVoteAt" = COALESCE("firstVoteAt", CASE WHEN $2 > 0 THEN now() END),
       resolution = CASE WHEN $4 THEN 'AGREEMENT'::"Resolution" END, "resolvedAt" = CASE WHEN $4 THEN now() END,
       "exclusionReasonId" = $5
     WHERE id = $1`,
    [item.id, votes.length, evaluation.status, resolved, evaluation.exclusionReasonId],
  )
  if (resolved) {
    await recordAuditSql(client, { reviewId: actor.reviewId, actorId: actor.userId, action: 'screening.resolved', entity: 'ScreeningItem', entityId: item.id, after: { status: evaluation.status, resolution: 'AGREEMENT', stage: item.stage } })
    await advanceIfIncluded(client, actor.reviewId, item, evaluation.status)
  }
  return evaluation.status
}

export interface VoteInput {
  itemId: string
  decision: VoteDecision
  exclusionReasonId?: string | null
  note?: string | null
  /** claim the voter's next record in the same transaction (the screening page's vote brings it back) */
  thenNext?: { skip: string[] }
}

/**
 * Casts or changes the caller's vote. One statement locks the item and reads the caller's previous
 * vote; one writes the vote, releases the caller's claim and returns every vote on the item; then the
 * audit row and the item's new status; with `thenNext`, the claim on the voter's next record (one
 * commit for both). `next` is the claimed item's id, or null/undefined when none could be claimed at
 * once (then `nextItem` looks, and waits for records being claimed by others).
 */
export async function castVote(actor: ScreeningActor, input: VoteInput) {
  const result = await transaction(async (client) => {
    const item = await lockItem(client, actor.reviewId, input.itemId, actor.userId)
    if (isResolved(item.status)) throw new AppError('CONFLICT', 'This record has already been resolved; its votes can no longer change.')
    const exclusionReasonId = await checkReason(client, actor.reviewId, item.stage, input.decision, input.exclusionReasonId)
    const { votesRequired } = await settingsIn(client, actor)
    if (!item.myVoteId && item.voteCount >= votesRequired) throw new AppError('CONFLICT', `This record already has its ${votesRequired} votes.`)
    const note = input.note?.trim() || null
    const votes = await sql<VoteRow & { mine: boolean }>(
      `WITH released AS (DELETE FROM "ScreeningClaim" WHERE "itemId" = $2 AND "reviewerId" = $3),
       written AS (
         INSERT INTO "Vote" (id, "itemId", "reviewerId", decision, "exclusionReasonId", note, "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4::"VoteDecision", $5, $6, now(), now())
         ON CONFLICT ("itemId", "reviewerId") DO UPDATE
           SET decision = EXCLUDED.decision, "exclusionReasonId" = EXCLUDED."exclusionReasonId", note = EXCLUDED.note, "updatedAt" = now()
         RETURNING id, decision, "exclusionReasonId"
       )
       SELECT id, decision, "exclusionReasonId", true AS mine FROM written
       UNION ALL
       SELECT id, decision, "exclusionReasonId", false FROM "Vote" WHERE "itemId" = $2 AND "reviewerId" <> $3`,
      [sortableId(), item.id, actor.userId, input.decision, exclusionReasonId, note],
      client,
    )
    const vote = votes.find((v) => v.mine)!
    await recordAuditSql(client, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: item.myVoteId ? 'vote.changed' : 'vote.cast',
      entity: 'Vote',
      entityId: vote.id,
      before: item.myVoteId && { decision: item.myDecision, exclusionReasonId: item.myExclusionReasonId },
      after: { itemId: item.id, stage: item.stage, decision: vote.decision, exclusionReasonId },
    })
    const status = await settle(client, actor, item, votes)
    const next = input.thenNext && (await claimNext(client, actor, item.stage, votesRequired, input.thenNext.skip))
    return { vote: { id: vote.id, decision: vote.decision, exclusionReasonId: vote.exclusionReasonId }, status, stage: item.stage, next }
  })
  if (result.stage === 'TITLE_ABSTRACT') requestReranking(actor.reviewId)
  return result
}

/** Withdraws the caller's vote on an unresolved item (the screening page's "undo"). */
export async function withdrawVote(actor: ScreeningActor, itemId: string) {
  return transaction(async (client) => {
    const item = await lockItem(client, actor.reviewId, itemId)
    if (isResolved(item.status)) throw new AppError('CONFLICT', 'This record has already been resolved; its votes can no longer change.')
    const [vote] = await sql<{ id: string; decision: VoteDecision }>(
      'DELETE FROM "Vote" WHERE "itemId" = $1 AND "reviewerId" = $2 RETURNING id, decision',
      [itemId, actor.userId],
      client,
    )
    if (!vote) throw new AppError('NOT_FOUND', 'You have no vote on this record to undo.')
    await recordAuditSql(client, { reviewId: actor.reviewId, actorId: actor.userId, action: 'vote.withdrawn', entity: 'Vote', entityId: vote.id, before: { itemId, decision: vote.decision } })
    const remaining = await sql<VoteRow>('SELECT id, decision, "exclusionReasonId" FROM "Vote" WHERE "itemId" = $1', [itemId], client)
    return { status: await settle(client, actor, item, remaining) }
  })
}
