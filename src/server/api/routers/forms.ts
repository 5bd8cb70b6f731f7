import 'server-only'
import { z } from 'zod'
import { reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { formDefinitionSchema } from '@/core/forms/definition-schema'
import { createForm, latestVersion, listForms, saveFormVersion } from '@/server/services/extraction/forms'
import { qualitySummary } from '@/server/services/extraction/quality-summary'

const id = z.string().min(1).max(64)
// The shape is the schema's; the rules a lead's form must keep (unique ids, options, no type changes) are checkDefinition's, with messages a lead can act on.
const definition = formDefinitionSchema

export const formsRouter = router({
  list: reviewProcedure('extraction.read').query(({ ctx }) => listForms(ctx.membership.reviewId)),
  get: reviewProcedure('extraction.read')
    .input(z.object({ formId: id }))
    .query(({ ctx, input }) => latestVersion(ctx.membership.reviewId, input.formId)),
  create: reviewProcedure('extraction.configure')
    .input(
      z.object({
        kind: z.enum(['EXTRACTION', 'QUALITY']),
        templateKey: z.enum(['diagnostic_accuracy', 'correlation', 'intervention', 'prevalence', 'quadas2', 'rob2']),
        name: z.string().max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createForm(actorOf(ctx), input)),
  saveVersion: reviewProcedure('extraction.configure')
    .input(z.object({ formId: id, name: z.string().max(200).optional(), definition }))
    .mutation(({ ctx, input }) => saveFormVersion(actorOf(ctx), input.formId, input)),
  qualitySummary: reviewProcedure('extraction.read')
    .input(z.object({ formId: id }))
    .query(({ ctx, input }) => qualitySummary(ctx.membership.reviewId, input.formId)),
})
