import 'server-only'
import type { Role } from '@/generated/prisma/enums'
import { prisma, type Tx } from '@/server/db/client'

export interface ReviewScreeningSettings {
  votesRequired: number
  blindScreening: boolean
}

/** Who is acting in a review, as the review-scoped procedure established it. */
export interface ScreeningActor {
  userId: string
  reviewId: string
  role: Role
  /** the review's settings when the caller already has them (saves a query on the hot path) */
  settings?: ReviewScreeningSettings
}

/** The review's screening settings; inside a transaction pass it (the embedded database has one connection). */
export async function settingsOf(actor: ScreeningActor, db: Tx = prisma()): Promise<ReviewScreeningSettings> {
  return actor.settings ?? db.review.findUniqueOrThrow({ where: { id: actor.reviewId }, select: { votesRequired: true, blindScreening: true } })
}
