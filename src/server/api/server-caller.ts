import 'server-only'
import { createCaller } from './root'
import { getSessionClaim } from '@/server/auth/session'

/** tRPC procedures called from server components, with the same authorisation as over HTTP. */
export async function serverCaller() {
  return createCaller({ user: await getSessionClaim() })
}
