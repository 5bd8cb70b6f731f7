/**
 * Export of a whole review as one JSON document (format in ./format.ts), written as a stream of
 * chunks: rows are read a page at a time, so a review of 100 000 records never sits whole in memory.
 */
import 'server-only'
import { prisma } from '@/server/db/client'
import { notFound } from '@/server/errors'
import { ferriteVersion } from '../publication/snapshot'
import { backupFormat, backupFormatVersion, backupHeader, backupTables, tableOrder, type BackupTableName } from './format'

interface Pageable {
  findMany(args: unknown): Promise<Record<string, unknown>[]>
}

/** Where each table's rows of one review live (model and filter). */
function sources(reviewId: string): Record<Exclude<BackupTableName, 'users'>, { model: string; where: object; page?: number }> {
  const inReview = { reviewId }
  const ofStudy = { study: { reviewId } }
  return {
    memberships: { model: 'membership', where: inReview },
    exclusionReasons: { model: 'exclusionReason', where: inReview },
    imports: { model: 'importBatch', where: inReview },
    records: { model: 'searchRecord', where: inReview },
    duplicateGroups: { model: 'duplicateGroup', where: inReview },
    screeningItems: { model: 'screeningItem', where: inReview },
    votes: { model: 'vote', where: { item: inReview } },
    fullTexts: { model: 'fullText', where: { record: inReview }, page: 20 },
    tags: { model: 'tag', where: inReview },
    recordTags: { model: 'recordTag', where: { tag: inReview } },
    rankingRuns: { model: 'rankingRun', where: inReview },
    studies: { model: 'study', where: inReview },
    studyReports: { model: 'studyReport', where: ofStudy },
    forms: { model: 'form', where: inReview },
    formVersions: { model: 'formVersion', where: { form: inReview } },
    assignments: { model: 'studyAssignment', where: ofStudy },
    entries: { model: 'formEntry', where: ofStudy },
    consensus: { model: 'consensusValue', where: ofStudy },
    analyses: { model: 'analysis', where: inReview, page: 200 },
    versions: { model: 'reviewVersion', where: inReview, page: 5 },
    auditEvents: { model: 'auditEvent', where: inReview },
  }
}

/** Columns that name a person: collected while writing, so the file lists exactly the people it mentions. */
const personColumns = new Set(['userId', 'createdById', 'resolvedById', 'reviewerId', 'uploadedById', 'decidedById', 'publishedById', 'actorId'])

const replacer = (_key: string, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value)

/** The review as a backup document, in chunks of text. Throws not-found before the first chunk if the review is gone. */
export async function* exportReview(reviewId: string): AsyncGenerator<string> {
  const db = prisma()
  const review = await db.review.findUnique({ where: { id: reviewId } })
  if (!review) throw notFound('Review')
  const header = { format: backupFormat, formatVersion: backupFormatVersion, ferriteVersion, exportedAt: new Date() }
  const reviewFields = Object.keys(backupHeader.shape.review.shape) as (keyof typeof review)[]
  const reviewJson = Object.fromEntries(reviewFields.map((k) => [k, review[k]]))
  yield `${JSON.stringify(header).slice(0, -1)},"review":${JSON.stringify(reviewJson)},"tables":{`

  const people = new Set<string>()
  const all = sources(reviewId)
  for (const table of tableOrder) {
    if (table === 'users') continue
    const { model, where, page = 1000 } = all[table]
    const columns = Object.keys(backupTables[table].shape)
    const select = Object.fromEntries([...columns, 'id'].map((c) => [c, true]))
    const delegate = (db as unknown as Record<string, Pageable>)[model]!
    yield `${JSON.stringify(table)}:[`
    let after: unknown
    let first = true
    for (;;) {
      const rows = await delegate.findMany({ where: after === undefined ? where : { AND: [where, { id: { gt: after } }] }, select, orderBy: { id: 'asc' }, take: page })
      if (!rows.length) break
      after = rows[rows.length - 1]!.id
      let chunk = ''
      for (const row of rows) {
        if (!columns.includes('id')) delete row.id
        for (const c of columns) if (personColumns.has(c) && typeof row[c] === 'string') people.add(row[c])
        chunk += (first ? '' : ',') + JSON.stringify(row, replacer)
        first = false
      }
      yield chunk
      if (rows.length < page) break
    }
    yield '],'
  }
  const users = people.size ? await db.user.findMany({ where: { id: { in: [...people] } }, select: { id: true, email: true, name: true }, orderBy: { email: 'asc' } }) : []
  yield `"users":${JSON.stringify(users)}}}\n`
}

/** A file name for the backup: the review's slug and the date. */
export async function backupFileName(reviewId: string): Promise<string> {
  const review = await prisma().review.findUnique({ where: { id: reviewId }, select: { slug: true } })
  if (!review) throw notFound('Review')
  return `${review.slug}-backup-${new Date().toISOString().slice(0, 10)}.json`
}
