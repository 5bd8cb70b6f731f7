/**
 * Authorisation for route handlers that tRPC cannot serve (file uploads and downloads): the same
 * function as reviewProcedure (authz/access.ts), so the same rule and the same messages.
 */
import 'server-only'
import { getSessionClaim } from '@/server/auth/session'
import { reviewAccess } from '@/server/authz/access'
import type { Permission } from '@/server/authz/roles'
import { AppError } from '@/server/errors'
import type { Role } from '@/generated/prisma/enums'

export interface RouteActor {
  userId: string
  reviewId: string
  role: Role
}

export async function authorizeReviewRoute(reviewId: string, permission: Permission): Promise<RouteActor> {
  const { membership } = await reviewAccess(await getSessionClaim(), reviewId, permission)
  return { userId: membership.userId, reviewId, role: membership.role }
}

const statusOf: Record<AppError['code'], number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
}

/** Route handlers answer errors as JSON `{ error }`, with the status of the error's code. */
export function errorResponse(e: unknown): Response {
  if (e instanceof AppError) return Response.json({ error: e.message, fieldErrors: e.fieldErrors ?? null }, { status: statusOf[e.code] })
  console.error(e)
  return Response.json({ error: 'Something went wrong on the server.' }, { status: 500 })
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

/**
 * An upload's body, chunk by chunk, refused with 413 as soon as it is larger than `limit` bytes: at once
 * when Content-Length says so, else when the bytes that arrive pass it (nothing past the limit is read).
 */
export function limitedBody(req: Request, limit: number, what: string): AsyncGenerator<Uint8Array> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The ${what} is larger than ${megabytes(limit)}, the most this server takes.`)
  if (Number(req.headers.get('content-length') ?? 0) > limit) throw tooLarge()
  return (async function* () {
    let size = 0
    for await (const chunk of bodyChunks(req)) {
      size += chunk.byteLength
      if (size > limit) throw tooLarge()
      yield chunk
    }
  })()
}

/** The whole body in memory (for files that must be read whole), within `limit` bytes. */
export async function readBody(req: Request, limit: number, what: string): Promise<Buffer> {
  const parts: Uint8Array[] = []
  for await (const chunk of limitedBody(req, limit, what)) parts.push(chunk)
  return Buffer.concat(parts)
}

export async function* bodyChunks(req: Request): AsyncGenerator<Uint8Array> {
  if (!req.body) return
  const reader = req.body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    reader.releaseLock()
  }
}
