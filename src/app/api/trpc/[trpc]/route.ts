import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { getServerSession } from 'next-auth'
import { appRouter } from '@/server/api/root'
import { authOptions } from '@/server/auth/options'
import type { SessionUser } from '@/server/api/trpc'

export const dynamic = 'force-dynamic'

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => {
      const session = await getServerSession(authOptions)
      return { user: (session?.user as SessionUser | undefined)?.id ? (session!.user as SessionUser) : null }
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? ''} failed:`, error.cause ?? error)
    },
  })

export { handler as GET, handler as POST }
