import 'server-only'
import { prisma } from '@/server/db/client'
import { notFound } from '@/server/errors'
import { itemForReviewer } from '../screening/queue'
import { settingsOf, type ScreeningActor } from '../screening/types'
import { tagsOfRecord, visibleTaggings } from './tags'

/** A record with its source, its duplicate group and each stage as the caller may see it (blinding applies). */
export async function recordDetail(actor: ScreeningActor, recordId: string) {
  const { blindScreening } = await settingsOf(actor)
  const record = await prisma().searchRecord.findFirst({
    where: { id: recordId, reviewId: actor.reviewId },
    include: {
      importBatch: { select: { source: true, fileName: true, searchDate: true } },
      duplicateGroup: { select: { id: true, status: true, reason: true, primaryRecordId: true, members: { select: { id: true, title: true, importBatch: { select: { source: true } } } } } },
      items: { select: { id: true, stage: true } },
      tags: { where: visibleTaggings(actor, blindScreening), select: { userId: true, tag: { select: { id: true, name: true } } } },
    },
  })
  if (!record) throw notFound('Record')
  const stages = await Promise.all(record.items.map((i) => itemForReviewer(actor, i.id)))
  const { items: _items, tags, ...rest } = record
  return { ...rest, tags: tagsOfRecord(tags, actor), stages: stages.filter((s) => s !== null) }
}
