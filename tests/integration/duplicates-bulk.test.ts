/** Confirming near-identical suspected duplicates together: only those that look exact, one audit entry each. */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { createImport, createRecord } from '../../prisma/seed/factories'
import { callerFor, outcome, reviewWithTeam } from '../helpers/fixtures'

describe('confirming exact-looking suspects', () => {
  it('confirms groups with titles at least 98% alike and one year, and leaves the rest', async () => {
    const t = await reviewWithTeam()
    const db = prisma()
    const batch = await createImport(db, t.review.id, t.users.owner.id)
    const group = async (similarity: number, years: [number, number]) => {
      const a = await createRecord(db, batch, { title: `Iron study ${similarity} ${years[0]}`, year: years[0] })
      const b = await createRecord(db, batch, { title: `Iron study ${similarity} ${years[1]}.`, year: years[1], screen: false })
      const g = await db.duplicateGroup.create({ data: { reviewId: t.review.id, primaryRecordId: a.record.id, reason: 'title', status: 'PENDING', similarity } })
      await db.searchRecord.updateMany({ where: { id: { in: [a.record.id, b.record.id] } }, data: { duplicateGroupId: g.id } })
      return g.id
    }
    const exact = await group(0.99, [2020, 2020])
    const otherYear = await group(0.99, [2020, 2021])
    const similar = await group(0.93, [2019, 2019])
    const lead = callerFor(t.users.lead)
    expect((await lead.records.duplicates({ reviewId: t.review.id })).exactLooking).toBe(1)
    expect(await outcome(() => callerFor(t.users.reviewer).records.confirmExactLooking({ reviewId: t.review.id }))).toBe('FORBIDDEN')
    expect(await lead.records.confirmExactLooking({ reviewId: t.review.id })).toEqual({ confirmed: 1 })
    const statuses = await db.duplicateGroup.findMany({ where: { id: { in: [exact, otherYear, similar] } }, select: { id: true, status: true } })
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [exact]: 'CONFIRMED', [otherYear]: 'PENDING', [similar]: 'PENDING' })
    const audit = await db.auditEvent.findMany({ where: { reviewId: t.review.id, action: 'duplicates.confirmed' } })
    expect(audit.map((a) => a.entityId)).toEqual([exact])
  })
})
