/** Tags on records: made by those who screen, one person's tagging each, blind until the record is settled, filters. */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { createImport, createRecord } from '../../prisma/seed/factories'
import { callerFor, outcome, reviewWithRecords } from '../helpers/fixtures'

describe('tags on records', () => {
  it('are made once per name, by those who screen', async () => {
    const t = await reviewWithRecords(1)
    const reviewId = t.review.id
    const reviewer = callerFor(t.users.reviewer)
    const tag = await reviewer.records.createTag({ reviewId, name: '  Randomised   trial ' })
    expect(tag.name).toBe('Randomised trial')
    await expect(reviewer.records.createTag({ reviewId, name: 'randomised TRIAL' })).rejects.toThrow('There is already a tag "Randomised trial".')
    await expect(reviewer.records.createTag({ reviewId, name: '   ' })).rejects.toThrow('A tag needs a name.')
    await expect(reviewer.records.createTag({ reviewId, name: 'x'.repeat(41) })).rejects.toThrow('at most 40 characters')
    await expect(reviewer.records.createTag({ reviewId, name: 'a\u0007b' })).rejects.toThrow('control characters')
    expect(await outcome(() => callerFor(t.users.viewer).records.createTag({ reviewId, name: 'Viewer tag' }))).toBe('FORBIDDEN')
    expect((await reviewer.records.tags({ reviewId })).map((x) => x.name)).toEqual(['Randomised trial'])
    expect(await prisma().auditEvent.count({ where: { reviewId, action: 'tags.created' } })).toBe(1)
    // two people naming the same tag at once, in two cases: one tag
    const both = await Promise.allSettled([reviewer.records.createTag({ reviewId, name: 'RCT' }), callerFor(t.users.target).records.createTag({ reviewId, name: 'rct' })])
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(await prisma().tag.count({ where: { reviewId, name: { equals: 'rct', mode: 'insensitive' } } })).toBe(1)
  })

  it("keep another person's tagging hidden under blind screening until the record is settled", async () => {
    const t = await reviewWithRecords(3)
    const reviewId = t.review.id
    const [r1, r2, r3] = t.records.map((r) => r.record.id) as [string, string, string]
    const reviewer = callerFor(t.users.reviewer)
    const other = callerFor(t.users.target)
    const lead = callerFor(t.users.lead)
    const exclude = await reviewer.records.createTag({ reviewId, name: 'probably exclude' })
    expect(await reviewer.records.tag({ reviewId, tagId: exclude.id, recordIds: [r1, r2, r1], on: true })).toEqual({ changed: 2 })
    expect(await reviewer.records.tag({ reviewId, tagId: exclude.id, recordIds: [r1], on: true })).toEqual({ changed: 0 })

    // the tagger sees their own tags; the other reviewer and the lead see nothing while r1 and r2 are open
    expect(await reviewer.records.recordTags({ reviewId, recordId: r1 })).toEqual([{ id: exclude.id, name: 'probably exclude', mine: true }])
    for (const caller of [other, lead]) {
      expect(await caller.records.recordTags({ reviewId, recordId: r1 })).toEqual([])
      expect((await caller.records.detail({ reviewId, recordId: r1 })).tags).toEqual([])
      expect(await caller.records.tags({ reviewId })).toEqual([{ id: exclude.id, name: 'probably exclude', records: 0 }])
      const filtered = await caller.records.search({ reviewId, stage: 'TITLE_ABSTRACT', filter: 'all', tagId: exclude.id })
      expect(filtered.total).toBe(0)
      const all = await caller.records.search({ reviewId, stage: 'TITLE_ABSTRACT', filter: 'all' })
      expect(all.records.flatMap((r) => r.tags)).toEqual([])
    }
    const mine = await reviewer.records.search({ reviewId, stage: 'TITLE_ABSTRACT', filter: 'all', tagId: exclude.id })
    expect(mine.records.map((r) => r.id).sort()).toEqual([r1, r2].sort())

    // once both have excluded r1 it is settled, and the tag shows to everyone
    await reviewer.screening.vote({ reviewId, itemId: t.itemIds[0]!, decision: 'EXCLUDE' })
    await other.screening.vote({ reviewId, itemId: t.itemIds[0]!, decision: 'EXCLUDE' })
    expect(await other.records.recordTags({ reviewId, recordId: r1 })).toEqual([{ id: exclude.id, name: 'probably exclude', mine: false }])
    expect((await lead.records.search({ reviewId, stage: 'TITLE_ABSTRACT', filter: 'all', tagId: exclude.id })).records.map((r) => r.id)).toEqual([r1])
    expect(await lead.records.tags({ reviewId })).toEqual([{ id: exclude.id, name: 'probably exclude', records: 1 }])

    // another person's tagging is theirs: taking the tag off removes only one's own
    expect(await other.records.tag({ reviewId, tagId: exclude.id, recordIds: [r1], on: false })).toEqual({ changed: 0 })
    await other.records.tag({ reviewId, tagId: exclude.id, recordIds: [r3], on: true })
    expect(await other.records.recordTags({ reviewId, recordId: r3 })).toEqual([{ id: exclude.id, name: 'probably exclude', mine: true }])
    expect(await reviewer.records.tag({ reviewId, tagId: exclude.id, recordIds: [r1], on: false })).toEqual({ changed: 1 })

    // a tag on a duplicate's other copy (no screening item of its own) stays the tagger's too
    const db = prisma()
    const copy = await createRecord(db, await createImport(db, reviewId, t.users.owner.id), { screen: false })
    await reviewer.records.tag({ reviewId, tagId: exclude.id, recordIds: [copy.record.id], on: true })
    expect(await lead.records.recordTags({ reviewId, recordId: copy.record.id })).toEqual([])

    // without blind screening, tags show at once
    await prisma().review.update({ where: { id: reviewId }, data: { blindScreening: false } })
    expect(await lead.records.recordTags({ reviewId, recordId: r2 })).toEqual([{ id: exclude.id, name: 'probably exclude', mine: false }])
  })

  it('refuse records and tags of another review; leads rename and delete, with audit entries', async () => {
    const t = await reviewWithRecords(1)
    const elsewhere = await reviewWithRecords(1)
    const reviewId = t.review.id
    const lead = callerFor(t.users.lead)
    const tag = await lead.records.createTag({ reviewId, name: 'Ask the authors' })
    const foreignTag = await callerFor(elsewhere.users.lead).records.createTag({ reviewId: elsewhere.review.id, name: 'Theirs' })
    expect(await outcome(() => lead.records.tag({ reviewId, tagId: tag.id, recordIds: [elsewhere.records[0]!.record.id], on: true }))).toBe('NOT_FOUND')
    expect(await outcome(() => lead.records.tag({ reviewId, tagId: foreignTag.id, recordIds: [t.records[0]!.record.id], on: true }))).toBe('NOT_FOUND')
    expect(await outcome(() => lead.records.recordTags({ reviewId, recordId: elsewhere.records[0]!.record.id }))).toBe('NOT_FOUND')
    expect(await outcome(() => lead.records.deleteTag({ reviewId, tagId: foreignTag.id }))).toBe('NOT_FOUND')
    expect(await prisma().recordTag.count({ where: { tagId: { in: [tag.id, foreignTag.id] } } })).toBe(0)

    await lead.records.tag({ reviewId, tagId: tag.id, recordIds: [t.records[0]!.record.id], on: true })
    await lead.records.createTag({ reviewId, name: 'RCT' })
    await expect(lead.records.renameTag({ reviewId, tagId: tag.id, name: 'rct' })).rejects.toThrow('There is already a tag "RCT".')
    await lead.records.renameTag({ reviewId, tagId: tag.id, name: 'Contact the authors' })
    expect((await lead.records.tags({ reviewId })).map((x) => x.name)).toEqual(['Contact the authors', 'RCT'])
    await lead.records.deleteTag({ reviewId, tagId: tag.id })
    expect(await prisma().recordTag.count({ where: { tagId: tag.id } })).toBe(0)
    const audit = await prisma().auditEvent.findMany({ where: { reviewId, action: { startsWith: 'tags.' } }, orderBy: { id: 'asc' } })
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ['tags.created', null, { name: 'Ask the authors' }],
      ['tags.created', null, { name: 'RCT' }],
      ['tags.renamed', { name: 'Ask the authors' }, { name: 'Contact the authors' }],
      ['tags.deleted', { name: 'Contact the authors' }, null],
    ])
    const log = await lead.review.auditLog({ reviewId, kind: 'records' })
    expect(log.events.slice(0, 1).map((e) => [e.label, e.subject])).toEqual([['Deleted a tag', 'Contact the authors']])
  })

  it('move with the copy a lead keeps of a duplicate', async () => {
    const t = await reviewWithRecords(0)
    const db = prisma()
    const batch = await createImport(db, t.review.id, t.users.owner.id)
    const kept = await createRecord(db, batch)
    const better = await createRecord(db, batch, { screen: false })
    const group = await db.duplicateGroup.create({ data: { reviewId: t.review.id, primaryRecordId: kept.record.id, reason: 'doi', status: 'AUTO', similarity: 1 } })
    await db.searchRecord.updateMany({ where: { id: { in: [kept.record.id, better.record.id] } }, data: { duplicateGroupId: group.id } })
    const lead = callerFor(t.users.lead)
    const tag = await lead.records.createTag({ reviewId: t.review.id, name: 'RCT' })
    await lead.records.tag({ reviewId: t.review.id, tagId: tag.id, recordIds: [kept.record.id, better.record.id], on: true })
    await lead.records.keepDuplicate({ reviewId: t.review.id, groupId: group.id, recordId: better.record.id })
    expect(await db.recordTag.findMany({ where: { tagId: tag.id }, select: { recordId: true } })).toEqual([{ recordId: better.record.id }])
  })
})
