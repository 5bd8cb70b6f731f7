import NextAuth from 'next-auth'
import { authOptions } from '@/server/auth/options'
import { signInOutcome, type LimitState } from '@/server/auth/rate-limit'

const handler = NextAuth(authOptions)

type Context = { params: Promise<{ nextauth: string[] }> }

export const GET = (req: Request, ctx: Context) => handler(req, ctx)

/** A credentials sign-in refused for the limit of failures (decided in `authorize`) is answered 429 with Retry-After. */
export async function POST(req: Request, ctx: Context) {
  const outcome: { limited?: LimitState } = {}
  const res: Response = await signInOutcome.run(outcome, () => handler(req, ctx))
  if (!outcome.limited) return res
  const seconds = outcome.limited.retryAfterSeconds
  const minutes = Math.ceil(seconds / 60)
  const message = `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
  return Response.json({ url: `${new URL(req.url).origin}/signin?error=RateLimited`, message }, { status: 429, headers: { 'Retry-After': String(seconds) } })
}
