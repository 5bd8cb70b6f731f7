import 'server-only'
import { z } from 'zod'
import { reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { coalescedChanges } from '@/server/live/changes'
import { reviewAccess } from '@/server/authz/access'

/** Screening progress changes reach open pages at most this often. */
const progressCoalesceMs = 2000
import { castVote, withdrawVote } from '@/server/services/screening/votes'
import { itemForReviewer, nextItem, releaseClaim, screeningProgress } from '@/server/services/screening/queue'
import { bulkPatterns, conflictPatterns, listConflicts, resolveConflict, resolveConflictsBulk } from '@/server/services/screening/conflicts'
import { agreementForReviewer, reviewerStatistics } from '@/server/services/screening/stats'
import { settingsOf } from '@/server/services/screening/types'
import { latestRanking } from '@/server/services/screening/ranking'
import { screeningContext } from '@/server/services/screening/context'
import { recallOverTime, votesOverTime } from '@/server/services/screening/activity'

const stage = z.enum(['TITLE_ABSTRACT', 'FULL_TEXT'])
const id = z.string().min(1).max(64)

export const screeningRouter = router({
  context: reviewProcedure('records.read').query(({ ctx }) => screeningContext(actorOf(ctx))),
  // A query (the page reads it like one); it also renews this reviewer's claim on the record it returns.
  next: reviewProcedure('screening.vote')
    .input(z.object({ stage, skip: z.array(id).max(500).default([]) }))
    .query(({ ctx, input }) => nextItem(actorOf(ctx), input.stage, input.skip)),
  skip: reviewProcedure('screening.vote')
    .input(z.object({ itemId: id }))
    .mutation(async ({ ctx, input }) => {
      await releaseClaim(actorOf(ctx), input.itemId)
      return { ok: true as const }
    }),
  item: reviewProcedure('records.read')
    .input(z.object({ itemId: id }))
    .query(({ ctx, input }) => itemForReviewer(actorOf(ctx), input.itemId)),
  vote: reviewProcedure('screening.vote')
    .input(
      z.object({
        itemId: id,
        decision: z.enum(['INCLUDE', 'EXCLUDE', 'MAYBE']),
        exclusionReasonId: id.nullish(),
        note: z.string().max(2000).nullish(),
        /** ask for the next record in the same round trip (the screening page does), skipping these */
        thenNext: z.object({ skip: z.array(id).max(500).default([]) }).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const actor = actorOf(ctx)
      const { status, stage, next } = await castVote(actor, input)
      if (!input.thenNext) return { status }
      return { status, next: next ? await itemForReviewer(actor, next) : await nextItem(actor, stage, input.thenNext.skip) }
    }),
  withdraw: reviewProcedure('screening.vote')
    .input(z.object({ itemId: id }))
    .mutation(({ ctx, input }) => withdrawVote(actorOf(ctx), input.itemId)),
  /**
   * Server-sent events: a message when votes or decisions change this review's screening progress, at
   * most one every 2 s (coalesced), so that open screening pages refresh the team's counts. The message
   * says only that something changed, never what or by whom; access is checked again before each.
   */
  changes: reviewProcedure('records.read').subscription(async function* ({ ctx, signal }) {
    for await (const change of coalescedChanges(ctx.membership.reviewId, 'screening', signal, progressCoalesceMs)) {
      await reviewAccess(ctx.user, ctx.membership.reviewId, 'records.read')
      yield { at: change.at }
    }
  }),
  progress: reviewProcedure('records.read')
    .input(z.object({ stage }))
    .query(({ ctx, input }) => screeningProgress(actorOf(ctx), input.stage)),
  conflicts: reviewProcedure('screening.resolve')
    .input(z.object({ stage }))
    .query(({ ctx, input }) => listConflicts(ctx.membership.reviewId, input.stage)),
  resolve: reviewProcedure('screening.resolve')
    .input(z.object({ itemId: id, decision: z.enum(['INCLUDE', 'EXCLUDE']), note: z.string().max(2000), exclusionReasonId: id.nullish() }))
    .mutation(({ ctx, input }) => resolveConflict(actorOf(ctx), input)),
  conflictPatterns: reviewProcedure('screening.resolve')
    .input(z.object({ stage }))
    .query(({ ctx, input }) => conflictPatterns(ctx.membership.reviewId, input.stage)),
  resolveBulk: reviewProcedure('screening.resolve')
    .input(z.object({ stage, pattern: z.enum(bulkPatterns), decision: z.enum(['INCLUDE', 'EXCLUDE']), note: z.string().max(2000).default(''), exclusionReasonId: id.nullish() }))
    .mutation(({ ctx, input }) => resolveConflictsBulk(actorOf(ctx), input)),
  statistics: reviewProcedure('screening.stats')
    .input(z.object({ stage }))
    .query(({ ctx, input }) => reviewerStatistics(ctx.membership.reviewId, input.stage)),
  myAgreement: reviewProcedure('screening.vote')
    .input(z.object({ stage }))
    .query(async ({ ctx, input }) => {
      const { votesRequired } = await settingsOf(actorOf(ctx))
      return agreementForReviewer(ctx.membership.reviewId, ctx.user.id, input.stage, votesRequired)
    }),
  ranking: reviewProcedure('screening.stats').query(({ ctx }) => latestRanking(ctx.membership.reviewId)),
  /** votes per reviewer over time (counts only), for the statistics page's chart */
  activity: reviewProcedure('screening.stats')
    .input(z.object({ stage }))
    .query(({ ctx, input }) => votesOverTime(ctx.membership.reviewId, input.stage)),
  recallHistory: reviewProcedure('screening.stats').query(({ ctx }) => recallOverTime(ctx.membership.reviewId)),
})
