/**
 * Tags: labels the team puts on records ("RCT", "ask the authors", "check at full text") to find them
 * again, as Rayyan's labels and Covidence's tags. Anyone who screens may make a tag and put it on records;
 * each tagging is one person's. Blinding: under blind screening a tag is an opinion about a record, so
 * another person's tagging is shown (and filtered on) only once the record's screening is settled, no
 * stage left open or in conflict; a reviewer's own tags are always theirs to see. Leads rename and delete.
 * Names are unique in a review whatever their case; making and renaming take the review's tag lock, so
 * two people naming "RCT" and "rct" at once get one tag.
 */
import 'server-only'
import type { Prisma } from '@/generated/prisma/client'
import { prisma, type Tx } from '@/server/db/client'
import { AppError, fieldError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import { settingsOf, type ScreeningActor } from '../screening/types'

export const tagNameMax = 40
const maxTags = 200

/** The taggings an actor may see: their own, and under blind screening others' only on settled records. */
export function visibleTaggings(actor: ScreeningActor, blindScreening: boolean): Prisma.RecordTagWhereInput {
  if (!blindScreening) return {}
  // a record with no screening item (a duplicate's other copy) is not settled either: its screened copy may be open
  return { OR: [{ userId: actor.userId }, { record: { AND: [{ items: { some: {} } }, { items: { none: { status: { in: ['OPEN', 'CONFLICT'] } } } }] } }] }
}

/** A record's tags as the actor may see them, each once, with whether the actor put it there. */
export function tagsOfRecord(taggings: readonly { userId: string; tag: { id: string; name: string } }[], actor: ScreeningActor) {
  const byTag = new Map<string, { id: string; name: string; mine: boolean }>()
  for (const t of taggings) {
    const seen = byTag.get(t.tag.id)
    if (seen) seen.mine ||= t.userId === actor.userId
    else byTag.set(t.tag.id, { id: t.tag.id, name: t.tag.name, mine: t.userId === actor.userId })
  }
  return [...byTag.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** A tag name as stored (runs of white space as one space, trimmed), or why it cannot be one; backups are read by it too. */
export function checkTagName(raw: string): { name: string } | { error: string } {
  const name = raw.replace(/\s+/g, ' ').trim()
  if (!name) return { error: 'A tag needs a name.' }
  if (name.length > tagNameMax) return { error: `A tag's name is at most ${tagNameMax} characters.` }
  if (/[\u0000-\u001f\u007f]/.test(name)) return { error: 'A tag name cannot hold control characters.' }
  return { name }
}

function cleanName(raw: string): string {
  const checked = checkTagName(raw)
  if ('error' in checked) throw fieldError('name', checked.error)
  return checked.name
}

/** Serialises the making and renaming of one review's tags (held to the end of the transaction). */
async function lockTags(tx: Tx, reviewId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`ferrite-tags:${reviewId}`}, 0))`
}

async function assertFreeName(tx: Tx, reviewId: string, name: string, except?: string) {
  const same = await tx.tag.findFirst({ where: { reviewId, name: { equals: name, mode: 'insensitive' }, ...(except ? { id: { not: except } } : {}) } })
  if (same) throw fieldError('name', `There is already a tag "${same.name}".`)
}

/** One record's tags as the actor may see them (the screening page asks for each record it shows). */
export async function tagsOfOneRecord(actor: ScreeningActor, recordId: string) {
  const { blindScreening } = await settingsOf(actor)
  const record = await prisma().searchRecord.findFirst({
    where: { id: recordId, reviewId: actor.reviewId },
    select: { tags: { where: visibleTaggings(actor, blindScreening), select: { userId: true, tag: { select: { id: true, name: true } } } } },
  })
  if (!record) throw notFound('Record')
  return tagsOfRecord(record.tags, actor)
}

/** The review's tags, with how many records carry each as the actor may see them. */
export async function listTags(actor: ScreeningActor) {
  const { blindScreening } = await settingsOf(actor)
  const tags = await prisma().tag.findMany({
    where: { reviewId: actor.reviewId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, records: { where: visibleTaggings(actor, blindScreening), select: { recordId: true } } },
  })
  return tags.map((t) => ({ id: t.id, name: t.name, records: new Set(t.records.map((r) => r.recordId)).size }))
}

export async function createTag(actor: ScreeningActor, rawName: string) {
  const name = cleanName(rawName)
  return prisma().$transaction(async (tx) => {
    await lockTags(tx, actor.reviewId)
    await assertFreeName(tx, actor.reviewId, name)
    const count = await tx.tag.count({ where: { reviewId: actor.reviewId } })
    if (count >= maxTags) throw new AppError('BAD_REQUEST', `A review holds at most ${maxTags} tags; delete some first.`)
    const tag = await tx.tag.create({ data: { reviewId: actor.reviewId, name, createdById: actor.userId }, select: { id: true, name: true } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'tags.created', entity: 'Tag', entityId: tag.id, after: { name } })
    return tag
  })
}

export async function renameTag(actor: ScreeningActor, tagId: string, rawName: string) {
  const name = cleanName(rawName)
  await prisma().$transaction(async (tx) => {
    await lockTags(tx, actor.reviewId)
    const tag = await tx.tag.findFirst({ where: { id: tagId, reviewId: actor.reviewId } })
    if (!tag) throw notFound('Tag')
    await assertFreeName(tx, actor.reviewId, name, tag.id)
    await tx.tag.update({ where: { id: tag.id }, data: { name } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'tags.renamed', entity: 'Tag', entityId: tag.id, before: { name: tag.name }, after: { name } })
  })
}

/** Deletes a tag from every record it is on (the records themselves are untouched). */
export async function deleteTag(actor: ScreeningActor, tagId: string) {
  await prisma().$transaction(async (tx) => {
    const tag = await tx.tag.findFirst({ where: { id: tagId, reviewId: actor.reviewId }, select: { id: true, name: true } })
    if (!tag) throw notFound('Tag')
    await tx.tag.delete({ where: { id: tag.id } })
    // not how many records carried it: that count would include taggings still hidden from the lead
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'tags.deleted', entity: 'Tag', entityId: tag.id, before: { name: tag.name } })
  })
}

/**
 * Puts the actor's tag on records, or takes the actor's own tag off them (another person's tagging is
 * theirs). Every record must be one of the review's.
 */
export async function tagRecords(actor: ScreeningActor, tagId: string, recordIds: readonly string[], on: boolean) {
  const ids = [...new Set(recordIds)]
  return prisma().$transaction(async (tx) => {
    const tag = await tx.tag.findFirst({ where: { id: tagId, reviewId: actor.reviewId }, select: { id: true } })
    if (!tag) throw notFound('Tag')
    const found = await tx.searchRecord.count({ where: { id: { in: ids }, reviewId: actor.reviewId } })
    if (found !== ids.length) throw notFound(ids.length === 1 ? 'Record' : `${ids.length - found} of the records`)
    if (on) {
      const made = await tx.recordTag.createMany({ data: ids.map((recordId) => ({ tagId, recordId, userId: actor.userId })), skipDuplicates: true })
      return { changed: made.count }
    }
    const removed = await tx.recordTag.deleteMany({ where: { tagId, recordId: { in: ids }, userId: actor.userId } })
    return { changed: removed.count }
  })
}
