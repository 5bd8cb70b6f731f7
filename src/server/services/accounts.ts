/** Accounts: sign-up and password changes. Passwords are hashed with argon2id and never logged or returned. */
import { z } from 'zod'
import { prisma } from '@/server/db/client'
import { AppError, fieldError } from '@/server/errors'
import { hashPassword, verifyPassword } from '@/server/auth/password'

export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(200, 'Use at most 200 characters.')

export const signUpInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(120),
  email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(254),
  password: passwordSchema,
})

/**
 * Creates an account. An account without a password (made when a review backup named someone who had no
 * account here) is taken over by whoever signs up with its email: it carries their name on past work and
 * no access to any review.
 */
export async function signUp(input: z.infer<typeof signUpInput>) {
  const db = prisma()
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, passwordHash: true } })
  if (existing?.passwordHash) throw fieldError('email', 'An account with this email already exists. Sign in instead.')
  const passwordHash = await hashPassword(input.password)
  if (existing) {
    const claimed = await db.user.updateMany({ where: { id: existing.id, passwordHash: '' }, data: { name: input.name, passwordHash } })
    if (claimed.count !== 1) throw fieldError('email', 'An account with this email already exists. Sign in instead.')
    return db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { id: true, email: true, name: true } })
  }
  try {
    const user = await db.user.create({ data: { name: input.name, email: input.email, passwordHash }, select: { id: true, email: true, name: true } })
    return user
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002') throw fieldError('email', 'An account with this email already exists. Sign in instead.')
    throw e
  }
}

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
  newPassword: passwordSchema,
})

export async function changePassword(userId: string, input: z.infer<typeof changePasswordInput>): Promise<void> {
  const db = prisma()
  const user = await db.user.findUnique({ where: { id: userId } })
  if (!user) throw new AppError('UNAUTHORIZED', 'Your account no longer exists.')
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw fieldError('currentPassword', 'The current password is not correct.')
  if (input.currentPassword === input.newPassword) throw fieldError('newPassword', 'Choose a password different from the current one.')
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(input.newPassword) } })
}

export async function updateProfile(userId: string, name: string) {
  return prisma().user.update({ where: { id: userId }, data: { name }, select: { id: true, name: true, email: true } })
}
