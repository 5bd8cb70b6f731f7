import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { callerFor, newUser, outcome, reviewWithTeam } from '../helpers/fixtures'

describe('invitations', () => {
  it('gives the invited role once; a second use is refused', async () => {
    const t = await reviewWithTeam()
    const { token, role } = await callerFor(t.users.lead).member.invite({ reviewId: t.review.id, role: 'REVIEWER' })
    expect(role).toBe('REVIEWER')
    const joiner = await newUser()
    const preview = await callerFor(joiner).member.previewInvitation({ token })
    expect(preview).toMatchObject({ reviewId: t.review.id, role: 'REVIEWER', alreadyMember: null })
    await callerFor(joiner).member.acceptInvitation({ token })
    expect((await callerFor(joiner).review.get({ reviewId: t.review.id })).role).toBe('REVIEWER')
    const late = await newUser()
    await expect(callerFor(late).member.acceptInvitation({ token })).rejects.toThrow(/already been used/)
    const events = await prisma().auditEvent.findMany({ where: { reviewId: t.review.id }, orderBy: { id: 'asc' } })
    expect(events.map((e) => e.action)).toEqual(['invitation.created', 'member.added'])
  })

  it('refuses expired, revoked and unknown links, and members accepting again', async () => {
    const t = await reviewWithTeam()
    const owner = callerFor(t.users.owner)
    const expired = await owner.member.invite({ reviewId: t.review.id, role: 'VIEWER', expiresInDays: 1 })
    await prisma().invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const revoked = await owner.member.invite({ reviewId: t.review.id, role: 'VIEWER' })
    await owner.member.revokeInvitation({ reviewId: t.review.id, invitationId: revoked.id })
    const joiner = callerFor(await newUser())
    await expect(joiner.member.acceptInvitation({ token: expired.token })).rejects.toThrow(/expired/)
    await expect(joiner.member.acceptInvitation({ token: revoked.token })).rejects.toThrow(/revoked/)
    await expect(joiner.member.acceptInvitation({ token: 'x'.repeat(43) })).rejects.toThrow(/not valid/)
    const fresh = await owner.member.invite({ reviewId: t.review.id, role: 'VIEWER' })
    expect(await outcome(() => callerFor(t.users.reviewer).member.acceptInvitation({ token: fresh.token }))).toBe('CONFLICT')
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: fresh.id } })).acceptedAt).toBeNull()
  })

  it('stores only a hash of the token and lists only pending invitations', async () => {
    const t = await reviewWithTeam()
    const owner = callerFor(t.users.owner)
    const inv = await owner.member.invite({ reviewId: t.review.id, role: 'LEAD' })
    const row = await prisma().invitation.findUniqueOrThrow({ where: { id: inv.id } })
    expect(row.tokenHash).not.toContain(inv.token)
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/)
    const pending = await owner.member.invitations({ reviewId: t.review.id })
    expect(pending.map((p) => p.id)).toEqual([inv.id])
    expect(JSON.stringify(pending)).not.toContain(row.tokenHash)
  })

  it('only one of two simultaneous accepts wins', async () => {
    const t = await reviewWithTeam()
    const { token } = await callerFor(t.users.owner).member.invite({ reviewId: t.review.id, role: 'REVIEWER' })
    const [a, b] = await Promise.all([newUser(), newUser()])
    const results = await Promise.all([outcome(() => callerFor(a!).member.acceptInvitation({ token })), outcome(() => callerFor(b!).member.acceptInvitation({ token }))])
    expect(results.filter((r) => r === 'OK')).toHaveLength(1)
    expect(await prisma().membership.count({ where: { reviewId: t.review.id, userId: { in: [a!.id, b!.id] } } })).toBe(1)
  })
})
