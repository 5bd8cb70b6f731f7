/**
 * Voting. Each vote locks its screening item (SELECT … FOR UPDATE), so two reviewers voting on one
 * record at once are serialised and the count and status stay right. Every vote, change, withdrawal and
 * resolution is an AuditEvent in the same transaction.
 */
import type { ScreeningStage, VoteDecision } from '@/generated/prisma/enums'
import { prisma, type Tx } from '@/server/db/client'
import { sortableId } from '@/server/db/sortable-id'
import { AppError, fieldError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import { evaluateVotes, isResolved } from './rules'
import { requestReranking } from './ranking-jobs'
import { createStudyForRecord } from '../extraction/studies'
import { settingsOf, type ScreeningActor } from './types'

interface LockedItem {
  id: string
  recordId: string
  stage: ScreeningStage
  status: 'OPEN' | 'CONFLICT' | 'INCLUDED' | 'EXCLUDED'
  voteCount: number
  firstVoteAt: Date | null
  myVoteId: string | null
  myDecision: VoteDecision | null
  myExclusionReasonId: string | null
}

/** Locks a review's screening item (serialising votes on it) and reads the given reviewer's vote on it. */
export async function lockItem(tx: Tx, reviewId: string, itemId: string, reviewerId = ''): Promise<LockedItem> {
  const rows = await tx.$queryRaw<LockedItem[]>`
    SELECT i.id, i."recordId", i.stage, i.status, i."voteCount", i."firstVoteAt",
      v.id AS "myVoteId", v.decision AS "myDecision", v."exclusionReasonId" AS "myExclusionReasonId"
    FROM "ScreeningItem" i LEFT JOIN "Vote" v ON v."itemId" = i.id AND v."reviewerId" = ${reviewerId}
    WHERE i.id = ${itemId} AND i."reviewId" = ${reviewId}
    FOR UPDATE OF i`
  const item = rows[0]
  if (!item) throw notFound('Record')
  return item
}

async function checkReason(tx: Tx, reviewId: string, stage: ScreeningStage, decision: VoteDecision, reasonId: string | null | undefined) {
  if (stage === 'TITLE_ABSTRACT' || decision !== 'EXCLUDE') {
    if (reasonId) throw fieldError('exclusionReasonId', 'A reason is given only when excluding a full text.')
    return null
  }
  if (!reasonId) throw fieldError('exclusionReasonId', 'Choose the reason for excluding this full text.')
  const reason = await tx.exclusionReason.findFirst({ where: { id: reasonId, reviewId, active: true }, select: { id: true } })
  if (!reason) throw fieldError('exclusionReasonId', 'That exclusion reason is not one of this review’s reasons.')
  return reason.id
}

/**
 * After a resolution to include, a record moves on: from title/abstract to full-text screening, and
 * from full text into the review as a study (with the record as its report).
 */
export async function advanceIfIncluded(tx: Tx, reviewId: string, item: { recordId: string; stage: ScreeningStage }, status: string) {
  if (status !== 'INCLUDED') return
  if (item.stage === 'FULL_TEXT') return createStudyForRecord(tx, reviewId, item.recordId)
  await tx.screeningItem.upsert({
    where: { recordId_stage: { recordId: item.recordId, stage: 'FULL_TEXT' } },
    create: { reviewId, recordId: item.recordId, stage: 'FULL_TEXT' },
    update: {},
  })
}

interface VoteRow {
  id: string
  decision: VoteDecision
  exclusionReasonId: string | null
}

/** Settles an item's status from its current votes (and records a resolution); returns the new status. */
async function settle(tx: Tx, actor: ScreeningActor, item: LockedItem, votes: VoteRow[]): Promise<string> {
  const review = await settingsOf(actor, tx)
  const evaluation = evaluateVotes(votes, review.votesRequired, item.stage)
  const resolved = isResolved(evaluation.status)
  await tx.screeningItem.update({
    where: { id: item.id },
    data: {
      voteCount: votes.length,
      status: evaluation.status,
      firstVoteAt: item.firstVoteAt ?? (votes.length ? new Date() : null),
      resolution: resolved ? 'AGREEMENT' : null,
      resolvedAt: resolved ? new Date() : null,
      exclusionReasonId: evaluation.exclusionReasonId,
    },
  })
  if (resolved) {
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'screening.resolved', entity: 'ScreeningItem', entityId: item.id, after: { status: evaluation.status, resolution: 'AGREEMENT', stage: item.stage } })
    await advanceIfIncluded(tx, actor.reviewId, item, evaluation.status)
  }
  return evaluation.status
}

