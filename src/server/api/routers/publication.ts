import 'server-only'
import { z } from 'zod'
import { reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { estimateHistory, listVersions, previewPublication, publishVersion } from '@/server/services/publication/versions'

export const publicationRouter = router({
  versions: reviewProcedure('review.read').query(({ ctx }) => listVersions(ctx.membership.reviewId)),
  /** each analysis's headline estimate in every published version */
  history: reviewProcedure('review.read').query(({ ctx }) => estimateHistory(ctx.membership.reviewId)),
  /** What would change if a version were published now (studies added or removed, estimates before and after). */
  preview: reviewProcedure('review.read').query(({ ctx }) => previewPublication(ctx.membership.reviewId)),
  publish: reviewProcedure('review.publish')
    .input(
      z.object({
        notes: z.string().trim().min(10, 'Say what this version is and what changed (at least 10 characters).').max(10_000),
        nextSearchDate: z.iso.date('Give the date of the next planned search.').nullable().default(null),
      }),
    )
    .mutation(({ ctx, input }) => publishVersion(actorOf(ctx), { notes: input.notes, nextSearchDate: input.nextSearchDate ? new Date(`${input.nextSearchDate}T00:00:00Z`) : null })),
})
