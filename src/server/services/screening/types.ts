import type { Role } from '@/generated/prisma/enums'
import { prisma } from '@/server/db/client'

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

export async function settingsOf(actor: ScreeningActor): Promise<ReviewScreeningSettings> {
  return actor.settings ?? prisma().review.findUniqueOrThrow({ where: { id: actor.reviewId }, select: { votesRequired: true, blindScreening: true } })
}
