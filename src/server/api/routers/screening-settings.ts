import 'server-only'
import { z } from 'zod'
import { reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { addExclusionReason, listExclusionReasons, setHighlightKeywords, updateExclusionReason } from '@/server/services/screening/settings'

const label = z.string().trim().min(2, 'Give the reason a name.').max(200)

export const screeningSettingsRouter = router({
  reasons: reviewProcedure('screening.configure').query(({ ctx }) => listExclusionReasons(ctx.membership.reviewId, true)),
  addReason: reviewProcedure('screening.configure')
    .input(z.object({ label }))
    .mutation(({ ctx, input }) => addExclusionReason(actorOf(ctx), input.label)),
  updateReason: reviewProcedure('screening.configure')
    .input(z.object({ reasonId: z.string().min(1), label: label.optional(), active: z.boolean().optional() }))
    .mutation(({ ctx, input }) => updateExclusionReason(actorOf(ctx), input.reasonId, input)),
  setKeywords: reviewProcedure('screening.configure')
    .input(z.object({ inclusion: z.array(z.string().max(100)).max(200), exclusion: z.array(z.string().max(100)).max(200) }))
    .mutation(({ ctx, input }) => setHighlightKeywords(actorOf(ctx), input.inclusion, input.exclusion)),
})
