import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import type { NextRequest } from 'next/server'
import { appRouter } from '@/server/api/root'
import { requestUser } from '@/server/auth/request-user'

export const dynamic = 'force-dynamic'

const handler = (req: NextRequest) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    // Decoding the session token is all a procedure needs (getServerSession would also re-issue the cookie).
    createContext: async () => ({ user: await requestUser(req) }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? ''} failed:`, error.cause ?? error)
    },
  })

export { handler as GET, handler as POST }
