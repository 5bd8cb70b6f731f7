import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { callerFor, newUser, outcome, reviewWithTeam } from '../helpers/fixtures'
import { createReview } from '../../prisma/seed/factories'

const auditOf = (reviewId: string) => prisma().auditEvent.findMany({ where: { reviewId }, orderBy: { id: 'asc' } })

describe('membership rules', () => {
  it('a lead cannot remove, demote or promote to owner; an owner can', async () => {
    const t = await reviewWithTeam()
    const lead = callerFor(t.users.lead)
    const owner2 = t.membershipOf(t.users.owner2.id)
    const target = t.membershipOf(t.users.target.id)
    expect(await outcome(() => lead.member.remove({ reviewId: t.review.id, membershipId: owner2.id }))).toBe('FORBIDDEN')
    expect(await outcome(() => lead.member.changeRole({ reviewId: t.review.id, membershipId: owner2.id, role: 'VIEWER' }))).toBe('FORBIDDEN')
    expect(await outcome(() => lead.member.changeRole({ reviewId: t.review.id, membershipId: target.id, role: 'OWNER' }))).toBe('FORBIDDEN')
    expect(await outcome(() => lead.member.invite({ reviewId: t.review.id, role: 'OWNER' }))).toBe('FORBIDDEN')
    const owner = callerFor(t.users.owner)
    expect(await outcome(() => owner.member.changeRole({ reviewId: t.review.id, membershipId: target.id, role: 'OWNER' }))).toBe('OK')
    expect(await outcome(() => owner.member.remove({ reviewId: t.review.id, membershipId: owner2.id }))).toBe('OK')
  })

  it('the last owner cannot leave or be demoted, and nothing changes', async () => {
    const owner = await newUser()
    const lead = await newUser()
    const review = await createReview(prisma(), {
      members: [
        { userId: owner.id, role: 'OWNER' },
        { userId: lead.id, role: 'LEAD' },
      ],
    })
    const me = await prisma().membership.findFirstOrThrow({ where: { reviewId: review.id, userId: owner.id } })
    const c = callerFor(owner)
    await expect(c.member.leave({ reviewId: review.id })).rejects.toThrow(/at least one owner/)
    await expect(c.member.changeRole({ reviewId: review.id, membershipId: me.id, role: 'LEAD' })).rejects.toThrow(/at least one owner/)
    expect((await prisma().membership.findUniqueOrThrow({ where: { id: me.id } })).role).toBe('OWNER')
    expect(await auditOf(review.id)).toHaveLength(0)
  })

  it('an owner may leave when another owner remains', async () => {
    const t = await reviewWithTeam()
    await callerFor(t.users.owner).member.leave({ reviewId: t.review.id })
    expect(await outcome(() => callerFor(t.users.owner).review.get({ reviewId: t.review.id }))).toBe('NOT_FOUND')
  })

  it('a member cannot be acted on through another review', async () => {
    const a = await reviewWithTeam()
    const b = await reviewWithTeam()
    const foreign = b.membershipOf(b.users.target.id)
    expect(await outcome(() => callerFor(a.users.owner).member.remove({ reviewId: a.review.id, membershipId: foreign.id }))).toBe('NOT_FOUND')
    expect(await prisma().membership.findUnique({ where: { id: foreign.id } })).not.toBeNull()
  })

  it('writes every membership change to the audit trail with before and after', async () => {
    const t = await reviewWithTeam()
    const owner = callerFor(t.users.owner)
    const target = t.membershipOf(t.users.target.id)
    await owner.member.changeRole({ reviewId: t.review.id, membershipId: target.id, role: 'LEAD' })
    await owner.member.remove({ reviewId: t.review.id, membershipId: target.id })
    await callerFor(t.users.viewer).member.leave({ reviewId: t.review.id })
    const events = await auditOf(t.review.id)
    expect(events.map((e) => e.action)).toEqual(['member.role_changed', 'member.removed', 'member.left'])
    expect(events[0]).toMatchObject({ actorId: t.users.owner.id, entityId: target.id, before: { role: 'REVIEWER' }, after: { role: 'LEAD' } })
    expect(events[2]).toMatchObject({ actorId: t.users.viewer.id, before: { role: 'VIEWER' } })
  })

  it('the database refuses to change or delete audit events', async () => {
    const t = await reviewWithTeam()
    await callerFor(t.users.owner).review.update({ reviewId: t.review.id, patch: { blindScreening: false } })
    const [event] = await auditOf(t.review.id)
    await expect(prisma().auditEvent.update({ where: { id: event!.id }, data: { action: 'tampered' } })).rejects.toThrow(/cannot be changed or deleted/)
    await expect(prisma().auditEvent.delete({ where: { id: event!.id } })).rejects.toThrow(/cannot be changed or deleted/)
    await expect(prisma().$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/cannot be changed or deleted/)
  })
})

describe('review settings', () => {
  it('validates settings with field errors and records the change', async () => {
    const t = await reviewWithTeam()
    const owner = callerFor(t.users.owner)
    const err = await owner.review.update({ reviewId: t.review.id, patch: { votesRequired: 9, title: 'x' } }).catch((e: unknown) => e)
    expect((err as { code: string }).code).toBe('BAD_REQUEST')
    const updated = await owner.review.update({ reviewId: t.review.id, patch: { votesRequired: 3 } })
    expect(updated.votesRequired).toBe(3)
    const [event] = await auditOf(t.review.id)
    expect(event).toMatchObject({ action: 'review.updated', before: { votesRequired: 2 }, after: { votesRequired: 3 } })
  })

  it('creates a review with the creator as owner, defaults of two blinded votes and a unique slug', async () => {
    const u = await newUser()
    const c = callerFor(u)
    const a = await c.review.create({ title: 'Liver iron & MRI: a review', question: 'How accurate is ML for liver iron?' })
    const b = await c.review.create({ title: 'Liver iron & MRI: a review', question: 'How accurate is ML for liver iron?' })
    expect(a).toMatchObject({ votesRequired: 2, blindScreening: true })
    expect(a.slug).toMatch(/^liver-iron-mri-a-review/)
    expect(b.slug).not.toBe(a.slug)
    expect((await c.review.get({ reviewId: a.id })).role).toBe('OWNER')
    expect((await c.review.list()).map((r) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]))
  })
})
