/**
 * Factories for users and reviews, shared by the demo seed and the tests. They write through the
 * Prisma client they are given, so tests and `npm start` use the same code.
 */
import type { PrismaClient } from '@/generated/prisma/client'
import type { Role } from '@/generated/prisma/enums'
import { hashPassword } from '@/server/auth/password'
import { defaultExclusionReasons } from '@/server/services/screening/rules'

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

export async function createReview(db: PrismaClient, opts: { title?: string; question?: string; slug?: string; isDemo?: boolean; members: { userId: string; role: Role }[] }) {
  const id = unique()
  return db.review.create({
    data: {
      slug: opts.slug ?? `review-${id}`,
      title: opts.title ?? `Review ${id}`,
      question: opts.question ?? 'Does the index test detect the target condition accurately?',
      isDemo: opts.isDemo ?? false,
      memberships: { create: opts.members },
      exclusionReasons: { create: defaultExclusionReasons.map((label, i) => ({ label, position: i + 1 })) },
    },
  })
}

export async function createImport(db: PrismaClient, reviewId: string, createdById: string, opts: { source?: string; sourceKind?: string; searchDate?: Date; recordCount?: number } = {}) {
  return db.importBatch.create({
    data: {
      reviewId,
      createdById,
      source: opts.source ?? 'PubMed',
      sourceKind: opts.sourceKind ?? 'database',
      searchDate: opts.searchDate ?? new Date('2026-01-15'),
      fileName: 'search.ris',
      format: 'ris',
      recordCount: opts.recordCount ?? 0,
    },
  })
}

/** A record from an import, with its title/abstract screening item unless it is a held-out duplicate. */
export async function createRecord(
  db: PrismaClient,
  importBatch: { id: string; reviewId: string },
  fields: { title?: string; abstract?: string; year?: number; doi?: string; authors?: string[]; screen?: boolean } = {},
) {
  const id = unique()
  const record = await db.searchRecord.create({
    data: {
      reviewId: importBatch.reviewId,
      importId: importBatch.id,
      sourceLine: 1,
      title: fields.title ?? `A study of liver iron ${id}`,
      abstract: fields.abstract ?? 'Background. Methods. Results. Conclusions.',
      authors: fields.authors ?? ['Smith, J.'],
      keywords: [],
      year: fields.year ?? 2020,
      doi: fields.doi ?? '',
    },
  })
  const item = fields.screen === false ? null : await db.screeningItem.create({ data: { reviewId: importBatch.reviewId, recordId: record.id, stage: 'TITLE_ABSTRACT' } })
  return { record, item }
}
