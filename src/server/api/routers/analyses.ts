import 'server-only'
import { z } from 'zod'
import { on } from 'node:events'
import { reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { computeAnalysis, deleteAnalysis, duplicateAnalysis, saveAnalysis } from '@/server/services/analysis/analyses'
import { analysesSincePublication, prismaFlow } from '@/server/services/publication/versions'
import { changeFeed, type ReviewChange } from '@/server/live/changes'
import { analysisSpecSchema } from '@/core/analysis/spec'
import { reviewAccess } from '@/server/authz/access'

const id = z.string().min(1).max(64)
export const analysesRouter = router({
  /** Each analysis, with how it stands against the latest published version (new, changed, as published). */
  list: reviewProcedure('analysis.read').query(({ ctx }) => analysesSincePublication(ctx.membership.reviewId)),
  result: reviewProcedure('analysis.read')
    .input(z.object({ analysisId: id }))
    .query(({ ctx, input }) => computeAnalysis(ctx.membership.reviewId, input.analysisId)),
  save: reviewProcedure('analysis.manage')
    .input(z.object({ analysisId: id.optional(), name: z.string().trim().min(1, 'Name the analysis.').max(200), spec: analysisSpecSchema }))
    .mutation(({ ctx, input }) => saveAnalysis(actorOf(ctx), { id: input.analysisId, name: input.name, spec: input.spec })),
  duplicate: reviewProcedure('analysis.manage')
    .input(z.object({ analysisId: id }))
    .mutation(({ ctx, input }) => duplicateAnalysis(actorOf(ctx), input.analysisId)),
  delete: reviewProcedure('analysis.manage')
    .input(z.object({ analysisId: id }))
    .mutation(({ ctx, input }) => deleteAnalysis(actorOf(ctx), input.analysisId)),
  /**
   * PRISMA 2020 counts: for the whole review, or since the latest published version (the template for
   * updated reviews). Without a scope: the update template once searches have been added since the latest
   * version, else the whole review.
   */
  prismaFlow: reviewProcedure('analysis.read')
    .input(z.object({ scope: z.enum(['update', 'whole']).optional() }))
    .query(({ ctx, input }) => prismaFlow(ctx.membership.reviewId, input.scope)),
  /**
   * Server-sent events: a message whenever this review's data change, on any app instance. Access is
   * checked again before each message, so a stream ends when its session ends or its member is removed.
   */
  changes: reviewProcedure('analysis.read').subscription(async function* ({ ctx, signal }) {
    const feed = await changeFeed()
    for await (const [change] of on(feed, 'change', { signal })) {
      if ((change as ReviewChange).reviewId !== ctx.membership.reviewId) continue
      await reviewAccess(ctx.user, ctx.membership.reviewId, 'analysis.read')
      yield change as ReviewChange
    }
  }),
})
