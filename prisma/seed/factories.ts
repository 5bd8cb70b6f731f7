/**
 * Factories for users and reviews, shared by the demo seed and the tests. They write through the
 * Prisma client they are given, so tests and `npm start` use the same code.
 */
import type { PrismaClient } from '@/generated/prisma/client'
import type { Role } from '@/generated/prisma/enums'
import { hashPassword } from '@/server/auth/password'

// Hashing is deliberately slow; the same password need not be hashed twice in one process.
const hashes = new Map<string, Promise<string>>()
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password))
  return hashes.get(password)!
}

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

export async function createUser(db: PrismaClient, opts: { email?: string; name?: string; password?: string; isDemo?: boolean } = {}) {
  const id = unique()
  return db.user.create({
    data: {
      email: (opts.email ?? `user-${id}@example.test`).toLowerCase(),
      name: opts.name ?? `User ${id}`,
      passwordHash: await hashOnce(opts.password ?? 'correct horse battery'),
      isDemo: opts.isDemo ?? false,
    },
  })
}

export async function createReview(
  db: PrismaClient,
  opts: { title?: string; question?: string; slug?: string; isDemo?: boolean; members: { userId: string; role: Role }[] },
) {
  const id = unique()
  return db.review.create({
    data: {
      slug: opts.slug ?? `review-${id}`,
      title: opts.title ?? `Review ${id}`,
      question: opts.question ?? 'Does the index test detect the target condition accurately?',
      isDemo: opts.isDemo ?? false,
      memberships: { create: opts.members },
    },
  })
}
