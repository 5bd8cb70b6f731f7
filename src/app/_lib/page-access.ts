/**
 * What pages do when access fails: a caller without a live session goes to the sign-in page (and comes
 * back); a review they may not see renders the not-found page, which is also what outsiders get.
 * (Page concerns, so they live with the pages; the rules themselves are src/server/authz.)
 */
import 'server-only'
import { TRPCError } from '@trpc/server'
import { headers } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import { requestedPathHeader } from '@/server/http/client-address'
import { getSessionUser } from '@/server/auth/session'
import type { LiveUser } from '@/server/auth/sessions'

/**
 * The signed-in user, or a redirect to the sign-in page that comes back to the page asked for when it
 * lies under `returnTo` (a layout knows its section, not the page: /reviews/x/screening?stage=…), else
 * to `returnTo`.
 */
export async function requireUser(returnTo: string): Promise<LiveUser> {
  const user = await getSessionUser()
  if (!user) {
    const asked = (await headers()).get(requestedPathHeader)
    const within = asked && (asked === returnTo || asked.startsWith(`${returnTo}/`) || asked.startsWith(`${returnTo}?`))
    redirect(`/signin?callbackUrl=${encodeURIComponent(within ? asked : returnTo)}`)
  }
  return user
}

/** Runs a server-side call; NOT_FOUND or FORBIDDEN renders the not-found page, an ended session the sign-in page. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (e) {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) notFound()
    if (e instanceof TRPCError && e.code === 'UNAUTHORIZED') redirect('/signin')
    throw e
  }
}
