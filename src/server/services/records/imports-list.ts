import 'server-only'
import { prisma } from '@/server/db/client'

/** The review's imports with what became of their records (for the imports page and PRISMA's identification box). */
export async function listImports(reviewId: string) {
  const db = prisma()
  const [imports, held] = await Promise.all([
    db.importBatch.findMany({
      where: { reviewId },
      orderBy: { createdAt: 'desc' },
      select: {
        id: true,
        source: true,
        sourceKind: true,
        searchDate: true,
        searchQuery: true,
        fileName: true,
        format: true,
        recordCount: true,
        warnings: true,
        createdAt: true,
        createdBy: { select: { name: true } },
      },
    }),
    db.searchRecord.groupBy({ by: ['importId'], where: { reviewId, items: { none: {} } }, _count: { _all: true } }),
  ])
  const heldOut = new Map(held.map((h) => [h.importId, h._count._all]))
  return imports.map((i) => ({ ...i, warnings: (i.warnings as { line: number; message: string }[]).slice(0, 50), warningCount: (i.warnings as unknown[]).length, duplicates: heldOut.get(i.id) ?? 0 }))
}
