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
    const status = input.decision === 'INCLUDE' ? 'INCLUDED' : 'EXCLUDED'
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
      after: { status, resolution: 'LEAD', note, exclusionReasonId, stage: item.stage },
    })
    await advanceIfIncluded(client, actor.reviewId, item, status)
    return { status, stage: item.stage }
  })
  if (result.stage === 'TITLE_ABSTRACT') requestReranking(actor.reviewId)
  publishChange(actor.reviewId, 'screening')
  return result
}
