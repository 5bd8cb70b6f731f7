/**
 * Deduplication of newly imported records against each other and against the review's records so far
 * (core: src/core/citations/dedupe.ts). Exact matches (DOI, PMID, identical title + year + first
 * author) are removed at once; similar titles are held out of screening until a lead confirms or
 * separates them. Records already in the review keep their place (and their screening history) as the
 * group's primary record.
 */
import 'server-only'
import { findDuplicates, type DedupeRecord } from '@/core/citations/dedupe'
import type { Tx } from '@/server/db/client'
import { sortableId } from '@/server/db/sortable-id'

export type RecordKeys = DedupeRecord & { id: string; isNew: boolean; groupId?: string | null; isPrimary?: boolean }

interface ExistingRow {
  id: string
  title: string
  authors: string[]
  year: number | null
  doi: string
  pmid: string
  groupId: string | null
  isPrimary: boolean | null
}

/**
 * Records found by other methods (citation searching, websites) skip title/abstract screening and go
 * straight to full-text retrieval, as PRISMA 2020's "other methods" column has them.
 */
export async function deduplicateImport(tx: Tx, reviewId: string, importId: string, fresh: RecordKeys[], stage: 'TITLE_ABSTRACT' | 'FULL_TEXT' = 'TITLE_ABSTRACT') {
  const existing = await tx.$queryRaw<ExistingRow[]>`
      SELECT r.id, r.title, r.authors[1:1] AS authors, r.year, r.doi, r.pmid, r."duplicateGroupId" AS "groupId",
        (g."primaryRecordId" = r.id) AS "isPrimary"
      FROM "SearchRecord" r LEFT JOIN "DuplicateGroup" g ON g.id = r."duplicateGroupId"
      WHERE r."reviewId" = ${reviewId} AND r."importId" <> ${importId} AND (r."duplicateGroupId" IS NULL OR g."primaryRecordId" = r.id)
      ORDER BY r."createdAt", r.id`
  const all: RecordKeys[] = [...existing.map((r) => ({ ...r, isNew: false, isPrimary: Boolean(r.isPrimary) })), ...fresh]
  const { groups } = findDuplicates(all)

  let duplicatesRemoved = 0
  let suspectedDuplicates = 0
  const heldOut = new Set<string>()
  for (const group of groups) {
    const members = group.members.map((i) => all[i]!)
    const newcomers = members.filter((m) => m.isNew)
    if (newcomers.length === 0) continue
    const status = group.confidence === 'exact' ? 'AUTO' : 'PENDING'
    const similarity = Math.min(...group.matches.map((m) => m.similarity))
    const olds = members.filter((m) => !m.isNew)
    const primary = olds.find((m) => m.isPrimary) ?? olds[0] ?? all[group.primary]!
    let groupId = primary.groupId ?? null
    let groupStatus: string = status
    if (groupId) {
      if (status === 'PENDING') await tx.duplicateGroup.updateMany({ where: { id: groupId, status: 'AUTO' }, data: { status: 'PENDING' } })
      groupStatus = (await tx.duplicateGroup.findUniqueOrThrow({ where: { id: groupId }, select: { status: true } })).status
    } else {
      groupId = (await tx.duplicateGroup.create({ data: { reviewId, primaryRecordId: primary.id, reason: group.reason, status, similarity } })).id
      await tx.searchRecord.update({ where: { id: primary.id }, data: { duplicateGroupId: groupId } })
    }
    const joining = newcomers.filter((m) => m.id !== primary.id)
    await tx.searchRecord.updateMany({ where: { id: { in: joining.map((m) => m.id) } }, data: { duplicateGroupId: groupId } })
    for (const m of joining) heldOut.add(m.id)
    if (groupStatus !== 'PENDING') duplicatesRemoved += joining.length
    else suspectedDuplicates += joining.length
  }

  const toScreen = fresh.filter((r) => !heldOut.has(r.id)).map((r) => r.id)
  for (let i = 0; i < toScreen.length; i += 10_000) {
    const recordIds = toScreen.slice(i, i + 10_000)
    await tx.$executeRaw`
      INSERT INTO "ScreeningItem" (id, "reviewId", "recordId", stage)
      SELECT u.id, ${reviewId}, u."recordId", ${stage}::"ScreeningStage" FROM unnest(${recordIds.map(() => sortableId())}::text[], ${recordIds}::text[]) AS u(id, "recordId")`
  }
  return { duplicatesRemoved, suspectedDuplicates, toScreen: toScreen.length }
}
