/**
 * Memberships: roles, removal, leaving. Rules: only owners make or touch owners; a review always keeps
 * at least one owner. Every change is an AuditEvent written in the same transaction.
 */
import 'server-only'
import type { Role } from '@/generated/prisma/enums'
import { prisma, type Tx } from '@/server/db/client'
import { AppError, notFound } from '@/server/errors'
import { canAssignRole, canManageMember, roleLabels } from '@/server/authz/roles'
import { recordAudit } from './audit'

export interface Actor {
  userId: string
  role: Role
  reviewId: string
}

export async function listMembers(reviewId: string) {
  const members = await prisma().membership.findMany({
    where: { reviewId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true, isDemo: true } } },
    orderBy: [{ createdAt: 'asc' }],
  })
  const order: Record<Role, number> = { OWNER: 0, LEAD: 1, REVIEWER: 2, VIEWER: 3 }
  return members.sort((a, b) => order[a.role] - order[b.role])
}

async function loadTarget(tx: Tx, reviewId: string, membershipId: string) {
  const target = await tx.membership.findFirst({ where: { id: membershipId, reviewId }, include: { user: { select: { name: true, email: true } } } })
  if (!target) throw notFound('Member')
  return target
}

/**
 * Every change of membership locks the review's row first, so two owners demoting or removing each
 * other at the same moment are serialised and the second sees that it would leave no owner. The
 * actor's role is read again under the lock: it may have changed since the request was authorised.
 */
async function lockReview(tx: Tx, actor: Actor): Promise<Actor> {
  await tx.$queryRaw`SELECT id FROM "Review" WHERE id = ${actor.reviewId} FOR UPDATE`
  const me = await tx.membership.findUnique({ where: { reviewId_userId: { reviewId: actor.reviewId, userId: actor.userId } }, select: { role: true } })
  if (!me) throw notFound('Review')
  return { ...actor, role: me.role }
}

async function assertAnotherOwner(tx: Tx, reviewId: string, excludingMembershipId: string, what: string) {
  const others = await tx.membership.count({ where: { reviewId, role: 'OWNER', id: { not: excludingMembershipId } } })
  if (others === 0) throw new AppError('PRECONDITION_FAILED', `${what}: a review needs at least one owner. Make another member an owner first.`)
}

export async function changeRole(caller: Actor, membershipId: string, role: Role) {
  return prisma().$transaction(async (tx) => {
    const actor = await lockReview(tx, caller)
    const target = await loadTarget(tx, actor.reviewId, membershipId)
    if (!canManageMember(actor.role, target.role)) throw new AppError('FORBIDDEN', `A ${roleLabels[actor.role].toLowerCase()} cannot change an owner's role.`)
    if (!canAssignRole(actor.role, role)) throw new AppError('FORBIDDEN', `A ${roleLabels[actor.role].toLowerCase()} cannot make someone an owner.`)
    if (target.role === role) return target
    if (target.role === 'OWNER') await assertAnotherOwner(tx, actor.reviewId, target.id, 'Cannot demote the last owner')
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'member.role_changed',
      entity: 'Membership',
      entityId: target.id,
      before: { userId: target.userId, role: target.role },
      after: { userId: target.userId, role },
    })
    return updated
  })
}

export async function removeMember(caller: Actor, membershipId: string) {
  await prisma().$transaction(async (tx) => {
    const actor = await lockReview(tx, caller)
    const target = await loadTarget(tx, actor.reviewId, membershipId)
    if (target.userId === actor.userId) throw new AppError('BAD_REQUEST', 'Use "Leave review" to remove yourself.')
    if (!canManageMember(actor.role, target.role)) throw new AppError('FORBIDDEN', `A ${roleLabels[actor.role].toLowerCase()} cannot remove an owner.`)
    if (target.role === 'OWNER') await assertAnotherOwner(tx, actor.reviewId, target.id, 'Cannot remove the last owner')
    await tx.membership.delete({ where: { id: target.id } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'member.removed',
      entity: 'Membership',
      entityId: target.id,
      before: { userId: target.userId, role: target.role, email: target.user.email },
    })
  })
}

export async function leaveReview(actor: Actor) {
  await prisma().$transaction(async (tx) => {
    await lockReview(tx, actor)
    const me = await tx.membership.findUnique({ where: { reviewId_userId: { reviewId: actor.reviewId, userId: actor.userId } } })
    if (!me) throw notFound('Membership')
    if (me.role === 'OWNER') await assertAnotherOwner(tx, actor.reviewId, me.id, 'The last owner cannot leave')
    await tx.membership.delete({ where: { id: me.id } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'member.left', entity: 'Membership', entityId: me.id, before: { userId: me.userId, role: me.role } })
  })
}
