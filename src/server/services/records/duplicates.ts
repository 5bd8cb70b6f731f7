/** Leads confirm or separate suspected duplicates; exact ones are listed too, and can be separated. */
import 'server-only'
import { prisma, type Tx } from '@/server/db/client'
import { AppError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import { requestReranking } from '../screening/ranking-jobs'
import type { ScreeningActor } from '../screening/types'

/** A record's bibliographic fields and where it came from, as lists and exports show them. */
export const recordFields = {
  id: true,
  title: true,
  authors: true,
  year: true,
  journal: true,
  volume: true,
  issue: true,
  pages: true,
  doi: true,
  pmid: true,
  abstract: true,
  importBatch: { select: { source: true, fileName: true } },
} as const

/** Suspects that look exact: titles at least this alike (and the same year), though no DOI or PMID matched. */
export const exactLookingSimilarity = 0.98

async function exactLookingGroups(reviewId: string, db: Pick<ReturnType<typeof prisma>, 'duplicateGroup'> = prisma()) {
  const groups = await db.duplicateGroup.findMany({
    where: { reviewId, status: 'PENDING', similarity: { gte: exactLookingSimilarity } },
    select: { id: true, members: { select: { year: true } } },
  })
  return groups.filter((g) => new Set(g.members.map((m) => m.year)).size === 1)
}

export async function listDuplicateGroups(reviewId: string, status: 'PENDING' | 'AUTO' | 'CONFIRMED', take = 50) {
  const [groups, counts, exactLooking] = await Promise.all([
    prisma().duplicateGroup.findMany({
      where: { reviewId, status },
      orderBy: [{ similarity: 'desc' }, { createdAt: 'asc' }],
      take,
      select: { id: true, reason: true, status: true, similarity: true, primaryRecordId: true, members: { select: recordFields, orderBy: { createdAt: 'asc' } } },
    }),
    prisma().duplicateGroup.groupBy({ by: ['status'], where: { reviewId }, _count: { _all: true } }),
    status === 'PENDING' ? exactLookingGroups(reviewId) : Promise.resolve([]),
  ])
  return { groups, counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Record<string, number>, exactLooking: exactLooking.length }
}

/** Confirms every suspect that looks exact (titles ≥ 98 % alike, same year), one audit entry per group. */
export async function confirmExactLooking(actor: ScreeningActor) {
  return prisma().$transaction(async (tx) => {
    const groups = await exactLookingGroups(actor.reviewId, tx)
    const confirmed = await tx.duplicateGroup.updateMany({
      where: { id: { in: groups.map((g) => g.id) }, status: 'PENDING' },
      data: { status: 'CONFIRMED', resolvedById: actor.userId, resolvedAt: new Date() },
    })
    for (const g of groups)
      await recordAudit(tx, {
        reviewId: actor.reviewId,
        actorId: actor.userId,
        action: 'duplicates.confirmed',
        entity: 'DuplicateGroup',
        entityId: g.id,
        before: { status: 'PENDING' },
        after: { status: 'CONFIRMED', bulk: `titles at least ${exactLookingSimilarity * 100}% alike, same year` },
      })
    return { confirmed: confirmed.count }
  })
}

/** Locks a group of this review, so that confirming, separating and keeping a copy happen one at a time. */
async function lockGroup(tx: Tx, actor: ScreeningActor, groupId: string): Promise<{ primaryRecordId: string } | undefined> {
  const [row] = await tx.$queryRaw<{ primaryRecordId: string }[]>`SELECT "primaryRecordId" FROM "DuplicateGroup" WHERE id = ${groupId} AND "reviewId" = ${actor.reviewId} FOR UPDATE`
  return row
}

export async function confirmDuplicateGroup(actor: ScreeningActor, groupId: string) {
  await prisma().$transaction(async (tx) => {
    await lockGroup(tx, actor, groupId)
    const group = await tx.duplicateGroup.findFirst({ where: { id: groupId, reviewId: actor.reviewId } })
    if (!group) throw notFound('Duplicate group')
    if (group.status !== 'PENDING') throw new AppError('CONFLICT', 'This group has already been reviewed.')
    await tx.duplicateGroup.update({ where: { id: group.id }, data: { status: 'CONFIRMED', resolvedById: actor.userId, resolvedAt: new Date() } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'duplicates.confirmed',
      entity: 'DuplicateGroup',
      entityId: group.id,
      before: { status: group.status },
      after: { status: 'CONFIRMED' },
    })
  })
}

/** Takes a record out of its group: it is a distinct study after all, and goes to screening. */
export async function separateRecord(actor: ScreeningActor, groupId: string, recordId: string) {
  await prisma().$transaction(async (tx) => {
    await lockGroup(tx, actor, groupId)
    const group = await tx.duplicateGroup.findFirst({ where: { id: groupId, reviewId: actor.reviewId }, include: { members: { select: { id: true } } } })
    if (!group) throw notFound('Duplicate group')
    if (recordId === group.primaryRecordId) throw new AppError('BAD_REQUEST', 'Separate the other records from the primary record instead.')
    if (!group.members.some((m) => m.id === recordId)) throw notFound('Record in this group')
    await tx.searchRecord.update({ where: { id: recordId }, data: { duplicateGroupId: null } })
    await tx.screeningItem.upsert({
      where: { recordId_stage: { recordId, stage: 'TITLE_ABSTRACT' } },
      create: { reviewId: actor.reviewId, recordId, stage: 'TITLE_ABSTRACT' },
      update: {},
    })
    const left = group.members.length - 1
    const status = left <= 1 ? 'SEPARATED' : group.status
    await tx.duplicateGroup.update({ where: { id: group.id }, data: { status, resolvedById: actor.userId, resolvedAt: new Date() } })
    if (left <= 1) await tx.searchRecord.update({ where: { id: group.primaryRecordId }, data: { duplicateGroupId: null } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'duplicates.separated',
      entity: 'DuplicateGroup',
      entityId: group.id,
      before: { status: group.status, recordId },
      after: { status },
    })
  })
  requestReranking(actor.reviewId)
}

/**
 * Keeps another copy of a duplicate group (the PubMed record with its abstract rather than the conference
 * listing, say): the record chosen becomes the group's primary and takes over the kept copy's screening
 * items (with their votes and decisions), full texts, tags and "not retrieved" mark, so nothing screened is
 * lost or screened twice. A kept copy that is already a study's report stays kept: the study's
 * provenance names it.
 */
export async function keepRecord(actor: ScreeningActor, groupId: string, recordId: string) {
  const moved = await prisma().$transaction(async (tx) => {
    const locked = await lockGroup(tx, actor, groupId)
    // A vote in flight on the kept copy may add its full-text item or its study report: wait for it by
    // locking the copy's items, then once more for a full-text item the first wait let in; the reads
    // below (each statement sees what has committed) then see everything, and no vote can start.
    for (let pass = 0; pass < 2 && locked; pass++) await tx.$queryRaw`SELECT id FROM "ScreeningItem" WHERE "recordId" = ${locked.primaryRecordId} FOR UPDATE`
    const group = await tx.duplicateGroup.findFirst({
      where: { id: groupId, reviewId: actor.reviewId },
      select: {
        id: true,
        status: true,
        primaryRecordId: true,
        primaryRecord: { select: { notRetrieved: true, studyReport: { select: { study: { select: { label: true } } } } } },
        members: { select: { id: true, _count: { select: { items: true, fullTexts: true } } } },
      },
    })
    if (!group) throw notFound('Duplicate group')
    if (recordId === group.primaryRecordId) throw new AppError('BAD_REQUEST', 'This copy is already the one kept.')
    const chosen = group.members.find((m) => m.id === recordId)
    if (!chosen) throw notFound('Record in this group')
    if (chosen._count.items > 0) throw new AppError('CONFLICT', 'This copy has been screened on its own; separate it instead.')
    const report = group.primaryRecord.studyReport
    if (report) throw new AppError('CONFLICT', `The kept copy is the report of study "${report.study.label}", which names it; it stays the one kept.`)
    const old = group.primaryRecordId
    const items = await tx.screeningItem.updateMany({ where: { recordId: old }, data: { recordId } })
    const fullTexts = await tx.fullText.updateMany({ where: { recordId: old }, data: { recordId } })
    await tx.$executeRaw`UPDATE "RecordTag" t SET "recordId" = ${recordId} WHERE t."recordId" = ${old}
      AND NOT EXISTS (SELECT 1 FROM "RecordTag" n WHERE n."recordId" = ${recordId} AND n."tagId" = t."tagId" AND n."userId" = t."userId")`
    await tx.recordTag.deleteMany({ where: { recordId: old } })
    await tx.searchRecord.update({ where: { id: recordId }, data: { notRetrieved: group.primaryRecord.notRetrieved } })
    await tx.searchRecord.update({ where: { id: old }, data: { notRetrieved: false } })
    await tx.duplicateGroup.update({ where: { id: group.id }, data: { primaryRecordId: recordId } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'duplicates.kept',
      entity: 'DuplicateGroup',
      entityId: group.id,
      before: { primaryRecordId: old },
      after: { primaryRecordId: recordId, screeningItems: items.count, fullTexts: fullTexts.count },
    })
    return { screeningItems: items.count, fullTexts: fullTexts.count }
  })
  requestReranking(actor.reviewId)
  return moved
}
