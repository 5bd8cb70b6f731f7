import 'server-only'
import { z } from 'zod'
import { reviewProcedure, router } from '../trpc'
import { actorOf } from './actor'
import { comparison, myEntry, reopenEntry, saveEntry } from '@/server/services/extraction/entries'
import { noteConsensus, setConsensus } from '@/server/services/extraction/consensus'

const id = z.string().min(1).max(64)
const target = z.object({ studyId: id, formId: id })

export const entriesRouter = router({
  mine: reviewProcedure('extraction.enter')
    .input(target)
    .query(({ ctx, input }) => myEntry(actorOf(ctx), input.studyId, input.formId)),
  save: reviewProcedure('extraction.enter')
    .input(target.extend({ values: z.record(z.string(), z.unknown()), submit: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => saveEntry(actorOf(ctx), input.studyId, input.formId, input.values, input.submit)),
  reopen: reviewProcedure('extraction.enter')
    .input(target)
    .mutation(({ ctx, input }) => reopenEntry(actorOf(ctx), input.studyId, input.formId)),
  comparison: reviewProcedure('extraction.enter')
    .input(target)
    .query(({ ctx, input }) => comparison(actorOf(ctx), input.studyId, input.formId)),
  /** Leads settle each difference once all entries are in (never one of the extractors alone). */
  setConsensus: reviewProcedure('extraction.reconcile')
    .input(
      target.extend({
        path: z.string().min(3).max(200),
        choice: z.discriminatedUnion('source', [z.object({ source: z.literal('entry'), userId: id }), z.object({ source: z.literal('manual'), value: z.unknown() })]),
      }),
    )
    .mutation(({ ctx, input }) => setConsensus(actorOf(ctx), input.studyId, input.formId, input.path, input.choice as never)),
  noteConsensus: reviewProcedure('extraction.reconcile')
    .input(target.extend({ path: z.string().min(3).max(200), note: z.string().max(2000) }))
    .mutation(({ ctx, input }) => noteConsensus(actorOf(ctx), input.studyId, input.formId, input.path, input.note)),
})
