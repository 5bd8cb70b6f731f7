/**
 * Who is calling, checked against the database on every request: the one place that decides it, for
 * tRPC procedures and file routes alike. The session must be live (./../auth/sessions.ts); a review
 * needs a membership whose role has the permission asked for. Outsiders get NOT_FOUND, so an address
 * tells them nothing about a review.
 */
import 'server-only'
import type { Role } from '@/generated/prisma/enums'
import { sql } from '@/server/db/sql'
import { AppError } from '@/server/errors'
import { liveSessionCondition } from '@/server/auth/sessions'
import { can, roleLabels, type Permission } from './roles'

/** What the session cookie says (not yet checked against the database). */
export interface SessionClaim {
  id: string
  sessionId?: string
}

export interface Caller {
  id: string
  email: string
  name: string
  sessionId: string
}

export interface ReviewAccess {
  user: Caller
  membership: { id: string; role: Role; reviewId: string; userId: string }
  reviewSettings: { votesRequired: number; blindScreening: boolean }
}

const sessionEnded = () => new AppError('UNAUTHORIZED', 'Your session has ended. Sign in again.')

/** The signed-in account, if its session is live. */
export async function signedIn(claim: SessionClaim | null): Promise<Caller> {
  if (!claim) throw new AppError('UNAUTHORIZED', 'Sign in to continue.')
  if (!claim.sessionId) throw sessionEnded()
  const [user] = await sql<Omit<Caller, 'sessionId'>>(`SELECT u.id, u.email, u.name FROM "AuthSession" s JOIN "User" u ON u.id = s."userId" WHERE ${liveSessionCondition('$1', '$2')}`, [
    claim.sessionId,
    claim.id,
  ])
  if (!user) throw sessionEnded()
  return { ...user, sessionId: claim.sessionId }
}

interface AccessRow {
  id: string
  email: string
  name: string
  membershipId: string | null
  role: Role | null
  votesRequired: number | null
  blindScreening: boolean | null
}

/**
 * The caller's access to a review, in one statement (it runs before every review-scoped call, the
 * screening hot path included): the live session, the account, the membership and the review's
 * screening settings.
 */
export async function reviewAccess(claim: SessionClaim | null, reviewId: string, permission: Permission): Promise<ReviewAccess> {
  if (!claim) throw new AppError('UNAUTHORIZED', 'Sign in to continue.')
  if (!claim.sessionId) throw sessionEnded()
  const [row] = await sql<AccessRow>(
    `SELECT u.id, u.email, u.name, m.id AS "membershipId", m.role, r."votesRequired", r."blindScreening"
     FROM "AuthSession" s JOIN "User" u ON u.id = s."userId"
       LEFT JOIN "Membership" m ON m."userId" = u.id AND m."reviewId" = $3
       LEFT JOIN "Review" r ON r.id = m."reviewId"
     WHERE ${liveSessionCondition('$1', '$2')}`,
    [claim.sessionId, claim.id, reviewId],
  )
  if (!row) throw sessionEnded()
  if (!row.membershipId || !row.role) throw new AppError('NOT_FOUND', 'Review not found.')
  if (!can(row.role, permission)) throw new AppError('FORBIDDEN', `A ${roleLabels[row.role].toLowerCase()} cannot do this in this review.`)
  return {
    user: { id: row.id, email: row.email, name: row.name, sessionId: claim.sessionId },
    membership: { id: row.membershipId, role: row.role, reviewId, userId: row.id },
    reviewSettings: { votesRequired: row.votesRequired!, blindScreening: row.blindScreening! },
  }
}
