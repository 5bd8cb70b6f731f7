/** Bulk decisions on conflicts: only the hesitations of one kind, each audited, never a true disagreement. */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { callerFor, outcome, reviewWithRecords } from '../helpers/fixtures'

describe('deciding conflicts together', () => {
  it('includes every "include vs maybe" conflict, one audit entry each, and leaves the others', async () => {
    const t = await reviewWithRecords(5)
    const a = callerFor(t.users.reviewer)
    const b = callerFor(t.users.target)
    const votes: [string, string][] = [
      ['INCLUDE', 'MAYBE'],
      ['MAYBE', 'INCLUDE'],
      ['EXCLUDE', 'MAYBE'],
      ['INCLUDE', 'EXCLUDE'],
      ['MAYBE', 'MAYBE'],
    ]
    for (const [i, [x, y]] of votes.entries()) {
      await a.screening.vote({ reviewId: t.review.id, itemId: t.itemIds[i]!, decision: x as never })
      await b.screening.vote({ reviewId: t.review.id, itemId: t.itemIds[i]!, decision: y as never })
    }
    const lead = callerFor(t.users.lead)
    expect(await lead.screening.conflictPatterns({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' })).toEqual({ 'include-maybe': 2, 'exclude-maybe': 1, 'maybe-only': 1, 'include-exclude': 1 })
    expect(await lead.screening.resolveBulk({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT', pattern: 'include-maybe', decision: 'INCLUDE' })).toEqual({ resolved: 2 })
    const items = await prisma().screeningItem.findMany({ where: { id: { in: t.itemIds } }, select: { id: true, status: true, resolution: true, resolvedById: true } })
    const statusOf = (i: number) => items.find((x) => x.id === t.itemIds[i])!
    expect([0, 1, 2, 3, 4].map((i) => statusOf(i).status)).toEqual(['INCLUDED', 'INCLUDED', 'CONFLICT', 'CONFLICT', 'CONFLICT'])
    expect(statusOf(0)).toMatchObject({ resolution: 'LEAD', resolvedById: t.users.lead.id })
    // the included records go on to full text
    expect(await prisma().screeningItem.count({ where: { recordId: { in: t.records.slice(0, 2).map((r) => r.record.id) }, stage: 'FULL_TEXT' } })).toBe(2)
    const audit = await prisma().auditEvent.findMany({ where: { reviewId: t.review.id, action: 'screening.resolved' } })
    expect(audit.map((e) => e.entityId).sort()).toEqual([t.itemIds[0], t.itemIds[1]].sort())
    expect(audit.every((e) => (e.after as { bulk?: string }).bulk === 'include-maybe')).toBe(true)
    // a true disagreement is never settled in bulk; a reviewer cannot settle anything
    expect(await outcome(() => lead.screening.resolveBulk({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT', pattern: 'include-exclude' as never, decision: 'INCLUDE' }))).toBe('BAD_REQUEST')
    expect(await outcome(() => a.screening.resolveBulk({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT', pattern: 'exclude-maybe', decision: 'EXCLUDE' }))).toBe('FORBIDDEN')
    expect(await lead.screening.resolveBulk({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT', pattern: 'exclude-maybe', decision: 'EXCLUDE' })).toEqual({ resolved: 1 })
    expect(await lead.screening.conflictPatterns({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' })).toEqual({ 'include-maybe': 0, 'exclude-maybe': 0, 'maybe-only': 1, 'include-exclude': 1 })
  })

  it('at full text, excluding together needs the reason', async () => {
    const t = await reviewWithRecords(1)
    const item = await prisma().screeningItem.findUniqueOrThrow({ where: { id: t.itemIds[0]! } })
    await prisma().screeningItem.update({ where: { id: item.id }, data: { status: 'INCLUDED', resolution: 'AGREEMENT' } })
    const ft = await prisma().screeningItem.create({ data: { reviewId: t.review.id, recordId: item.recordId, stage: 'FULL_TEXT' } })
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId: ft.id, decision: 'EXCLUDE', exclusionReasonId: t.reasons[0]!.id })
    await callerFor(t.users.target).screening.vote({ reviewId: t.review.id, itemId: ft.id, decision: 'MAYBE' })
    const lead = callerFor(t.users.lead)
    expect(await outcome(() => lead.screening.resolveBulk({ reviewId: t.review.id, stage: 'FULL_TEXT', pattern: 'exclude-maybe', decision: 'EXCLUDE' }))).toBe('BAD_REQUEST')
    expect(await lead.screening.resolveBulk({ reviewId: t.review.id, stage: 'FULL_TEXT', pattern: 'exclude-maybe', decision: 'EXCLUDE', exclusionReasonId: t.reasons[1]!.id })).toEqual({ resolved: 1 })
    expect(await prisma().screeningItem.findUniqueOrThrow({ where: { id: ft.id } })).toMatchObject({ status: 'EXCLUDED', exclusionReasonId: t.reasons[1]!.id })
  })
})
