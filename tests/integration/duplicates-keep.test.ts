/** Choosing which copy of a duplicate to keep: the chosen record takes over the screening history. */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { createImport, createRecord } from '../../prisma/seed/factories'
import { callerFor, outcome, reviewWithTeam } from '../helpers/fixtures'

async function groupOfTwo() {
  const t = await reviewWithTeam()
  const db = prisma()
  const batch = await createImport(db, t.review.id, t.users.owner.id)
  const kept = await createRecord(db, batch, { title: 'Liver iron by R2* MRI: a conference abstract', abstract: '' })
  const better = await createRecord(db, batch, { title: 'Liver iron by R2* MRI', abstract: 'Background. A full abstract.', screen: false })
  const group = await db.duplicateGroup.create({ data: { reviewId: t.review.id, primaryRecordId: kept.record.id, reason: 'title', status: 'CONFIRMED', similarity: 0.93 } })
  await db.searchRecord.updateMany({ where: { id: { in: [kept.record.id, better.record.id] } }, data: { duplicateGroupId: group.id } })
  return { t, db, batch, kept, better, group }
}

describe('keeping another copy of a duplicate', () => {
  it('moves the items of both stages (votes, decisions), full texts and "not retrieved" mark to the copy chosen, with an audit entry', async () => {
    const { t, db, kept, better, group } = await groupOfTwo()
    const reviewId = t.review.id
    await callerFor(t.users.reviewer).screening.vote({ reviewId, itemId: kept.item!.id, decision: 'INCLUDE' })
    await callerFor(t.users.target).screening.vote({ reviewId, itemId: kept.item!.id, decision: 'INCLUDE' })
    const fullText = await db.fullText.create({
      data: { recordId: kept.record.id, fileName: 'a.pdf', size: 4, sha256: 'x', data: Buffer.from('%PDF'), uploadedById: t.users.lead.id },
    })
    await db.searchRecord.update({ where: { id: kept.record.id }, data: { notRetrieved: true } })

    expect(await outcome(() => callerFor(t.users.reviewer).records.keepDuplicate({ reviewId, groupId: group.id, recordId: better.record.id }))).toBe('FORBIDDEN')
    const lead = callerFor(t.users.lead)
    expect(await lead.records.keepDuplicate({ reviewId, groupId: group.id, recordId: better.record.id })).toEqual({ screeningItems: 2, fullTexts: 1 })

    const item = await db.screeningItem.findUniqueOrThrow({ where: { id: kept.item!.id }, include: { votes: true } })
    expect(item.recordId).toBe(better.record.id)
    expect(item.status).toBe('INCLUDED')
    expect(item.votes.map((v) => v.decision)).toEqual(['INCLUDE', 'INCLUDE'])
    expect((await db.fullText.findUniqueOrThrow({ where: { id: fullText.id } })).recordId).toBe(better.record.id)
    const records = await db.searchRecord.findMany({ where: { id: { in: [kept.record.id, better.record.id] } }, select: { id: true, notRetrieved: true } })
    expect(Object.fromEntries(records.map((r) => [r.id, r.notRetrieved]))).toEqual({ [kept.record.id]: false, [better.record.id]: true })
    expect((await db.duplicateGroup.findUniqueOrThrow({ where: { id: group.id } })).primaryRecordId).toBe(better.record.id)
    const audit = await db.auditEvent.findFirstOrThrow({ where: { reviewId, action: 'duplicates.kept' } })
    expect(audit).toMatchObject({ entityId: group.id, before: { primaryRecordId: kept.record.id }, after: { primaryRecordId: better.record.id, screeningItems: 2, fullTexts: 1 } })

    // the records list now shows the copy chosen as the screened one, the other among duplicates
    const listed = await lead.records.search({ reviewId, stage: 'TITLE_ABSTRACT', filter: 'included' })
    expect(listed.records.map((r) => r.id)).toEqual([better.record.id])
    const dups = await lead.records.search({ reviewId, stage: 'TITLE_ABSTRACT', filter: 'duplicates' })
    expect(dups.records.map((r) => r.id)).toEqual([kept.record.id])

    // and back again: the first copy can be chosen once more
    expect(await lead.records.keepDuplicate({ reviewId, groupId: group.id, recordId: kept.record.id })).toEqual({ screeningItems: 2, fullTexts: 1 })
    expect(await outcome(() => lead.records.keepDuplicate({ reviewId, groupId: group.id, recordId: kept.record.id }))).toBe('BAD_REQUEST')
  })

  it('refuses a copy screened on its own, a record from elsewhere, and a kept copy that is a study report', async () => {
    const { t, db, batch, kept, better, group } = await groupOfTwo()
    const reviewId = t.review.id
    const lead = callerFor(t.users.lead)
    const elsewhere = await createRecord(db, batch)
    expect(await outcome(() => lead.records.keepDuplicate({ reviewId, groupId: group.id, recordId: elsewhere.record.id }))).toBe('NOT_FOUND')
    await db.screeningItem.create({ data: { reviewId, recordId: better.record.id, stage: 'TITLE_ABSTRACT' } })
    await expect(lead.records.keepDuplicate({ reviewId, groupId: group.id, recordId: better.record.id })).rejects.toThrow(/screened on its own/)
    await db.screeningItem.deleteMany({ where: { recordId: better.record.id } })
    const study = await db.study.create({ data: { reviewId, label: 'Nguyen 2019' } })
    await db.studyReport.create({ data: { studyId: study.id, recordId: kept.record.id } })
    await expect(lead.records.keepDuplicate({ reviewId, groupId: group.id, recordId: better.record.id })).rejects.toThrow(/report of study "Nguyen 2019"/)
    expect((await db.duplicateGroup.findUniqueOrThrow({ where: { id: group.id } })).primaryRecordId).toBe(kept.record.id)
    expect((await db.screeningItem.findUniqueOrThrow({ where: { id: kept.item!.id } })).recordId).toBe(kept.record.id)
  })

  it('waits for a vote in flight on the kept copy, and moves the full-text item that vote made', async () => {
    const { t, db, kept, better, group } = await groupOfTwo()
    const reviewId = t.review.id
    let release: (() => void) | undefined
    // a vote's transaction: it holds the title/abstract item, then adds the full-text item as an inclusion does
    const vote = db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "ScreeningItem" WHERE id = ${kept.item!.id} FOR UPDATE`
      await new Promise<void>((resolve) => {
        release = resolve
      })
      await tx.screeningItem.create({ data: { reviewId, recordId: kept.record.id, stage: 'FULL_TEXT' } })
    })
    while (!release) await new Promise((r) => setTimeout(r, 10))
    const keeping = callerFor(t.users.lead).records.keepDuplicate({ reviewId, groupId: group.id, recordId: better.record.id })
    await new Promise((r) => setTimeout(r, 300))
    release()
    await vote
    expect(await keeping).toEqual({ screeningItems: 2, fullTexts: 0 })
    expect(await db.screeningItem.count({ where: { recordId: kept.record.id } })).toBe(0)
    expect(await db.screeningItem.count({ where: { recordId: better.record.id } })).toBe(2)
  })
})
