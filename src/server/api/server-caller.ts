import { TRPCError } from '@trpc/server'
import { notFound } from 'next/navigation'
import { createCaller } from './root'
import { getSessionClaim } from '@/server/auth/session'

/** tRPC procedures called from server components, with the same authorisation as over HTTP. */
export async function serverCaller() {
  return createCaller({ user: await getSessionClaim() })
}

/** Runs a server-side call; a NOT_FOUND (which is also what outsiders get) renders the not-found page. */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (e) {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) notFound()
    throw e
  }
}
