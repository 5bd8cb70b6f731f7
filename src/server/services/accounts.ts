/** Accounts: sign-up and password changes. Passwords are hashed with argon2id and never logged or returned. */
import 'server-only'
import { z } from 'zod'
import { prisma } from '@/server/db/client'
import { AppError, fieldError } from '@/server/errors'
import { hashPassword, verifyPassword } from '@/server/auth/password'
import { endOtherSessions } from '@/server/auth/sessions'

export const passwordSchema = z.string().min(10, 'Use at least 10 characters.').max(200, 'Use at most 200 characters.')

export const signUpInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(120),
  email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(254),
  password: passwordSchema,
})

/**
 * Creates an account. Emails are not verified, so an email never stands for anything more: the new
 * account owns nothing until someone invites it (people named in an imported backup are kept as
 * separate, sign-in-less accounts whose addresses no one can sign up with).
 */
export async function signUp(input: z.infer<typeof signUpInput>) {
  const db = prisma()
  const taken = () => fieldError('email', 'An account with this email already exists. Sign in instead.')
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw taken()
  const passwordHash = await hashPassword(input.password)
  try {
    return await db.user.create({ data: { name: input.name, email: input.email, passwordHash }, select: { id: true, email: true, name: true } })
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') throw taken()
    throw e
  }
}

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
  newPassword: passwordSchema,
})

/** Changes the password and ends every other session of the account (a stolen cookie stops working). */
export async function changePassword(userId: string, sessionId: string, input: z.infer<typeof changePasswordInput>): Promise<{ endedSessions: number }> {
  const db = prisma()
  const user = await db.user.findUnique({ where: { id: userId } })
  if (!user) throw new AppError('UNAUTHORIZED', 'Your account no longer exists.')
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw fieldError('currentPassword', 'The current password is not correct.')
  if (input.currentPassword === input.newPassword) throw fieldError('newPassword', 'Choose a password different from the current one.')
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(input.newPassword) } })
  return { endedSessions: await endOtherSessions(userId, sessionId) }
}

export async function updateProfile(userId: string, name: string) {
  return prisma().user.update({ where: { id: userId }, data: { name }, select: { id: true, name: true, email: true } })
}
