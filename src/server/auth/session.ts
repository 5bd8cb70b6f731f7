import { getServerSession } from 'next-auth'
import { redirect } from 'next/navigation'
import { authOptions } from './options'
import type { SessionUser } from '@/server/api/trpc'

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions)
  const user = session?.user as SessionUser | undefined
  return user?.id ? user : null
}

/** For pages: the signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser()
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`)
  return user
}
