import NextAuth from 'next-auth'
import { authOptions } from '@/server/auth/options'
import { clientAddress, signInLimitState } from '@/server/auth/rate-limit'

const handler = NextAuth(authOptions)

type Context = { params: Promise<{ nextauth: string[] }> }

export const GET = (req: Request, ctx: Context) => handler(req, ctx)

/** Refuses a credentials sign-in with 429 while the account or the address is over its limit of failures. */
export async function POST(req: Request, ctx: Context) {
  const { pathname, origin } = new URL(req.url)
  if (pathname.endsWith('/callback/credentials')) {
    const form = await req.clone().formData().catch(() => null)
    const email = String(form?.get('email') ?? '').trim().toLowerCase()
    const state = await signInLimitState(email, clientAddress((n) => req.headers.get(n)))
    if (state.limited) {
      const minutes = Math.ceil(state.retryAfterSeconds / 60)
      const message = `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
      return Response.json(
        { url: `${origin}/signin?error=RateLimited`, message },
        { status: 429, headers: { 'Retry-After': String(state.retryAfterSeconds) } },
      )
    }
  }
  return handler(req, ctx)
}
