/** Real requests against the server under test: sign-in through next-auth, tRPC calls as the pages make them. */
import superjson, { type SuperJSONResult } from 'superjson'
import { inject } from 'vitest'

export const baseUrl = () => inject('baseUrl')

/** Cookies from Set-Cookie headers, as one Cookie header (later values win). */
export function cookiesOf(res: Response, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as const),
  )
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0]!
    jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1))
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}

export async function csrf(): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${baseUrl()}/api/auth/csrf`)
  return { token: ((await res.json()) as { csrfToken: string }).csrfToken, cookie: cookiesOf(res) }
}

/** A credentials sign-in with any body the attacker likes (form fields in order, or JSON). */
export async function signInRequest(fields: [string, string][] | Record<string, string>, opts: { json?: boolean; headers?: Record<string, string> } = {}) {
  const { token, cookie } = await csrf()
  const list = Array.isArray(fields) ? [...fields, ['csrfToken', token], ['json', 'true']] : Object.entries({ ...fields, csrfToken: token, json: 'true' })
  const body = opts.json ? JSON.stringify(Object.fromEntries(list)) : new URLSearchParams(list as [string, string][]).toString()
  return fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': opts.json ? 'application/json' : 'application/x-www-form-urlencoded', cookie, ...opts.headers },
    body,
  })
}

export const hasSession = (res: Response) => res.headers.getSetCookie().some((c) => c.includes('next-auth.session-token=') && !c.includes('session-token=;'))

/** Signs in; returns the Cookie header of the new session. */
export async function signIn(email: string, password: string): Promise<string> {
  const res = await signInRequest({ email, password })
  if (!hasSession(res)) throw new Error(`sign-in of ${email} failed with ${res.status}`)
  return cookiesOf(res)
}

export interface TrpcAnswer<T = unknown> {
  status: number
  data: T | null
  error: { message: string; code: string } | null
}

async function answer<T>(res: Response): Promise<TrpcAnswer<T>> {
  const body = (await res.json()) as { result?: { data: { json: unknown; meta?: never } }; error?: { json: { message: string; data: { code: string } } } }
  return {
    status: res.status,
    data: body.result ? (superjson.deserialize(body.result.data as SuperJSONResult) as T) : null,
    error: body.error ? { message: body.error.json.message, code: body.error.json.data.code } : null,
  }
}

export const trpcQuery = async <T = unknown>(cookie: string | null, path: string, input: unknown) =>
  answer<T>(await fetch(`${baseUrl()}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`, { headers: cookie ? { cookie } : {} }))

export const trpcMutation = async <T = unknown>(cookie: string | null, path: string, input: unknown, headers: Record<string, string> = {}) =>
  answer<T>(
    await fetch(`${baseUrl()}/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
      body: JSON.stringify(superjson.serialize(input)),
    }),
  )
