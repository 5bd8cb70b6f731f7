import { prisma } from '@/server/db/client'
import { createCaller } from '@/server/api/root'
import { createReview, createUser } from '../../prisma/seed/factories'
import type { Role } from '@/generated/prisma/enums'

export const callerFor = (user: { id: string } | null) => createCaller({ user })

export const newUser = (opts: Parameters<typeof createUser>[1] = {}) => createUser(prisma(), opts)

/** A review with one member of each role (and a second owner and a spare reviewer to act on). */
export async function reviewWithTeam() {
  const [owner, owner2, lead, reviewer, viewer, target, outsider] = await Promise.all(Array.from({ length: 7 }, () => newUser()))
  const members: { userId: string; role: Role }[] = [
    { userId: owner!.id, role: 'OWNER' },
    { userId: owner2!.id, role: 'OWNER' },
    { userId: lead!.id, role: 'LEAD' },
    { userId: reviewer!.id, role: 'REVIEWER' },
    { userId: viewer!.id, role: 'VIEWER' },
    { userId: target!.id, role: 'REVIEWER' },
  ]
  const review = await createReview(prisma(), { members })
  const memberships = await prisma().membership.findMany({ where: { reviewId: review.id } })
  const membershipOf = (userId: string) => memberships.find((m) => m.userId === userId)!
  return {
    review,
    users: { owner: owner!, owner2: owner2!, lead: lead!, reviewer: reviewer!, viewer: viewer!, target: target!, outsider: outsider! },
    membershipOf,
  }
}

/** The tRPC error code of a rejected call, or 'OK'. */
export async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call()
    return 'OK'
  } catch (e) {
    return (e as { code?: string }).code ?? String(e)
  }
}
