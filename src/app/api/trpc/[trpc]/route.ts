import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import type { NextRequest } from 'next/server'
import { appRouter } from '@/server/api/root'
import { onTrpcError, trpcEndpoint } from '@/server/api/handler'
import { requestUser } from '@/server/auth/request-user'
import { maxBatchSize } from '@/lib/trpc/batch'

export const dynamic = 'force-dynamic'

/** In production `npm start` answers /api/trpc before Next (src/cli/web.ts); this route serves it in development. */
const handler = (req: NextRequest) =>
  fetchRequestHandler({
    endpoint: trpcEndpoint,
    req,
    router: appRouter,
    // Decoding the session token is all a procedure needs (getServerSession would also re-issue the cookie).
    createContext: async () => ({ user: await requestUser(req.cookies.getAll()) }),
    onError: onTrpcError,
    maxBatchSize,
  })

export { handler as GET, handler as POST }
