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

  it('keeps the names of people without an account here, gives them no access, and lets them claim the account by signing up', async () => {
    const t = await reviewWithRecords(2)
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId: t.itemIds[0]!, decision: 'EXCLUDE' })
    const doc = await backupOf(t.review.id)
    const reviewerEmail = `moved-${Date.now()}@example.test`
    const people = doc.tables.users as { id: string; email: string }[]
    people.find((u) => u.id === t.users.reviewer.id)!.email = reviewerEmail
    const importer = await newUser()
    const summary = await importReview(importer.id, parseBackup(doc))
    expect(summary.withoutAccount).toEqual([reviewerEmail])
    const db = prisma()
    const placeholder = await db.user.findUniqueOrThrow({ where: { email: reviewerEmail } })
    expect(placeholder.passwordHash).toBe('')
    expect(await db.membership.count({ where: { userId: placeholder.id } })).toBe(0)
    expect(await db.vote.count({ where: { reviewerId: placeholder.id, item: { reviewId: summary.reviewId } } })).toBe(1)
    // existing people keep their roles in the copy; the importer owns it
    const roles = Object.fromEntries((await db.membership.findMany({ where: { reviewId: summary.reviewId } })).map((m) => [m.userId, m.role]))
    expect(roles[importer.id]).toBe('OWNER')
    expect(roles[t.users.lead.id]).toBe('LEAD')
    // signing up with the email takes over the account (its past votes), and still no review
    const claimed = await signUp({ name: 'Moved Reviewer', email: reviewerEmail, password: 'a long passphrase' })
    expect(claimed.id).toBe(placeholder.id)
    expect(await db.membership.count({ where: { userId: placeholder.id } })).toBe(0)
    await expect(signUp({ name: 'Someone else', email: reviewerEmail, password: 'another passphrase' })).rejects.toThrow(/already exists/)
    const audit = await db.auditEvent.findFirstOrThrow({ where: { reviewId: summary.reviewId, action: 'review.imported' } })
    expect(audit.actorId).toBe(importer.id)
  })
})
