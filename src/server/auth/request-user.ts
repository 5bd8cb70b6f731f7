/**
 * Who is calling an API route, from the session cookie. Decoding the token (HKDF key derivation and
 * AES-GCM decryption) was a tenth of the server's time per screening request, and a reviewer sends the
 * same cookie hundreds of times, so decoded tokens are kept for a minute (never past their expiry).
 * This changes nothing in who is let in: the procedures check the session the token names against the
 * database on every call, so a session that ended (sign-out, password change) is refused at once.
 */
import 'server-only'
import { getToken, type GetTokenParams } from 'next-auth/jwt'
import type { SessionUser } from '@/server/api/trpc'
import { isProduction } from '@/server/env'
import { parse } from 'cookie'

const keepMs = 60_000
const maxEntries = 5_000
const decoded = new Map<string, { user: SessionUser | null; until: number }>()

/** The cookies of a request's Cookie header, as a list. */
export function cookieList(header: string | undefined): { name: string; value: string }[] {
  return Object.entries(parse(header ?? '')).flatMap(([name, value]) => (value === undefined ? [] : [{ name, value }]))
}

/** The signed-in user of a request, from its cookies (only the session token's are read). */
export async function requestUser(cookies: { name: string; value: string }[]): Promise<SessionUser | null> {
  const secure = isProduction()
  const prefix = `${secure ? '__Secure-' : ''}next-auth.session-token`
  // the token, possibly split over chunks (name.0, name.1, …) when large
  const session = cookies.filter((c) => c.name === prefix || c.name.startsWith(`${prefix}.`))
  if (session.length === 0) return null
  const cookie = session
    .map((c) => `${c.name}=${c.value}`)
    .sort()
    .join(';')
  const now = Date.now()
  const hit = decoded.get(cookie)
  if (hit && hit.until > now) return hit.user
  const token = await getToken({ req: { cookies: Object.fromEntries(session.map((c) => [c.name, c.value])), headers: {} } as GetTokenParams['req'], secureCookie: secure })
  const user = token?.sub ? { id: token.sub, sessionId: typeof token.sid === 'string' ? token.sid : undefined, email: token.email, name: token.name } : null
  const expires = typeof token?.exp === 'number' ? token.exp * 1000 : now
  if (decoded.size >= maxEntries) decoded.delete(decoded.keys().next().value!)
  decoded.set(cookie, { user, until: Math.min(now + keepMs, expires) })
  return user
}
