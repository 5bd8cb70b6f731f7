import 'server-only'
import { z } from 'zod'
import { scheduleSchema } from '@/core/searches/search-spec'
import { reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { createSavedSearch, listRuns, listSavedSearches, livingStatus, savedSearchInput, updateSavedSearch } from '@/server/services/searches/saved-searches'
import { queueRun } from '@/server/services/searches/runs'

export const searchesRouter = router({
  list: reviewProcedure('records.read').query(({ ctx }) => listSavedSearches(ctx.membership.reviewId)),
  runs: reviewProcedure('records.read')
    .input(z.object({ searchId: z.string().min(1).optional() }))
    .query(({ ctx, input }) => listRuns(ctx.membership.reviewId, input.searchId)),
  living: reviewProcedure('records.read').query(({ ctx }) => livingStatus(ctx.membership.reviewId)),
  create: reviewProcedure('records.import')
    .input(savedSearchInput)
    .mutation(({ ctx, input }) => createSavedSearch(actorOf(ctx), input)),
  update: reviewProcedure('records.import')
    .input(z.object({ searchId: z.string().min(1), schedule: scheduleSchema.optional(), archived: z.boolean().optional() }))
    .mutation(({ ctx, input }) => updateSavedSearch(actorOf(ctx), input.searchId, { schedule: input.schedule, archived: input.archived })),
  runNow: reviewProcedure('records.import')
    .input(z.object({ searchId: z.string().min(1) }))
    .mutation(({ ctx, input }) => queueRun(actorOf(ctx), input.searchId)),
})
