/**
 * tRPC setup: context, error formatting and the three kinds of procedure.
 *   publicProcedure     anyone
 *   protectedProcedure  a signed-in user whose account exists
 *   reviewProcedure(p)  a member of the review named by `input.reviewId` whose role has permission p;
 *                       everyone else gets NOT_FOUND (an outsider learns nothing about the review)
 */
import 'server-only'
import { initTRPC, TRPCError } from '@trpc/server'
import superjson from 'superjson'
import { z, ZodError } from 'zod'
import { AppError } from '@/server/errors'
import type { Permission } from '@/server/authz/roles'
import { reviewAccess, signedIn, type SessionClaim } from '@/server/authz/access'

/** The user the session cookie names (checked against the database by the procedures). */
export type SessionUser = SessionClaim & { email?: string | null; name?: string | null }

export interface Context {
  user: SessionUser | null
}

export interface Meta {
  /** The permission a review-scoped procedure needs; read by the middleware and by the authorisation tests. */
  permission?: Permission
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause
      const fieldErrors = cause instanceof ZodError ? (z.flattenError(cause).fieldErrors as Record<string, string[]>) : cause instanceof AppError ? cause.fieldErrors : undefined
      const message = cause instanceof ZodError ? 'Some fields need attention.' : shape.message
      return { ...shape, message, data: { ...shape.data, stack: undefined, fieldErrors: fieldErrors ?? null } }
    },
  })

/** Services throw AppError; give tRPC its code so the HTTP status and the client see it. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next()
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause
    throw new TRPCError({ code: cause.code, message: cause.message, cause })
  }
  return result
})

export const router = t.router
export const createCallerFactory = t.createCallerFactory
export const publicProcedure = t.procedure.use(mapAppErrors)

const withSession = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' })
  return next({ ctx: { user: ctx.user } })
})

/** A signed-in user whose session is live and whose account exists. */
export const protectedProcedure = withSession.use(async ({ ctx, next }) => next({ ctx: { user: await signedIn(ctx.user) } }))

export const reviewInput = z.object({ reviewId: z.string().min(1).max(64) })

/**
 * A member of the review named by `input.reviewId` whose role has `permission` (see authz/access.ts).
 * The context gets the caller, the membership and the review's screening settings: the screening hot
 * path (next record, vote) needs nothing else to authorise and to apply the rules.
 */
export const reviewProcedure = (permission: Permission) =>
  withSession
    .meta({ permission })
    .input(reviewInput)
    .use(async ({ ctx, input, next }) => next({ ctx: await reviewAccess(ctx.user, input.reviewId, permission) }))
