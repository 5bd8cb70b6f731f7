import { prisma } from '@/server/db/client'
import { createCaller } from '@/server/api/root'
import { startSession } from '@/server/auth/sessions'
import { createImport, createRecord, createReview, createUser } from '../../prisma/seed/factories'
import type { Role } from '@/generated/prisma/enums'

/** A signed-in session per test user, started on first use (procedures check that it is live). */
const sessions = new Map<string, Promise<string>>()
export const sessionOf = (userId: string) => {
  if (!sessions.has(userId)) sessions.set(userId, startSession(userId))
  return sessions.get(userId)!
}

/** tRPC procedures as this user calls them (with a live session), or as someone signed out. */
export const callerFor = (user: { id: string } | null, opts?: { signal?: AbortSignal }) => createCaller(async () => ({ user: user && { id: user.id, sessionId: await sessionOf(user.id) } }), opts)

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

/** A review with its team and `n` records waiting at title/abstract. */
export async function reviewWithRecords(n = 3) {
  const t = await reviewWithTeam()
  const batch = await createImport(prisma(), t.review.id, t.users.owner.id, { recordCount: n })
  const records = []
  for (let i = 0; i < n; i++) records.push(await createRecord(prisma(), batch))
  const reasons = await prisma().exclusionReason.findMany({ where: { reviewId: t.review.id }, orderBy: { position: 'asc' } })
  return { ...t, batch, records, reasons, itemIds: records.map((r) => r.item!.id) }
}

/** A review with its team, `n` included studies (each with one report) and a form from a template. */
export async function reviewWithStudies(n = 2, templateKey: 'diagnostic_accuracy' | 'quadas2' = 'diagnostic_accuracy') {
  const t = await reviewWithTeam()
  const batch = await createImport(prisma(), t.review.id, t.users.owner.id)
  const studies = []
  for (let i = 0; i < n; i++) {
    const { record } = await createRecord(prisma(), batch, { authors: [`Author${i}, A.`], year: 2018 + i, screen: false })
    studies.push(await prisma().study.create({ data: { reviewId: t.review.id, label: `Author${i} ${2018 + i}`, reports: { create: { recordId: record.id } } } }))
  }
  const form = await callerFor(t.users.lead).forms.create({ reviewId: t.review.id, kind: templateKey === 'quadas2' ? 'QUALITY' : 'EXTRACTION', templateKey })
  return { ...t, studies, form }
}
