/**
 * Voting. Each vote locks its screening item (SELECT … FOR UPDATE), so two reviewers voting on one
 * record at once are serialised and the count and status stay right; it also holds a key-share lock on
 * the review and reads the review's settings under it, so a change of the votes a record needs waits
 * for votes under way and every vote after it sees the new number. Every vote, change, withdrawal and
 * resolution is an AuditEvent in the same transaction. The hot path of screening, so its SQL goes
 * straight to the driver (src/server/db/sql.ts).
 *
 * Blinding: what a vote answers is the status the voter may see (rules.ts, visibleStatus), so casting
 * the vote that makes a disagreement looks the same as casting one that waits for others.
 */
import 'server-only'
import type { ItemStatus, ScreeningStage, VoteDecision } from '@/generated/prisma/enums'
import { sql, transaction, type SqlClient } from '@/server/db/sql'
import { sortableId } from '@/server/db/sortable-id'
import { AppError, fieldError, notFound } from '@/server/errors'
import { recordAuditSql } from '../audit'
import { can } from '@/server/authz/roles'
import { isResolved, settleVotes, visibleStatus } from './rules'
import { requestReranking } from './ranking-jobs'
import { publishChange } from '@/server/live/changes'
import { createStudyForRecord } from '../extraction/studies'
import { claimNext } from './queue'
import type { ReviewScreeningSettings, ScreeningActor } from './types'

interface LockedItem extends ReviewScreeningSettings {
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

/**
 * Locks a review's screening item (serialising votes on it) and reads the given reviewer's vote on it,
 * with the review's settings as they stand once the lock is held.
 */
export async function lockItem(client: SqlClient, reviewId: string, itemId: string, reviewerId = ''): Promise<LockedItem> {
  const [item] = await sql<LockedItem>(
    `SELECT i.id, i."recordId", i.stage, i.status, i."voteCount", i."firstVoteAt", r."votesRequired", r."blindScreening",
       v.id AS "myVoteId", v.decision AS "myDecision", v."exclusionReasonId" AS "myExclusionReasonId"
     FROM "ScreeningItem" i JOIN "Review" r ON r.id = i."reviewId"
       LEFT JOIN "Vote" v ON v."itemId" = i.id AND v."reviewerId" = $3
     WHERE i.id = $1 AND i."reviewId" = $2
     FOR UPDATE OF i FOR KEY SHARE OF r`,
    [itemId, reviewId, reviewerId],
    client,
  )
  if (!item) throw notFound('Record')
  return item
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
async function settle(
  client: SqlClient,
  actor: { reviewId: string; userId: string },
  item: Pick<LockedItem, 'id' | 'recordId' | 'stage' | 'status' | 'votesRequired'>,
  votes: VoteRow[],
): Promise<ItemStatus> {
  const evaluation = settleVotes(item.status, votes, item.votesRequired, item.stage)
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
    await recordAuditSql(client, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'screening.resolved',
      entity: 'ScreeningItem',
      entityId: item.id,
      after: { status: evaluation.status, resolution: 'AGREEMENT', stage: item.stage },
    })
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
    const { votesRequired } = item
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
    const shown = visibleStatus(status, item.blindScreening, can(actor.role, 'screening.resolve'))
    return { vote: { id: vote.id, decision: vote.decision, exclusionReasonId: vote.exclusionReasonId }, status: shown, stage: item.stage, next }
  })
  if (result.stage === 'TITLE_ABSTRACT') requestReranking(actor.reviewId)
  publishChange(actor.reviewId, 'screening')
  return result
}

/** Withdraws the caller's vote on an unresolved item (the screening page's "undo"). */
export async function withdrawVote(actor: ScreeningActor, itemId: string) {
  const result = await transaction(async (client) => {
    const item = await lockItem(client, actor.reviewId, itemId)
    if (isResolved(item.status)) throw new AppError('CONFLICT', 'This record has already been resolved; its votes can no longer change.')
    const [vote] = await sql<{ id: string; decision: VoteDecision }>('DELETE FROM "Vote" WHERE "itemId" = $1 AND "reviewerId" = $2 RETURNING id, decision', [itemId, actor.userId], client)
    if (!vote) throw new AppError('NOT_FOUND', 'You have no vote on this record to undo.')
    await recordAuditSql(client, { reviewId: actor.reviewId, actorId: actor.userId, action: 'vote.withdrawn', entity: 'Vote', entityId: vote.id, before: { itemId, decision: vote.decision } })
    const remaining = await sql<VoteRow>('SELECT id, decision, "exclusionReasonId" FROM "Vote" WHERE "itemId" = $1', [itemId], client)
    const status = await settle(client, actor, item, remaining)
    return { status: visibleStatus(status, item.blindScreening, can(actor.role, 'screening.resolve')) }
  })
  publishChange(actor.reviewId, 'screening')
  return result
}

/**
 * After a review lowers the votes a record needs, the open records that now have enough are settled
 * as if their last vote had just arrived (else they would wait for ever: nobody is handed a record that
 * has its votes). Runs in the transaction that changed the setting, which holds the review's row lock.
 */
export async function settleOpenItems(client: SqlClient, actor: { reviewId: string; userId: string }, votesRequired: number): Promise<number> {
  const items = await sql<Pick<LockedItem, 'id' | 'recordId' | 'stage' | 'status'>>(
    `SELECT id, "recordId", stage, status FROM "ScreeningItem" WHERE "reviewId" = $1 AND status = 'OPEN' AND "voteCount" >= $2 ORDER BY id FOR UPDATE`,
    [actor.reviewId, votesRequired],
    client,
  )
  for (const item of items) {
    const votes = await sql<VoteRow>('SELECT id, decision, "exclusionReasonId" FROM "Vote" WHERE "itemId" = $1', [item.id], client)
    await settle(client, actor, { ...item, votesRequired }, votes)
  }
  return items.length
}
