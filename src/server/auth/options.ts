import 'server-only'
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { z } from 'zod'
import { prisma } from '@/server/db/client'
import { isProduction } from '@/server/env'
import { clientAddressHeader } from '@/server/http/client-address'
import { dummyHash, verifyPassword } from './password'
import { attemptSucceeded, beginSignInAttempt, signInOutcome } from './rate-limit'
import { endSession, sessionMaxAgeSeconds, startSession } from './sessions'

const credentials = z.object({ email: z.string().trim().toLowerCase().email().max(254), password: z.string().min(1).max(1024) })

/**
 * Email + password sign-in. The cookie is a next-auth JWT that names a session row (./sessions.ts),
 * which every request checks, so signing out ends it on the server too. The sign-in limit is applied
 * here, on the email being checked (./rate-limit.ts); the route answers 429 when it refused.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds },
  pages: { signIn: '/signin' },
  useSecureCookies: isProduction(),
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw)
        if (!parsed.success) return null
        const { email, password } = parsed.data
        const headers = (req.headers ?? {}) as Record<string, string | undefined>
        const attempt = await beginSignInAttempt(email, headers[clientAddressHeader] || 'unknown')
        if (attempt.limited) {
          const outcome = signInOutcome.getStore()
          if (outcome) outcome.limited = attempt
          return null
        }
        const user = await prisma().user.findUnique({ where: { email } })
        const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false)
        if (!user || !ok) return null
        await attemptSucceeded(attempt.attemptId!)
        return { id: user.id, email: user.email, name: user.name }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id
        token.sid = await startSession(user.id)
      }
      return token
    },
    session({ session, token }) {
      if (session.user && token.sub) Object.assign(session.user, { id: token.sub, sessionId: token.sid })
      return session
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await endSession(token.sid)
    },
  },
}
