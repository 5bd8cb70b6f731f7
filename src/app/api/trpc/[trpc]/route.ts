import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { getToken } from 'next-auth/jwt'
import type { NextRequest } from 'next/server'
import { appRouter } from '@/server/api/root'
import { isProduction } from '@/server/env'

export const dynamic = 'force-dynamic'

const handler = (req: NextRequest) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    // Decoding the session token is all a procedure needs (getServerSession would also re-issue the cookie).
    createContext: async () => {
      const token = await getToken({ req, secureCookie: isProduction() })
      return { user: token?.sub ? { id: token.sub, email: token.email, name: token.name } : null }
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? ''} failed:`, error.cause ?? error)
    },
  })

export { handler as GET, handler as POST }
