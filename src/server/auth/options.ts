import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { z } from 'zod'
import { prisma } from '@/server/db/client'
import { isProduction } from '@/server/env'
import { dummyHash, verifyPassword } from './password'
import { clientAddress, recordSignInAttempt } from './rate-limit'

const credentials = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(1024) })

/**
 * Email + password sign-in with JWT sessions. The sign-in limit is checked before next-auth runs,
 * in the route handler (app/api/auth/[...nextauth]/route.ts), so it can answer 429.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
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
        const ip = clientAddress((name) => headers[name])
        const user = await prisma().user.findUnique({ where: { email } })
        const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false)
        await recordSignInAttempt(email, ip, ok)
        if (!user || !ok) return null
        return { id: user.id, email: user.email, name: user.name }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id
      return token
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub
      return session
    },
  },
}
