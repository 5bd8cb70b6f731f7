/** Per-review screening settings: the full-text exclusion reasons and the highlighted keywords. */
import 'server-only'
import { prisma } from '@/server/db/client'
import { AppError, fieldError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import type { ScreeningActor } from './types'

export async function listExclusionReasons(reviewId: string, includeInactive = false) {
  return prisma().exclusionReason.findMany({
    where: { reviewId, ...(includeInactive ? {} : { active: true }) },
    orderBy: { position: 'asc' },
    select: { id: true, label: true, active: true, position: true },
  })
}

export async function addExclusionReason(actor: ScreeningActor, label: string) {
  const clean = label.trim()
  return prisma().$transaction(async (tx) => {
    if (await tx.exclusionReason.findFirst({ where: { reviewId: actor.reviewId, label: { equals: clean, mode: 'insensitive' } } })) throw fieldError('label', 'This review already has that reason.')
    const last = await tx.exclusionReason.aggregate({ where: { reviewId: actor.reviewId }, _max: { position: true } })
    const reason = await tx.exclusionReason.create({ data: { reviewId: actor.reviewId, label: clean, position: (last._max.position ?? 0) + 1 } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'exclusion_reason.added', entity: 'ExclusionReason', entityId: reason.id, after: { label: clean } })
    return reason
  })
}

/** Renaming keeps the reason's identity (votes and PRISMA counts follow); retiring hides it from new votes. */
export async function updateExclusionReason(actor: ScreeningActor, id: string, patch: { label?: string; active?: boolean }) {
  return prisma().$transaction(async (tx) => {
    const before = await tx.exclusionReason.findFirst({ where: { id, reviewId: actor.reviewId } })
    if (!before) throw notFound('Exclusion reason')
    const label = patch.label?.trim()
    if (label && label.toLowerCase() !== before.label.toLowerCase() && (await tx.exclusionReason.findFirst({ where: { reviewId: actor.reviewId, label: { equals: label, mode: 'insensitive' } } })))
      throw fieldError('label', 'This review already has that reason.')
    if (patch.active === false && (await tx.exclusionReason.count({ where: { reviewId: actor.reviewId, active: true } })) <= 1)
      throw new AppError('PRECONDITION_FAILED', 'Keep at least one exclusion reason.')
    const after = await tx.exclusionReason.update({ where: { id }, data: { ...(label ? { label } : {}), ...(patch.active === undefined ? {} : { active: patch.active }) } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'exclusion_reason.updated',
      entity: 'ExclusionReason',
      entityId: id,
      before: { label: before.label, active: before.active },
      after: { label: after.label, active: after.active },
    })
    return after
  })
}

const cleanKeywords = (words: string[]) => [...new Set(words.map((w) => w.trim()).filter(Boolean))].slice(0, 200)

export async function setHighlightKeywords(actor: ScreeningActor, inclusion: string[], exclusion: string[]) {
  return prisma().$transaction(async (tx) => {
    const before = await tx.review.findUniqueOrThrow({ where: { id: actor.reviewId }, select: { inclusionKeywords: true, exclusionKeywords: true } })
    const after = await tx.review.update({
      where: { id: actor.reviewId },
      data: { inclusionKeywords: cleanKeywords(inclusion), exclusionKeywords: cleanKeywords(exclusion) },
      select: { inclusionKeywords: true, exclusionKeywords: true },
    })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'screening.keywords_changed', entity: 'Review', entityId: actor.reviewId, before, after })
    return after
  })
}
