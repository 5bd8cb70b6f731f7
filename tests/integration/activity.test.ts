/** The activity log reads as sentences about named things, filters by kind and person, and pages. */
import { describe, expect, it } from 'vitest'
import { callerFor, reviewWithRecords } from '../helpers/fixtures'

describe('the activity log', () => {
  it('names what each event is about, keeps votes blind, filters and pages', async () => {
    const t = await reviewWithRecords(3)
    const a = callerFor(t.users.reviewer)
    for (const id of t.itemIds) await a.screening.vote({ reviewId: t.review.id, itemId: id, decision: 'INCLUDE' })
    const lead = callerFor(t.users.lead)
    await lead.review.update({ reviewId: t.review.id, patch: { title: 'A clearer title for the review' } })
    const all = await lead.review.auditLog({ reviewId: t.review.id })
    const vote = all.events.find((e) => e.action === 'vote.cast')!
    expect(vote.label).toBe('Voted')
    expect(t.records.map((r) => r.record.title)).toContain(vote.subject)
    expect(JSON.stringify(vote.after)).toContain('hidden until all votes or entries are in')
    expect(all.events.find((e) => e.action === 'review.updated')!.label).toBe('Changed the review settings')

    const screening = await lead.review.auditLog({ reviewId: t.review.id, kind: 'screening' })
    expect(screening.events.map((e) => e.action)).toEqual(['vote.cast', 'vote.cast', 'vote.cast'])
    const byLead = await lead.review.auditLog({ reviewId: t.review.id, actorId: t.users.lead.id })
    expect(byLead.events.map((e) => e.action)).toEqual(['review.updated'])
    const first = await lead.review.auditLog({ reviewId: t.review.id, kind: 'screening', limit: 2 })
    expect(first.events).toHaveLength(2)
    const next = await lead.review.auditLog({ reviewId: t.review.id, kind: 'screening', limit: 2, cursor: first.nextCursor! })
    expect(next.events).toHaveLength(1)
    expect(next.nextCursor).toBeNull()
  })
})
