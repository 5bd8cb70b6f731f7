import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import superjson from 'superjson'
import { appRouter } from '@/server/api/root'
import { sessionOf } from './fixtures'

/**
 * Calls a mutation through tRPC's HTTP handler (the same path the browser takes), so the error
 * formatter and the status code are part of what is tested.
 */
export async function httpMutation(path: string, input: unknown, user: { id: string } | null = null) {
  const req = new Request(`http://localhost/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(superjson.serialize(input)),
  })
  const res = await fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext: async () => ({ user: user && { id: user.id, sessionId: await sessionOf(user.id) } }) })
  const body = (await res.json()) as { error?: { json: { message: string; data: { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null } } } }
  return { status: res.status, error: body.error ? { message: body.error.json.message, ...body.error.json.data } : null }
}
