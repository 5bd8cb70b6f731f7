/**
 * tRPC setup: context, error formatting and the three kinds of procedure.
 *   publicProcedure     anyone
 *   protectedProcedure  a signed-in user whose account exists
 *   reviewProcedure(p)  a member of the review named by `input.reviewId` whose role has permission p;
 *                       everyone else gets NOT_FOUND (an outsider learns nothing about the review)
 */
import { initTRPC, TRPCError } from '@trpc/server'
import superjson from 'superjson'
import { z, ZodError } from 'zod'
import type { Role } from '@/generated/prisma/enums'
import { sql } from '@/server/db/sql'
import { AppError } from '@/server/errors'
import { can, roleLabels, type Permission } from '@/server/authz/roles'

export interface SessionUser {
  id: string
  email?: string | null
  name?: string | null
}

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
      const fieldErrors =
        cause instanceof ZodError
          ? (z.flattenError(cause).fieldErrors as Record<string, string[]>)
          : cause instanceof AppError
            ? cause.fieldErrors
            : undefined
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

export const protectedProcedure = withSession.use(async ({ ctx, next }) => {
  const [user] = await sql<{ id: string; email: string; name: string }>('SELECT id, email, name FROM "User" WHERE id = $1', [ctx.user.id])
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your account no longer exists. Sign in again.' })
  return next({ ctx: { user } })
})

export const reviewInput = z.object({ reviewId: z.string().min(1).max(64) })

interface MembershipRow {
  id: string
  role: Role
  reviewId: string
  userId: string
  email: string
  name: string
  votesRequired: number
  blindScreening: boolean
}

/**
 * One query loads the membership with the member's account and the review's screening settings: the
 * screening hot path (next record, vote) needs nothing else to authorise and to apply the rules. A
 * deleted account has no memberships (they cascade), so it gets NOT_FOUND like any outsider. (Sent
 * straight to the driver: it runs before every review-scoped procedure.)
 */
export const reviewProcedure = (permission: Permission) =>
  withSession
    .meta({ permission })
    .input(reviewInput)
    .use(async ({ ctx, input, next }) => {
      const [found] = await sql<MembershipRow>(
        `SELECT m.id, m.role, m."reviewId", m."userId", u.email, u.name, r."votesRequired", r."blindScreening"
         FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Review" r ON r.id = m."reviewId"
         WHERE m."reviewId" = $1 AND m."userId" = $2`,
        [input.reviewId, ctx.user.id],
      )
      if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'Review not found.' })
      if (!can(found.role, permission))
        throw new TRPCError({ code: 'FORBIDDEN', message: `A ${roleLabels[found.role].toLowerCase()} cannot do this in this review.` })
      const { id, role, reviewId, userId, email, name, votesRequired, blindScreening } = found
      return next({ ctx: { user: { id: userId, email, name }, membership: { id, role, reviewId, userId }, reviewSettings: { votesRequired, blindScreening } } })
    })
