/**
 * Authorisation for route handlers that tRPC cannot serve (file uploads and downloads): the same
 * function as reviewProcedure (authz/access.ts), so the same rule and the same messages.
 */
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
}

/** Route handlers answer errors as JSON `{ error }`, with the status of the error's code. */
export function errorResponse(e: unknown): Response {
  if (e instanceof AppError) return Response.json({ error: e.message, fieldErrors: e.fieldErrors ?? null }, { status: statusOf[e.code] })
  console.error(e)
  return Response.json({ error: 'Something went wrong on the server.' }, { status: 500 })
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
