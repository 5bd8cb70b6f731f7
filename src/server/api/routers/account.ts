import 'server-only'
import { z } from 'zod'
import { protectedProcedure, publicProcedure, router } from '../trpc'
import { endOtherSessions } from '@/server/auth/sessions'
import { changePassword, changePasswordInput, signUp, signUpInput, updateProfile } from '@/server/services/accounts'

export const accountRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(({ input }) => signUp(input)),
  me: protectedProcedure.query(({ ctx }) => ({ id: ctx.user.id, email: ctx.user.email, name: ctx.user.name })),
  updateProfile: protectedProcedure.input(z.object({ name: z.string().trim().min(1, 'Enter your name.').max(120) })).mutation(({ ctx, input }) => updateProfile(ctx.user.id, input.name)),
  changePassword: protectedProcedure.input(changePasswordInput).mutation(({ ctx, input }) => changePassword(ctx.user.id, ctx.user.sessionId, input)),
  /** Ends every other session of the account (other browsers, other devices). */
  signOutElsewhere: protectedProcedure.mutation(async ({ ctx }) => ({ endedSessions: await endOtherSessions(ctx.user.id, ctx.user.sessionId) })),
})
