import 'server-only'
import type { Role } from '@/generated/prisma/enums'

/** The acting member, as a review-scoped procedure established it (with the review's screening settings). */
export const actorOf = (ctx: { user: { id: string }; membership: { role: Role; reviewId: string }; reviewSettings?: { votesRequired: number; blindScreening: boolean } }) => ({
  userId: ctx.user.id,
  role: ctx.membership.role,
  reviewId: ctx.membership.reviewId,
  settings: ctx.reviewSettings,
})
