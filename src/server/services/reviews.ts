/** Reviews: creation, listing, settings. Every change is written to the audit trail. */
import 'server-only'
import { z } from 'zod'
import { prisma, type Tx } from '@/server/db/client'
import { notFound } from '@/server/errors'
import type { Review } from '@/generated/prisma/client'
import { sql, transaction } from '@/server/db/sql'
import { recordAudit, recordAuditSql } from './audit'
import { settleOpenItems } from './screening/votes'
import { reviewTypeInfo, reviewTypes } from '@/core/review-types'

export const reviewSettingsSchema = z.object({
  title: z.string().trim().min(3, 'Give the review a title of at least 3 characters.').max(300),
  question: z.string().trim().min(10, 'State the review question (at least 10 characters).').max(4000),
  votesRequired: z.number().int().min(1, 'At least one vote per record.').max(5, 'At most 5 votes per record.'),
  blindScreening: z.boolean(),
  citeAs: z.string().trim().max(500, 'At most 500 characters.').optional(),
  eligibilityCriteria: z.string().trim().max(10_000, 'At most 10,000 characters.').optional(),
})

export const createReviewInput = reviewSettingsSchema.partial({ votesRequired: true, blindScreening: true }).extend({ reviewType: z.enum(reviewTypes).default('diagnostic_accuracy') })
export const updateReviewInput = reviewSettingsSchema.partial()

/** URL-safe slug from the title, made unique with a short suffix when taken. */
export async function uniqueSlug(tx: Tx, title: string): Promise<string> {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'review'
  for (let i = 0; ; i++) {
    const slug = i === 0 ? base : `${base}-${Math.random().toString(36).slice(2, 7)}`
    if (!(await tx.review.findUnique({ where: { slug }, select: { id: true } }))) return slug
  }
}

export async function createReview(userId: string, input: z.input<typeof createReviewInput>) {
  const reviewType = input.reviewType ?? 'diagnostic_accuracy'
  return prisma().$transaction(async (tx) => {
    const review = await tx.review.create({
      data: {
        slug: await uniqueSlug(tx, input.title),
        title: input.title,
        question: input.question,
        votesRequired: input.votesRequired ?? 2,
        blindScreening: input.blindScreening ?? true,
        reviewType,
        memberships: { create: { userId, role: 'OWNER' } },
        exclusionReasons: { create: reviewTypeInfo[reviewType].exclusionReasons.map((label, i) => ({ label, position: i + 1 })) },
      },
    })
    await recordAudit(tx, { reviewId: review.id, actorId: userId, action: 'review.created', entity: 'Review', entityId: review.id, after: review })
    return review
  })
}

export async function listMyReviews(userId: string) {
  const memberships = await prisma().membership.findMany({
    where: { userId },
    orderBy: { review: { updatedAt: 'desc' } },
    select: {
      role: true,
      review: { select: { id: true, title: true, question: true, isDemo: true, updatedAt: true, _count: { select: { memberships: true } } } },
    },
  })
  return memberships.map((m) => ({ ...m.review, role: m.role, memberCount: m.review._count.memberships }))
}

export async function getReview(reviewId: string) {
  const review = await prisma().review.findUnique({ where: { id: reviewId } })
  if (!review) throw notFound('Review')
  return review
}

const settingColumns = ['title', 'question', 'votesRequired', 'blindScreening', 'citeAs', 'eligibilityCriteria'] as const satisfies readonly (keyof z.infer<typeof updateReviewInput>)[]

/**
 * Changes a review's settings. Runs on one connection with the review's row locked, which waits for
 * votes under way (each holds a key-share lock on it); when fewer votes per record are now needed, the
 * open records that have enough are settled in the same transaction.
 */
export async function updateReview(actorId: string, reviewId: string, patch: z.infer<typeof updateReviewInput>) {
  return transaction(async (client) => {
    const [before] = await sql<Review>('SELECT * FROM "Review" WHERE id = $1 FOR UPDATE', [reviewId], client)
    if (!before) throw notFound('Review')
    const columns = settingColumns.filter((c) => patch[c] !== undefined)
    const [after] = await sql<Review>(
      `UPDATE "Review" SET ${columns.map((c, i) => `"${c}" = $${i + 2}`).join(', ')}${columns.length ? ', ' : ''}"updatedAt" = now() WHERE id = $1 RETURNING *`,
      [reviewId, ...columns.map((c) => patch[c])],
      client,
    )
    const changed = Object.fromEntries(columns.map((k) => [k, before[k]]))
    await recordAuditSql(client, { reviewId, actorId, action: 'review.updated', entity: 'Review', entityId: reviewId, before: changed, after: patch })
    if (after!.votesRequired < before.votesRequired) await settleOpenItems(client, { reviewId, userId: actorId }, after!.votesRequired)
    return after!
  })
}
