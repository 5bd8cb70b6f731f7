import 'server-only'
import { z } from 'zod'
import { activityKinds, listActivity, type ActivityKind } from '@/server/services/activity'
import { protectedProcedure, reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { reviewDashboard } from '@/server/services/dashboard'
import { createReview, createReviewInput, getReview, listMyReviews, updateReview, updateReviewInput } from '@/server/services/reviews'

export const reviewRouter = router({
  list: protectedProcedure.query(({ ctx }) => listMyReviews(ctx.user.id)),
  create: protectedProcedure.input(createReviewInput).mutation(({ ctx, input }) => createReview(ctx.user.id, input)),
  get: reviewProcedure('review.read').query(async ({ ctx }) => ({ review: await getReview(ctx.membership.reviewId), role: ctx.membership.role })),
  update: reviewProcedure('review.update')
    .input(z.object({ patch: updateReviewInput }))
    .mutation(({ ctx, input }) => updateReview(ctx.user.id, ctx.membership.reviewId, input.patch)),
  dashboard: reviewProcedure('review.read').query(({ ctx }) => reviewDashboard(actorOf(ctx))),
  auditLog: reviewProcedure('audit.read')
    .input(
      z.object({
        cursor: z.bigint().optional(),
        limit: z.number().int().min(1).max(200).default(50),
        kind: z.enum(Object.keys(activityKinds) as [ActivityKind, ...ActivityKind[]]).optional(),
        actorId: z.string().max(100).optional(),
      }),
    )
    .query(({ ctx, input }) => listActivity(ctx.membership.reviewId, input)),
})
