import 'server-only'
import { z } from 'zod'
import { reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { linkReport, listStudies, renameStudy, unlinkReport } from '@/server/services/extraction/studies'
import { assignStudy, autoAssign, myAssignments } from '@/server/services/extraction/assignments'

const id = z.string().min(1).max(64)

export const studiesRouter = router({
  list: reviewProcedure('extraction.read').query(({ ctx }) => listStudies(ctx.membership.reviewId)),
  rename: reviewProcedure('extraction.configure')
    .input(z.object({ studyId: id, label: z.string().trim().min(1, 'Give the study a label.').max(200) }))
    .mutation(({ ctx, input }) => renameStudy(actorOf(ctx), input.studyId, input.label)),
  linkReport: reviewProcedure('extraction.configure')
    .input(z.object({ studyId: id, recordId: id }))
    .mutation(({ ctx, input }) => linkReport(actorOf(ctx), input.studyId, input.recordId)),
  unlinkReport: reviewProcedure('extraction.configure')
    .input(z.object({ recordId: id }))
    .mutation(({ ctx, input }) => unlinkReport(actorOf(ctx), input.recordId)),
  assign: reviewProcedure('extraction.configure')
    .input(z.object({ studyId: id, formId: id, userIds: z.array(id).max(2) }))
    .mutation(({ ctx, input }) => assignStudy(actorOf(ctx), input.studyId, input.formId, input.userIds)),
  autoAssign: reviewProcedure('extraction.configure')
    .input(z.object({ formId: id }))
    .mutation(({ ctx, input }) => autoAssign(actorOf(ctx), input.formId)),
  mine: reviewProcedure('extraction.enter').query(({ ctx }) => myAssignments(actorOf(ctx))),
})
