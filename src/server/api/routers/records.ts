import 'server-only'
import { z } from 'zod'
import { reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { searchRecords } from '@/server/services/records/search'
import { recordDetail } from '@/server/services/records/detail'
import { createTag, deleteTag, listTags, renameTag, tagNameMax, tagRecords, tagsOfOneRecord } from '@/server/services/records/tags'
import { matchFullTextFiles, setNotRetrieved } from '@/server/services/records/fulltext'
import { listImports } from '@/server/services/records/imports-list'
import { confirmDuplicateGroup, confirmExactLooking, keepRecord, listDuplicateGroups, separateRecord } from '@/server/services/records/duplicates'

const stage = z.enum(['TITLE_ABSTRACT', 'FULL_TEXT'])

export const recordsRouter = router({
  search: reviewProcedure('records.read')
    .input(
      z.object({
        q: z.string().max(200).optional(),
        stage: stage.default('TITLE_ABSTRACT'),
        filter: z.enum(['all', 'awaiting-me', 'voted-by-me', 'open', 'conflict', 'included', 'excluded', 'duplicates', 'not-retrieved']).default('all'),
        importId: z.string().optional(),
        tagId: z.string().optional(),
        sort: z.enum(['relevance', 'year', 'title', 'added']).default('relevance'),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(10).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => searchRecords(actorOf(ctx), input)),
  detail: reviewProcedure('records.read')
    .input(z.object({ recordId: z.string().min(1) }))
    .query(({ ctx, input }) => recordDetail(actorOf(ctx), input.recordId)),
  imports: reviewProcedure('records.read').query(({ ctx }) => listImports(ctx.membership.reviewId)),
  duplicates: reviewProcedure('records.read')
    .input(z.object({ status: z.enum(['PENDING', 'AUTO', 'CONFIRMED']).default('PENDING') }))
    .query(({ ctx, input }) => listDuplicateGroups(ctx.membership.reviewId, input.status)),
  confirmDuplicates: reviewProcedure('duplicates.resolve')
    .input(z.object({ groupId: z.string().min(1) }))
    .mutation(({ ctx, input }) => confirmDuplicateGroup(actorOf(ctx), input.groupId)),
  confirmExactLooking: reviewProcedure('duplicates.resolve').mutation(({ ctx }) => confirmExactLooking(actorOf(ctx))),
  separateDuplicate: reviewProcedure('duplicates.resolve')
    .input(z.object({ groupId: z.string().min(1), recordId: z.string().min(1) }))
    .mutation(({ ctx, input }) => separateRecord(actorOf(ctx), input.groupId, input.recordId)),
  keepDuplicate: reviewProcedure('duplicates.resolve')
    .input(z.object({ groupId: z.string().min(1), recordId: z.string().min(1) }))
    .mutation(({ ctx, input }) => keepRecord(actorOf(ctx), input.groupId, input.recordId)),
  tags: reviewProcedure('records.read').query(({ ctx }) => listTags(actorOf(ctx))),
  recordTags: reviewProcedure('records.read')
    .input(z.object({ recordId: z.string().min(1) }))
    .query(({ ctx, input }) => tagsOfOneRecord(actorOf(ctx), input.recordId)),
  createTag: reviewProcedure('screening.vote')
    .input(z.object({ name: z.string().max(tagNameMax * 4) }))
    .mutation(({ ctx, input }) => createTag(actorOf(ctx), input.name)),
  renameTag: reviewProcedure('screening.configure')
    .input(z.object({ tagId: z.string().min(1), name: z.string().max(tagNameMax * 4) }))
    .mutation(({ ctx, input }) => renameTag(actorOf(ctx), input.tagId, input.name)),
  deleteTag: reviewProcedure('screening.configure')
    .input(z.object({ tagId: z.string().min(1) }))
    .mutation(({ ctx, input }) => deleteTag(actorOf(ctx), input.tagId)),
  tag: reviewProcedure('screening.vote')
    .input(z.object({ tagId: z.string().min(1), recordIds: z.array(z.string().min(1)).min(1).max(500), on: z.boolean() }))
    .mutation(({ ctx, input }) => tagRecords(actorOf(ctx), input.tagId, input.recordIds, input.on)),
  matchFullTexts: reviewProcedure('fulltext.upload')
    .input(z.object({ fileNames: z.array(z.string().max(255)).min(1).max(500) }))
    // a mutation only so that 500 file names travel in a POST body rather than a URL; it changes nothing
    .mutation(({ ctx, input }) => matchFullTextFiles(actorOf(ctx), input.fileNames)),
  setNotRetrieved: reviewProcedure('screening.resolve')
    .input(z.object({ recordId: z.string().min(1), notRetrieved: z.boolean() }))
    .mutation(({ ctx, input }) => setNotRetrieved(actorOf(ctx), input.recordId, input.notRetrieved)),
})
