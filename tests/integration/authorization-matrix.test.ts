/**
 * Every review-scoped procedure x {no session, non-member, viewer, reviewer, lead, owner}: the
 * expected answer comes from the role table (authz/roles.ts), and every procedure of the router must
 * be listed here, so a new procedure cannot ship without its row.
 */
import { describe, expect, it } from 'vitest'
import { appRouter } from '@/server/api/root'
import { can, type Permission } from '@/server/authz/roles'
import { prisma } from '@/server/db/client'
import { createInvitation } from '@/server/services/invitations'
import { callerFor, outcome, reviewWithTeam } from '../helpers/fixtures'

type Team = Awaited<ReturnType<typeof reviewWithTeam>> & { invitationId: string; token: string }
type Caller = ReturnType<typeof callerFor>

const all = ['OWNER', 'LEAD', 'REVIEWER', 'VIEWER'] as const
const leads = ['OWNER', 'LEAD'] as const

/**
 * For each review-scoped procedure: the roles allowed (written out here as the specification, not
 * read from roles.ts) and a call that succeeds for any of them.
 */
const reviewScoped: Record<string, { allowed: readonly string[]; call: (c: Caller, t: Team) => Promise<unknown> }> = {
  'review.get': { allowed: all, call: (c, t) => c.review.get({ reviewId: t.review.id }) },
  'review.update': { allowed: leads, call: (c, t) => c.review.update({ reviewId: t.review.id, patch: { votesRequired: 3 } }) },
  'review.auditLog': { allowed: leads, call: (c, t) => c.review.auditLog({ reviewId: t.review.id }) },
  'member.list': { allowed: all, call: (c, t) => c.member.list({ reviewId: t.review.id }) },
  'member.changeRole': {
    allowed: leads,
    call: (c, t) => c.member.changeRole({ reviewId: t.review.id, membershipId: t.membershipOf(t.users.target.id).id, role: 'VIEWER' }),
  },
  'member.remove': { allowed: leads, call: (c, t) => c.member.remove({ reviewId: t.review.id, membershipId: t.membershipOf(t.users.target.id).id }) },
  'member.leave': { allowed: all, call: (c, t) => c.member.leave({ reviewId: t.review.id }) },
  'member.invitations': { allowed: leads, call: (c, t) => c.member.invitations({ reviewId: t.review.id }) },
  'member.invite': { allowed: leads, call: (c, t) => c.member.invite({ reviewId: t.review.id, role: 'REVIEWER' }) },
  'member.revokeInvitation': { allowed: leads, call: (c, t) => c.member.revokeInvitation({ reviewId: t.review.id, invitationId: t.invitationId }) },
}

/** Signed-in procedures not scoped to a review: refused without a session. */
const signedIn: Record<string, (c: Caller, t: Team) => Promise<unknown>> = {
  'account.me': (c) => c.account.me(),
  'account.updateProfile': (c) => c.account.updateProfile({ name: 'Someone' }),
  'account.changePassword': (c) => c.account.changePassword({ currentPassword: 'correct horse battery', newPassword: 'another long password' }),
  'review.list': (c) => c.review.list(),
  'review.create': (c) => c.review.create({ title: 'A new review', question: 'Does it work in adults?' }),
  'member.previewInvitation': (c, t) => c.member.previewInvitation({ token: t.token }),
  'member.acceptInvitation': (c, t) => c.member.acceptInvitation({ token: t.token }),
}

const open = new Set(['account.signUp'])

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: Permission } } }>

const actors = ['anonymous', 'outsider', 'viewer', 'reviewer', 'lead', 'owner'] as const
type ActorName = (typeof actors)[number]
const roleOf = { viewer: 'VIEWER', reviewer: 'REVIEWER', lead: 'LEAD', owner: 'OWNER' } as const

async function team(): Promise<Team> {
  const t = await reviewWithTeam()
  const inv = await createInvitation({ userId: t.users.owner.id, role: 'OWNER', reviewId: t.review.id }, 'REVIEWER', 7)
  return { ...t, invitationId: inv.id, token: inv.token }
}

const userFor = (t: Team, actor: ActorName) => (actor === 'anonymous' ? null : t.users[actor])

describe('authorisation matrix', () => {
  it('lists every procedure of the router in exactly one table, with the declared permission', () => {
    for (const [path, proc] of Object.entries(procedures)) {
      const scoped = path in reviewScoped
      expect(scoped || path in signedIn || open.has(path), `${path} is not in the authorisation matrix`).toBe(true)
      expect(Boolean(proc._def.meta?.permission), `${path}: review-scoped procedures declare a permission`).toBe(scoped)
    }
    for (const path of [...Object.keys(reviewScoped), ...Object.keys(signedIn), ...open]) expect(procedures[path], `${path} no longer exists`).toBeDefined()
  })

  for (const [path, { allowed, call }] of Object.entries(reviewScoped)) {
    const permission = procedures[path]?._def.meta?.permission as Permission
    it.each(actors)(`${path} (${permission}) as %s`, async (actor) => {
      const t = await team()
      const result = await outcome(() => call(callerFor(userFor(t, actor)), t))
      const expected = actor === 'anonymous' ? 'UNAUTHORIZED' : actor === 'outsider' ? 'NOT_FOUND' : allowed.includes(roleOf[actor]) ? 'OK' : 'FORBIDDEN'
      expect(result).toBe(expected)
      if (actor in roleOf) expect(can(roleOf[actor as keyof typeof roleOf], permission), 'roles.ts agrees with this table').toBe(allowed.includes(roleOf[actor as keyof typeof roleOf]))
    })
  }

  for (const [path, call] of Object.entries(signedIn)) {
    it(`${path} refuses a caller without a session and serves a signed-in one`, async () => {
      const t = await team()
      expect(await outcome(() => call(callerFor(null), t))).toBe('UNAUTHORIZED')
      expect(await outcome(() => call(callerFor(t.users.outsider), t))).toBe('OK')
    })
  }

  it('refuses a session whose account was deleted', async () => {
    const t = await team()
    await prisma().user.delete({ where: { id: t.users.outsider.id } })
    expect(await outcome(() => callerFor(t.users.outsider).review.list())).toBe('UNAUTHORIZED')
  })
})
