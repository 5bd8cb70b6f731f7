/** Review backups: a damaged file is refused naming what is wrong, with nothing written; people without an account. */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { exportReview } from '@/server/services/backup/export'
import { importReview, parseBackup, readBackup } from '@/server/services/backup/import'
import { signUp } from '@/server/services/accounts'
import { callerFor, newUser, reviewWithRecords } from '../helpers/fixtures'

async function backupOf(reviewId: string) {
  let text = ''
  for await (const chunk of exportReview(reviewId)) text += chunk
  return JSON.parse(text) as { tables: Record<string, Record<string, unknown>[]>; [k: string]: unknown }
}

async function rowCounts() {
  const db = prisma()
  return { reviews: await db.review.count(), users: await db.user.count(), records: await db.searchRecord.count(), audit: await db.auditEvent.count() }
}

describe('review backups', () => {
  it('refuses a damaged file with the table, row and field at fault, and writes nothing', async () => {
    const t = await reviewWithRecords(3)
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId: t.itemIds[0]!, decision: 'INCLUDE' })
    const good = await backupOf(t.review.id)
    const importer = await newUser()
    const before = await rowCounts()
    const attempt = (mutate: (doc: ReturnType<typeof structuredClone<typeof good>>) => void) => {
      const doc = structuredClone(good)
      mutate(doc)
      return Promise.resolve()
        .then(() => importReview(importer.id, parseBackup(doc)))
        .then(
          () => 'imported',
          (e: Error) => e.message,
        )
    }
    expect(() => readBackup('{"format": "ferrite-review-backup", ')).toThrow(/^The file is not valid JSON \(.+\); a Ferrite backup is one JSON document\.$/)
    expect(await attempt((d) => (d.format = 'something-else'))).toBe('This is not a Ferrite review backup (expected "format": "ferrite-review-backup").')
    expect(await attempt((d) => (d.formatVersion = 99))).toMatch(/format version is not one this Ferrite reads/)
    expect(await attempt((d) => delete d.tables.votes)).toBe('The backup has no "votes" table; the file is incomplete.')
    expect(await attempt((d) => (d.tables.records![1]!.year = 'nineteen'))).toMatch(/^tables\.records\[1\]\.year: /)
    expect(await attempt((d) => (d.tables.votes![0]!.decision = 'PERHAPS'))).toMatch(/^tables\.votes\[0\]\.decision: /)
    expect(await attempt((d) => (d.tables.votes![0]!.itemId = 'missing-item'))).toBe("tables.votes[0].itemId: refers to missing-item, which is not in the backup's screeningItems.")
    expect(await attempt((d) => d.tables.records!.push({ ...d.tables.records![0]! }))).toMatch(/^tables\.records: the id .+ appears twice\.$/)
    // found half-way through the writing (after the review row): rolled back with the rest
    expect(await attempt((d) => (d.tables.imports = []))).toMatch(/^tables\.records\[0\]\.importId: refers to .+ not in the backup's imports\.$/)
    expect(await rowCounts()).toEqual(before)
    expect(await attempt(() => undefined)).toBe('imported')
  })

  it('gives nothing in the file to accounts here: the importer alone owns the copy, the people it names keep their names without access', async () => {
    const t = await reviewWithRecords(2)
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId: t.itemIds[0]!, decision: 'EXCLUDE' })
    const doc = await backupOf(t.review.id)
    const importer = await newUser()
    const summary = await importReview(importer.id, parseBackup(doc))
    const db = prisma()
    // nobody but the importer is a member, though the lead and the reviewer have accounts with those emails
    expect(await db.membership.findMany({ where: { reviewId: summary.reviewId }, select: { userId: true, role: true } })).toEqual([{ userId: importer.id, role: 'OWNER' }])
    // their work is carried by accounts of the copy that cannot sign in, with their names
    const vote = await db.vote.findFirstOrThrow({ where: { item: { reviewId: summary.reviewId } }, include: { reviewer: true } })
    expect(vote.reviewerId).not.toBe(t.users.reviewer.id)
    expect(vote.reviewer).toMatchObject({ name: t.users.reviewer.name, passwordHash: '' })
    expect(vote.reviewer.email).toMatch(/^imported-.+@backup\.invalid$/)
    expect(summary.people).toContain(t.users.reviewer.name)
    // no audit event of the copy names an account of this installation other than the importer
    const actors = new Set((await db.auditEvent.findMany({ where: { reviewId: summary.reviewId }, select: { actorId: true } })).map((e) => e.actorId))
    for (const real of [t.users.owner, t.users.lead, t.users.reviewer, t.users.target]) expect(actors.has(real.id)).toBe(false)
    const audit = await db.auditEvent.findFirstOrThrow({ where: { reviewId: summary.reviewId, action: 'review.imported' } })
    expect(audit.actorId).toBe(importer.id)
    // signing up with a named person's email gives a new, empty account
    const email = `named-${Date.now()}@example.test`
    const other = await backupOf(t.review.id)
    ;(other.tables.users as { id: string; email: string }[]).find((u) => u.id === t.users.reviewer.id)!.email = email
    await importReview(importer.id, parseBackup(other))
    const fresh = await signUp({ name: 'Named person', email, password: 'a long passphrase' })
    expect(await db.vote.count({ where: { reviewerId: fresh.id } })).toBe(0)
    expect(await db.membership.count({ where: { userId: fresh.id } })).toBe(0)
  })

  it('maps the importer\u2019s own email in the file to the importer', async () => {
    const t = await reviewWithRecords(1)
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId: t.itemIds[0]!, decision: 'EXCLUDE' })
    const summary = await importReview(t.users.reviewer.id, parseBackup(await backupOf(t.review.id)))
    expect(await prisma().vote.count({ where: { reviewerId: t.users.reviewer.id, item: { reviewId: summary.reviewId } } })).toBe(1)
  })

  it('carries the tags and who put them on which record; a file written before tags existed imports with none', async () => {
    const t = await reviewWithRecords(2)
    const reviewer = callerFor(t.users.reviewer)
    const tag = await reviewer.records.createTag({ reviewId: t.review.id, name: 'RCT' })
    await reviewer.records.tag({ reviewId: t.review.id, tagId: tag.id, recordIds: [t.records[1]!.record.id], on: true })
    const doc = await backupOf(t.review.id)
    expect(doc.tables.tags!.map((x) => x.name)).toEqual(['RCT'])
    expect(doc.tables.recordTags).toHaveLength(1)
    const importer = await newUser()
    const summary = await importReview(importer.id, parseBackup(doc))
    const db = prisma()
    const copied = await db.recordTag.findMany({ where: { tag: { reviewId: summary.reviewId } }, include: { tag: true, record: true, user: true } })
    expect(copied.map((c) => [c.tag.name, c.record.title, c.record.reviewId, c.user.name])).toEqual([['RCT', t.records[1]!.record.title, summary.reviewId, t.users.reviewer.name]])
    expect(copied[0]!.userId).not.toBe(t.users.reviewer.id)

    const refused = (mutate: (d: typeof doc) => void) => {
      const d = structuredClone(doc)
      mutate(d)
      return () => parseBackup(d)
    }
    expect(refused((d) => d.tables.tags!.push({ ...d.tables.tags![0]!, id: 'another', name: 'rct' }))).toThrow('tables.tags[1].name: "rct" is there twice')
    expect(refused((d) => d.tables.recordTags!.push({ ...d.tables.recordTags![0]!, id: 'another' }))).toThrow("tables.recordTags[1]: the same person's tag on the same record is there twice.")
    expect(refused((d) => (d.tables.tags![0]!.name = 'a\u0007b'))).toThrow(/^tables\.tags\[0\]\.name: /)

    const older = structuredClone(doc)
    delete older.tables.tags
    delete older.tables.recordTags
    const fromOlder = await importReview(importer.id, parseBackup(older))
    expect(await db.tag.count({ where: { reviewId: fromOlder.reviewId } })).toBe(0)
    expect(await db.searchRecord.count({ where: { reviewId: fromOlder.reviewId } })).toBe(2)
  })
})
