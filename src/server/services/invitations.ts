/**
 * Invitations: single-use links carrying a role and an expiry. Only the SHA-256 of the token is
 * stored, so a database reader cannot use pending links.
 */
import 'server-only'
import crypto from 'node:crypto'
import type { Role } from '@/generated/prisma/enums'
import { prisma } from '@/server/db/client'
import { AppError } from '@/server/errors'
import { canAssignRole, roleLabels } from '@/server/authz/roles'
import { recordAudit } from './audit'
import type { Actor } from './members'

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

export async function createInvitation(actor: Actor, role: Role, expiresInDays: number) {
  if (!canAssignRole(actor.role, role)) throw new AppError('FORBIDDEN', `A ${roleLabels[actor.role].toLowerCase()} cannot invite an owner.`)
  const token = crypto.randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + expiresInDays * 24 * 3600_000)
  const invitation = await prisma().$transaction(async (tx) => {
    const inv = await tx.invitation.create({ data: { reviewId: actor.reviewId, tokenHash: hashToken(token), role, expiresAt, createdById: actor.userId } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'invitation.created', entity: 'Invitation', entityId: inv.id, after: { role, expiresAt } })
    return inv
  })
  return { id: invitation.id, token, role, expiresAt }
}

export async function listPendingInvitations(reviewId: string) {
  return prisma().invitation.findMany({
    where: { reviewId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, role: true, expiresAt: true, createdAt: true, createdBy: { select: { name: true } } },
    orderBy: { createdAt: 'desc' },
  })
}

export async function revokeInvitation(actor: Actor, invitationId: string) {
  await prisma().$transaction(async (tx) => {
    const inv = await tx.invitation.findFirst({ where: { id: invitationId, reviewId: actor.reviewId } })
    if (!inv) throw new AppError('NOT_FOUND', 'Invitation not found.')
    if (inv.acceptedAt || inv.revokedAt) throw new AppError('CONFLICT', 'This invitation has already been used or revoked.')
    if (!canAssignRole(actor.role, inv.role)) throw new AppError('FORBIDDEN', 'Only an owner can revoke an owner invitation.')
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'invitation.revoked', entity: 'Invitation', entityId: inv.id, before: { role: inv.role } })
  })
}

const findInvitation = async (token: string) => prisma().invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { review: { select: { id: true, title: true } } } })

async function usableInvitation(token: string, found?: Awaited<ReturnType<typeof findInvitation>>) {
  const inv = found ?? (await findInvitation(token))
  if (!inv) throw new AppError('NOT_FOUND', 'This invitation link is not valid.')
  if (inv.revokedAt) throw new AppError('PRECONDITION_FAILED', 'This invitation was revoked. Ask for a new link.')
  if (inv.acceptedAt) throw new AppError('PRECONDITION_FAILED', 'This invitation has already been used. Ask for a new link.')
  if (inv.expiresAt <= new Date()) throw new AppError('PRECONDITION_FAILED', 'This invitation has expired. Ask for a new link.')
  return inv
}

/**
 * What a signed-in user sees before accepting: the review's title and the role offered. Someone who
 * is already a member (for instance the person who used this link) is told so instead of an error.
 */
export async function previewInvitation(userId: string, token: string) {
  const found = await findInvitation(token)
  const existing = found && (await prisma().membership.findUnique({ where: { reviewId_userId: { reviewId: found.reviewId, userId } }, select: { role: true } }))
  const inv = existing ? found : await usableInvitation(token, found)
  return { reviewId: inv.review.id, reviewTitle: inv.review.title, role: inv.role, expiresAt: inv.expiresAt, alreadyMember: existing?.role ?? null }
}

export async function acceptInvitation(userId: string, token: string) {
  const inv = await usableInvitation(token)
  return prisma().$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({ where: { reviewId_userId: { reviewId: inv.reviewId, userId } } })
    if (existing) throw new AppError('CONFLICT', 'You are already a member of this review.')
    // Single use, even when two people open the link at once: only one update can match.
    const claimed = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date(), acceptedById: userId } })
    if (claimed.count !== 1) throw new AppError('PRECONDITION_FAILED', 'This invitation has already been used. Ask for a new link.')
    const membership = await tx.membership.create({ data: { reviewId: inv.reviewId, userId, role: inv.role } })
    await recordAudit(tx, { reviewId: inv.reviewId, actorId: userId, action: 'member.added', entity: 'Membership', entityId: membership.id, after: { userId, role: inv.role, invitationId: inv.id } })
    return { reviewId: inv.reviewId }
  })
}
