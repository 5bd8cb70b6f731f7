/** What both ways of serving the tRPC API share: the Next route (development) and the Node server (src/cli/web.ts). */
import type { TRPCError } from '@trpc/server'

export const trpcEndpoint = '/api/trpc'

export function onTrpcError({ error, path }: { error: TRPCError; path?: string }) {
  if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? ''} failed:`, error.cause ?? error)
}
