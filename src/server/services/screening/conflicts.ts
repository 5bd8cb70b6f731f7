/** The conflicts queue: records whose votes disagree (or include a "maybe"), decided by a lead, with a note if they wish. */
import 'server-only'
import type { ScreeningStage } from '@/generated/prisma/enums'
import { prisma } from '@/server/db/client'
import { AppError, fieldError } from '@/server/errors'
import { transaction } from '@/server/db/sql'
import { recordAuditSql } from '../audit'
import { activeReason, advanceIfIncluded, lockItem } from './votes'
import { requestReranking } from './ranking-jobs'
import { publishChange } from '@/server/live/changes'
import type { ScreeningActor } from './types'

export async function listConflicts(reviewId: string, stage: ScreeningStage) {
  return prisma().screeningItem.findMany({
    where: { reviewId, stage, status: 'CONFLICT' },
    orderBy: [{ relevance: 'desc' }, { createdAt: 'asc' }],
    select: {
      id: true,
      stage: true,
      record: {
        select: {
          id: true,
          title: true,
          abstract: true,
          authors: true,
          journal: true,
          year: true,
          keywords: true,
          doi: true,
          pmid: true,
          fullTexts: { select: { id: true, fileName: true }, orderBy: { uploadedAt: 'desc' } },
        },
      },
      votes: { orderBy: { createdAt: 'asc' }, select: { decision: true, note: true, reviewer: { select: { name: true } }, exclusionReason: { select: { id: true, label: true } } } },
    },
  })
}

export interface ResolveInput {
  itemId: string
  decision: 'INCLUDE' | 'EXCLUDE'
  note: string
  exclusionReasonId?: string | null
}

type LockedItem = Awaited<ReturnType<typeof lockItem>>

/** Decides one locked conflict: the item, its audit entry, and the full-text item an inclusion opens. */
async function settle(
  client: Parameters<typeof lockItem>[0],
  actor: ScreeningActor,
  item: LockedItem,
  decision: 'INCLUDE' | 'EXCLUDE',
  note: string | null,
  exclusionReasonId: string | null,
  bulk?: ConflictPattern,
) {
  const status = decision === 'INCLUDE' ? 'INCLUDED' : 'EXCLUDED'
  await client.query(
    `UPDATE "ScreeningItem" SET status = $2::"ItemStatus", resolution = 'LEAD', "resolvedById" = $3, "resolvedAt" = now(), "decisionNote" = $4, "exclusionReasonId" = $5
     WHERE id = $1`,
    [item.id, status, actor.userId, note, exclusionReasonId],
  )
  await recordAuditSql(client, {
    reviewId: actor.reviewId,
    actorId: actor.userId,
    action: 'screening.resolved',
    entity: 'ScreeningItem',
    entityId: item.id,
    before: { status: 'CONFLICT' },
    after: { status, resolution: 'LEAD', note, exclusionReasonId, stage: item.stage, ...(bulk ? { bulk } : {}) },
  })
  await advanceIfIncluded(client, actor.reviewId, item, status)
  return status
}

export async function resolveConflict(actor: ScreeningActor, input: ResolveInput) {
  // A note is welcome (it is kept with the decision and in the audit trail) but not required: most
  // conflicts are settled at a glance, and the decision itself is always recorded with who made it.
  const note = input.note.trim() || null
  const result = await transaction(async (client) => {
    const item = await lockItem(client, actor.reviewId, input.itemId)
    if (item.status !== 'CONFLICT') throw new AppError('CONFLICT', 'This record is no longer in conflict (a reviewer changed a vote or a lead decided it).')
    let exclusionReasonId: string | null = null
    if (item.stage === 'FULL_TEXT' && input.decision === 'EXCLUDE') {
      if (!input.exclusionReasonId) throw fieldError('exclusionReasonId', 'Choose the reason for excluding this full text.')
      exclusionReasonId = await activeReason(client, actor.reviewId, input.exclusionReasonId)
    }
    const status = await settle(client, actor, item, input.decision, note, exclusionReasonId)
    return { status, stage: item.stage }
  })
  if (result.stage === 'TITLE_ABSTRACT') requestReranking(actor.reviewId)
  publishChange(actor.reviewId, 'screening')
  return result
}

