import { z } from 'zod'
import { protectedProcedure, publicProcedure, router } from '../trpc'
import { changePassword, changePasswordInput, signUp, signUpInput, updateProfile } from '@/server/services/accounts'

export const accountRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(({ input }) => signUp(input)),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
  updateProfile: protectedProcedure
    .input(z.object({ name: z.string().trim().min(1, 'Enter your name.').max(120) }))
    .mutation(({ ctx, input }) => updateProfile(ctx.user.id, input.name)),
  changePassword: protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.user.id, input)
    return { ok: true as const }
  }),
})
