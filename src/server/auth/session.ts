import 'server-only'
import { getServerSession } from 'next-auth'
import { authOptions } from './options'
import type { SessionClaim } from '@/server/authz/access'
import { liveSessionUser, type LiveUser } from './sessions'

/** What the session cookie of the request being rendered says, unchecked (procedures check it). */
export async function getSessionClaim(): Promise<SessionClaim | null> {
  const session = await getServerSession(authOptions)
  const user = session?.user as { id?: string; sessionId?: string } | undefined
  return user?.id ? { id: user.id, sessionId: user.sessionId } : null
}

/** The signed-in user of the request being rendered, if the session is live. */
export async function getSessionUser(): Promise<LiveUser | null> {
  const claim = await getSessionClaim()
  return claim ? liveSessionUser(claim.sessionId, claim.id) : null
}
