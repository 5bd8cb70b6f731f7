/**
 * Deduplication of newly imported records against each other and against the review's records so far
 * (core: src/core/citations/dedupe.ts). Exact matches (DOI, PMID, identical title + year + first
 * author) are removed at once; similar titles are held out of screening until a lead confirms or
 * separates them. Records already in the review keep their place (and their screening history) as the
 * group's primary record.
 * In three steps, so the import can overlap them with its COPY: the review's records are read before
 * the new ones are written (existingRecordKeys), the groups are found in memory while the server
 * finishes the COPY (findDuplicates), and then written with the screening items (applyDuplicates),
 * all on the import's own connection and transaction (SQL sent to the driver).
 */
import 'server-only'
import type { DedupeResult, DedupeRecord } from '@/core/citations/dedupe'
import { sortableId } from '@/server/db/sortable-id'
import { sql, type SqlClient } from '@/server/db/sql'

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

/** The review's records that new ones may duplicate: those outside a group, and each group's primary. */
export async function existingRecordKeys(client: SqlClient, reviewId: string): Promise<RecordKeys[]> {
  const rows = await sql<ExistingRow>(
    `SELECT r.id, r.title, r.authors[1:1] AS authors, r.year, r.doi, r.pmid, r."duplicateGroupId" AS "groupId",
        (g."primaryRecordId" = r.id) AS "isPrimary"
      FROM "SearchRecord" r LEFT JOIN "DuplicateGroup" g ON g.id = r."duplicateGroupId"
      WHERE r."reviewId" = $1 AND (r."duplicateGroupId" IS NULL OR g."primaryRecordId" = r.id)
      ORDER BY r."createdAt", r.id`,
    [reviewId],
    client,
  )
  return rows.map((r) => ({ ...r, isNew: false, isPrimary: Boolean(r.isPrimary) }))
}

/**
 * Writes the groups `findDuplicates(all)` found (`all` = existing keys, then the new ones) and the new
 * records' screening items. Records found by other methods (citation searching, websites) skip
 * title/abstract screening and go straight to full-text retrieval, as PRISMA 2020's "other methods"
 * column has them.
 */
export async function applyDuplicates(
  client: SqlClient,
  reviewId: string,
  all: readonly RecordKeys[],
  found: DedupeResult,
  stage: 'TITLE_ABSTRACT' | 'FULL_TEXT' = 'TITLE_ABSTRACT',
): Promise<{ duplicatesRemoved: number; suspectedDuplicates: number; toScreen: number }> {
  let duplicatesRemoved = 0
  let suspectedDuplicates = 0
  const heldOut = new Set<string>()
  for (const group of found.groups) {
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
      // a suspected newcomer makes an automatic group wait for a lead
      const [row] = await sql<{ status: string }>(
        `UPDATE "DuplicateGroup" SET status = CASE WHEN $2 = 'PENDING' AND status = 'AUTO' THEN 'PENDING'::"DuplicateStatus" ELSE status END WHERE id = $1 RETURNING status`,
        [groupId, status],
        client,
      )
      groupStatus = row?.status ?? status
    } else {
      groupId = sortableId()
      await client.query(`INSERT INTO "DuplicateGroup" (id, "reviewId", "primaryRecordId", reason, status, similarity) VALUES ($1, $2, $3, $4, $5::"DuplicateStatus", $6)`, [
        groupId,
        reviewId,
        primary.id,
        group.reason,
        status,
        similarity,
      ])
      await client.query(`UPDATE "SearchRecord" SET "duplicateGroupId" = $1 WHERE id = $2`, [groupId, primary.id])
    }
    const joining = newcomers.filter((m) => m.id !== primary.id)
    await client.query(`UPDATE "SearchRecord" SET "duplicateGroupId" = $1 WHERE id = ANY($2::text[])`, [groupId, joining.map((m) => m.id)])
    for (const m of joining) heldOut.add(m.id)
    if (groupStatus !== 'PENDING') duplicatesRemoved += joining.length
    else suspectedDuplicates += joining.length
  }

  const toScreen: string[] = []
  for (const r of all) if (r.isNew && !heldOut.has(r.id)) toScreen.push(r.id)
  for (let i = 0; i < toScreen.length; i += 20_000) {
    const recordIds = toScreen.slice(i, i + 20_000)
    await client.query(
      `INSERT INTO "ScreeningItem" (id, "reviewId", "recordId", stage)
       SELECT u.id, $1, u."recordId", $2::"ScreeningStage" FROM unnest($3::text[], $4::text[]) AS u(id, "recordId")`,
      [reviewId, stage, recordIds.map(() => sortableId()), recordIds],
    )
  }
  return { duplicatesRemoved, suspectedDuplicates, toScreen: toScreen.length }
}