/**
 * Conflicts by what the votes were: "include vs maybe" (includes and maybes only), "exclude vs maybe",
 * "maybe only", and true disagreements ("include vs exclude"), which are never settled in bulk.
 */
export type ConflictPattern = 'include-maybe' | 'exclude-maybe' | 'maybe-only' | 'include-exclude'
export const bulkPatterns = ['include-maybe', 'exclude-maybe', 'maybe-only'] as const

export function conflictPattern(decisions: readonly string[]): ConflictPattern {
  const has = (d: string) => decisions.includes(d)
  if (has('INCLUDE') && has('EXCLUDE')) return 'include-exclude'
  if (has('INCLUDE')) return 'include-maybe'
  if (has('EXCLUDE')) return 'exclude-maybe'
  return 'maybe-only'
}

/** How many conflicts of each pattern wait at a stage (for the bulk actions). */
export async function conflictPatterns(reviewId: string, stage: ScreeningStage): Promise<Record<ConflictPattern, number>> {
  const items = await prisma().screeningItem.findMany({ where: { reviewId, stage, status: 'CONFLICT' }, select: { votes: { select: { decision: true } } } })
  const counts: Record<ConflictPattern, number> = { 'include-maybe': 0, 'exclude-maybe': 0, 'maybe-only': 0, 'include-exclude': 0 }
  for (const item of items) counts[conflictPattern(item.votes.map((v) => v.decision))]++
  return counts
}

/**
 * Decides every conflict of one pattern at a stage the same way, in one transaction, with an audit
 * entry per record (marked as a bulk decision). At full text an exclusion needs its reason.
 */
export async function resolveConflictsBulk(
  actor: ScreeningActor,
  input: { stage: ScreeningStage; pattern: (typeof bulkPatterns)[number]; decision: 'INCLUDE' | 'EXCLUDE'; note: string; exclusionReasonId?: string | null },
) {
  const note = input.note.trim() || null
  const resolved = await transaction(async (client) => {
    let exclusionReasonId: string | null = null
    if (input.stage === 'FULL_TEXT' && input.decision === 'EXCLUDE') {
      if (!input.exclusionReasonId) throw fieldError('exclusionReasonId', 'Choose the reason for excluding these full texts.')
      exclusionReasonId = await activeReason(client, actor.reviewId, input.exclusionReasonId)
    }
    const { rows } = await client.query<{ id: string; decisions: string[] }>(
      `SELECT i.id, array_agg(v.decision::text) AS decisions FROM "ScreeningItem" i JOIN "Vote" v ON v."itemId" = i.id
        WHERE i."reviewId" = $1 AND i.stage = $2::"ScreeningStage" AND i.status = 'CONFLICT' GROUP BY i.id ORDER BY i.id`,
      [actor.reviewId, input.stage],
    )
    let n = 0
    for (const row of rows) {
      if (conflictPattern(row.decisions) !== input.pattern) continue
      // locked one by one, as a single decision locks its record; a vote changed meanwhile is seen here
      const item = await lockItem(client, actor.reviewId, row.id)
      if (item.status !== 'CONFLICT') continue
      const now = await client.query<{ decision: string }>(`SELECT decision::text AS decision FROM "Vote" WHERE "itemId" = $1`, [item.id])
      if (conflictPattern(now.rows.map((v) => v.decision)) !== input.pattern) continue
      await settle(client, actor, item, input.decision, note, exclusionReasonId, input.pattern)
      n++
    }
    return n
  })
  if (resolved && input.stage === 'TITLE_ABSTRACT') requestReranking(actor.reviewId)
  if (resolved) publishChange(actor.reviewId, 'screening')
  return { resolved }
}
