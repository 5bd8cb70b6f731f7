/** Direct database access for setting up end-to-end scenarios (users, teams) faster than through the UI. */
import { PrismaPg } from '@prisma/adapter-pg'
import { inject } from 'vitest'
import { PrismaClient } from '@/generated/prisma/client'
import type { Role } from '@/generated/prisma/enums'
import { createReview, createUser } from '../../prisma/seed/factories'

let client: PrismaClient | undefined
export function e2eDb(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: inject('e2eDatabaseUrl'), max: inject('e2eEmbeddedDatabase') ? 1 : 4 }) })
  return client
}

export const e2ePassword = 'e2e passphrase 2026'

/** A review with named members, each able to sign in with e2ePassword. */
export async function seedTeam(label: string, roles: Record<string, Role>) {
  const db = e2eDb()
  const stamp = `${label}-${Date.now().toString(36)}`
  const users: Record<string, { id: string; email: string; name: string }> = {}
  for (const [name, role] of Object.entries(roles)) {
    const u = await createUser(db, { email: `${name.toLowerCase()}-${stamp}@example.test`, name, password: e2ePassword })
    users[name] = { ...u, role } as never
  }
  const review = await createReview(db, {
    title: `Screening ${stamp}`,
    question: 'How accurate is machine learning for liver iron on MRI?',
    members: Object.entries(roles).map(([name, role]) => ({ userId: users[name]!.id, role })),
  })
  return { review, users }
}