export interface VoteInput {
  itemId: string
  decision: VoteDecision
  exclusionReasonId?: string | null
  note?: string | null
}

/**
 * Casts or changes the caller's vote. The hot path of screening: one statement locks the item and
 * reads the caller's previous vote; one writes the vote, releases the caller's claim and returns every
 * vote on the item; then the audit row and the item's new status.
 */
export async function castVote(actor: ScreeningActor, input: VoteInput) {
  const result = await prisma().$transaction(async (tx) => {
    const item = await lockItem(tx, actor.reviewId, input.itemId, actor.userId)
    if (isResolved(item.status)) throw new AppError('CONFLICT', 'This record has already been resolved; its votes can no longer change.')
    const exclusionReasonId = await checkReason(tx, actor.reviewId, item.stage, input.decision, input.exclusionReasonId)
    if (!item.myVoteId) {
      const { votesRequired } = await settingsOf(actor, tx)
      if (item.voteCount >= votesRequired) throw new AppError('CONFLICT', `This record already has its ${votesRequired} votes.`)
    }
    const note = input.note?.trim() || null
    const votes = await tx.$queryRaw<(VoteRow & { mine: boolean })[]>`
      WITH released AS (DELETE FROM "ScreeningClaim" WHERE "itemId" = ${item.id} AND "reviewerId" = ${actor.userId}),
      written AS (
        INSERT INTO "Vote" (id, "itemId", "reviewerId", decision, "exclusionReasonId", note, "createdAt", "updatedAt")
        VALUES (${sortableId()}, ${item.id}, ${actor.userId}, ${input.decision}::"VoteDecision", ${exclusionReasonId}, ${note}, now(), now())
        ON CONFLICT ("itemId", "reviewerId") DO UPDATE
          SET decision = EXCLUDED.decision, "exclusionReasonId" = EXCLUDED."exclusionReasonId", note = EXCLUDED.note, "updatedAt" = now()
        RETURNING id, decision, "exclusionReasonId"
      )
      SELECT id, decision, "exclusionReasonId", true AS mine FROM written
      UNION ALL
      SELECT id, decision, "exclusionReasonId", false FROM "Vote" WHERE "itemId" = ${item.id} AND "reviewerId" <> ${actor.userId}`
    const vote = votes.find((v) => v.mine)!
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: item.myVoteId ? 'vote.changed' : 'vote.cast',
      entity: 'Vote',
      entityId: vote.id,
      before: item.myVoteId && { decision: item.myDecision, exclusionReasonId: item.myExclusionReasonId },
      after: { itemId: item.id, stage: item.stage, decision: vote.decision, exclusionReasonId },
    })
    const status = await settle(tx, actor, item, votes)
    return { vote, status, stage: item.stage }
  })
  if (result.stage === 'TITLE_ABSTRACT') requestReranking(actor.reviewId)
  return result
}

/** Withdraws the caller's vote on an unresolved item (the screening page's "undo"). */
export async function withdrawVote(actor: ScreeningActor, itemId: string) {
  return prisma().$transaction(async (tx) => {
    const item = await lockItem(tx, actor.reviewId, itemId)
    if (isResolved(item.status)) throw new AppError('CONFLICT', 'This record has already been resolved; its votes can no longer change.')
    const vote = await tx.vote.findUnique({ where: { itemId_reviewerId: { itemId, reviewerId: actor.userId } } })
    if (!vote) throw new AppError('NOT_FOUND', 'You have no vote on this record to undo.')
    await tx.vote.delete({ where: { id: vote.id } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'vote.withdrawn', entity: 'Vote', entityId: vote.id, before: { itemId, decision: vote.decision } })
    const remaining = await tx.vote.findMany({ where: { itemId }, select: { id: true, decision: true, exclusionReasonId: true } })
    return { status: await settle(tx, actor, item, remaining) }
  })
}
