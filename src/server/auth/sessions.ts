/**
 * Signed-in sessions, kept in Postgres. The session cookie is a next-auth JWT that names its session;
 * each request checks the session is still live (one primary-key lookup, joined into the query that
 * loads the caller), so signing out, a password change (which ends the caller's other sessions) and
 * deleting the account end a session at once, whatever the cookie's own expiry says.
 */
import 'server-only'
import crypto from 'node:crypto'
import { sql } from '@/server/db/sql'

/** How long a session lives from sign-in, at most (the cookie is refreshed, the session is not). */
export const sessionMaxAgeSeconds = 30 * 24 * 3600

export interface LiveUser {
  id: string
  email: string
  name: string
  sessionId: string
}

/** Starts a session for a user who has just proved who they are; returns its id (for the cookie). */
export async function startSession(userId: string): Promise<string> {
  const id = crypto.randomBytes(24).toString('base64url')
  await sql('INSERT INTO "AuthSession" (id, "userId", "expiresAt") VALUES ($1, $2, now() + make_interval(secs => $3))', [id, userId, sessionMaxAgeSeconds])
  return id
}

/** Ends one session (signing out). */
export async function endSession(sessionId: string): Promise<void> {
  await sql('UPDATE "AuthSession" SET "revokedAt" = now() WHERE id = $1 AND "revokedAt" IS NULL', [sessionId])
}

/** Ends every session of a user except `keep` (a password change keeps the one that made it); returns how many ended. */
export async function endOtherSessions(userId: string, keep: string | null): Promise<number> {
  const rows = await sql<{ id: string }>('UPDATE "AuthSession" SET "revokedAt" = now() WHERE "userId" = $1 AND id IS DISTINCT FROM $2 AND "revokedAt" IS NULL RETURNING id', [userId, keep])
  return rows.length
}

/** SQL condition: session $session of user $user is live (not ended, not expired). */
export const liveSessionCondition = (session: string, user: string) => `s.id = ${session} AND s."userId" = ${user} AND s."revokedAt" IS NULL AND s."expiresAt" > now()`

/** The account behind a live session, or null (ended, expired, or the account is gone). */
export async function liveSessionUser(sessionId: string | undefined, userId: string): Promise<LiveUser | null> {
  if (!sessionId) return null
  const [user] = await sql<Omit<LiveUser, 'sessionId'>>(`SELECT u.id, u.email, u.name FROM "AuthSession" s JOIN "User" u ON u.id = s."userId" WHERE ${liveSessionCondition('$1', '$2')}`, [
    sessionId,
    userId,
  ])
  return user ? { ...user, sessionId } : null
}

/** Forgets sessions that ended or expired more than a day ago. */
export async function pruneSessions(): Promise<number> {
  const rows = await sql<{ id: string }>(`DELETE FROM "AuthSession" WHERE COALESCE("revokedAt", "expiresAt") < now() - interval '1 day' RETURNING id`)
  return rows.length
}
