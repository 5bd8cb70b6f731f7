/**
 * The tRPC API, in development and production alike. A call's body is at most 2 MB (a form, an entry or
 * a settings change is a few KiB; files and backups have routes of their own) and a batch at most
 * `maxBatchSize` calls: more is refused (413, 400) before anything runs.
 */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import type { NextRequest } from 'next/server'
import { appRouter } from '@/server/api/root'
import { requestUser } from '@/server/auth/request-user'
import { errorResponse, readBody } from '@/server/api/route-auth'
import { maxBatchSize } from '@/lib/trpc/batch'
import { AppError } from '@/server/errors'

export const dynamic = 'force-dynamic'

const maxBodyBytes = 2 * 1024 * 1024

async function handler(req: NextRequest) {
  let request: Request = req
  if (req.method === 'POST') {
    const declared = req.headers.get('content-length')
    try {
      // a declared length is what the server reads; a body without one is read here within the limit
      if (declared === null) request = new Request(req.url, { method: 'POST', headers: req.headers, body: new Uint8Array(await readBody(req, maxBodyBytes, 'request')) })
      else if (Number(declared) > maxBodyBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The request is larger than ${maxBodyBytes / 1024 / 1024} MB, the most this server takes.`)
    } catch (e) {
      return errorResponse(e)
    }
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    maxBatchSize,
    // Decoding the session token is all a procedure needs (getServerSession would also re-issue the cookie).
    createContext: async () => ({ user: await requestUser(req.cookies.getAll()) }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? ''} failed:`, error.cause ?? error)
    },
  })
}

export { handler as GET, handler as POST }
