/** Search and filters over all of a review's records, with each record's screening state as the caller may see it. */
import 'server-only'
import type { Prisma } from '@/generated/prisma/client'
import type { ItemStatus, ScreeningStage } from '@/generated/prisma/enums'
import { prisma } from '@/server/db/client'
import { can } from '@/server/authz/roles'
import { statusesShownAsOpen, visibleStatus } from '../screening/rules'
import type { ScreeningActor } from '../screening/types'
import Papa from 'papaparse'
import { writeRis } from '@/core/citations/ris-writer'
import { recordFields } from './duplicates'
import { tagsOfRecord, visibleTaggings } from './tags'

export type RecordFilter = 'all' | 'awaiting-me' | 'voted-by-me' | 'open' | 'conflict' | 'included' | 'excluded' | 'duplicates' | 'not-retrieved'

export interface RecordQuery {
  q?: string
  stage: ScreeningStage
  filter: RecordFilter
  importId?: string
  /** records carrying this tag, as the caller may see tags */
  tagId?: string
  sort: 'relevance' | 'year' | 'title' | 'added'
  page: number
  pageSize: number
}

const statusOf: Partial<Record<RecordFilter, ItemStatus>> = { conflict: 'CONFLICT', included: 'INCLUDED', excluded: 'EXCLUDED' }

/** The records a query selects, as the caller may see them (a blinded reviewer cannot filter by conflict). */
async function recordWhere(actor: ScreeningActor, query: Omit<RecordQuery, 'sort' | 'page' | 'pageSize'>) {
  const review = await prisma().review.findUniqueOrThrow({ where: { id: actor.reviewId }, select: { blindScreening: true, votesRequired: true } })
  const canResolve = can(actor.role, 'screening.resolve')
  const where: Prisma.SearchRecordWhereInput = { reviewId: actor.reviewId }
  const and: Prisma.SearchRecordWhereInput[] = []
  const q = query.q?.trim()
  if (q) {
    const contains = { contains: q, mode: 'insensitive' as const }
    and.push({ OR: [{ title: contains }, { abstract: contains }, { journal: contains }, { doi: contains }, { pmid: q }, { authors: { has: q } }] })
  }
  if (query.importId) and.push({ importId: query.importId })
  if (query.tagId) and.push({ tags: { some: { AND: [{ tagId: query.tagId }, visibleTaggings(actor, review.blindScreening)] } } })
  const stage = query.stage
  const status = statusOf[query.filter]
  // blinding: a reviewer who does not resolve conflicts sees them as open, in the filters as in the statuses
  if (query.filter === 'conflict' && review.blindScreening && !canResolve) and.push({ id: { in: [] } })
  else if (query.filter === 'open') and.push({ items: { some: { stage, status: { in: statusesShownAsOpen(review.blindScreening, canResolve) } } } })
  else if (status) and.push({ items: { some: { stage, status } } })
  if (query.filter === 'awaiting-me') and.push({ items: { some: { stage, status: 'OPEN', voteCount: { lt: review.votesRequired }, votes: { none: { reviewerId: actor.userId } } } } })
  if (query.filter === 'voted-by-me') and.push({ items: { some: { stage, votes: { some: { reviewerId: actor.userId } } } } })
  // Removed and suspected duplicates have no screening item; they are listed under their own filter only.
  if (query.filter === 'duplicates') and.push({ items: { none: {} } })
  else and.push({ items: { some: { stage: 'TITLE_ABSTRACT' } } })
  if (query.filter === 'not-retrieved') and.push({ notRetrieved: true })
  if (and.length) where.AND = and
  return { where, review, canResolve }
}

export async function searchRecords(actor: ScreeningActor, query: RecordQuery) {
  const db = prisma()
  const { where, review, canResolve } = await recordWhere(actor, query)
  const select = {
    id: true,
    title: true,
    authors: true,
    year: true,
    journal: true,
    doi: true,
    duplicateGroupId: true,
    notRetrieved: true,
    importBatch: { select: { source: true } },
    items: { select: { stage: true, status: true, relevance: true, votes: { where: { reviewerId: actor.userId }, select: { decision: true } } } },
    tags: { where: visibleTaggings(actor, review.blindScreening), select: { userId: true, tag: { select: { id: true, name: true } } } },
  } as const
  const skip = (query.page - 1) * query.pageSize
  const byRelevance = query.sort === 'relevance' && query.filter !== 'duplicates'
  const [total, page] = await Promise.all([
    db.searchRecord.count({ where }),
    byRelevance
      ? // Relevance lives on the title/abstract screening item: page through the items, then load their records.
        db.screeningItem
          .findMany({
            where: { reviewId: actor.reviewId, stage: 'TITLE_ABSTRACT', record: where },
            orderBy: [{ relevance: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
            skip,
            take: query.pageSize,
            select: { recordId: true },
          })
          .then(async (items) => {
            const records = await db.searchRecord.findMany({ where: { id: { in: items.map((i) => i.recordId) } }, select })
            const byId = new Map(records.map((r) => [r.id, r]))
            return items.map((i) => byId.get(i.recordId)!)
          })
      : db.searchRecord.findMany({
          where,
          orderBy: [query.sort === 'year' ? { year: { sort: 'desc', nulls: 'last' } } : query.sort === 'title' ? { title: 'asc' } : { createdAt: 'asc' }, { id: 'asc' }],
          skip,
          take: query.pageSize,
          select,
        }),
  ])
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    records: page.map((r) => {
      const stageState = (s: ScreeningStage) => {
        const item = r.items.find((i) => i.stage === s)
        return item ? { status: visibleStatus(item.status, review.blindScreening, canResolve), myVote: item.votes[0]?.decision ?? null } : null
      }
      return {
        id: r.id,
        title: r.title,
        authors: r.authors.slice(0, 3),
        moreAuthors: Math.max(0, r.authors.length - 3),
        year: r.year,
        journal: r.journal,
        doi: r.doi,
        source: r.importBatch.source,
        duplicate: r.items.length === 0,
        notRetrieved: r.notRetrieved,
        relevance: r.items.find((i) => i.stage === 'TITLE_ABSTRACT')?.relevance || null,
        titleAbstract: stageState('TITLE_ABSTRACT'),
        fullText: stageState('FULL_TEXT'),
        tags: tagsOfRecord(r.tags, actor),
      }
    }),
  }
}

/**
 * Every record a filter selects (the records page's filters and search, as the caller sees them), as
 * RIS for a reference manager or CSV for a spreadsheet: read in batches, so a filter of 50,000 records
 * is not held at once. No votes or decisions are written: the export is of bibliographic records.
 */
export async function* exportRecords(actor: ScreeningActor, query: Omit<RecordQuery, 'sort' | 'page' | 'pageSize'>, format: 'ris' | 'csv'): AsyncGenerator<string> {
  const { where } = await recordWhere(actor, query)
  const columns = ['title', 'authors', 'year', 'journal', 'volume', 'issue', 'pages', 'doi', 'pmid', 'abstract', 'keywords', 'source'] as const
  let cursor: string | undefined
  let first = true
  for (;;) {
    const batch = await prisma().searchRecord.findMany({
      where,
      orderBy: { id: 'asc' },
      take: 1000,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { ...recordFields, keywords: true },
    })
    if (batch.length === 0) break
    cursor = batch.at(-1)!.id
    if (format === 'ris') yield writeRis(batch.map((r) => ({ ...r, note: `Ferrite record ${r.id}; source: ${r.importBatch.source}` })))
    else {
      const rows = batch.map((r) => [r.title, r.authors.join('; '), r.year ?? '', r.journal, r.volume, r.issue, r.pages, r.doi, r.pmid, r.abstract, r.keywords.join('; '), r.importBatch.source])
      yield `${Papa.unparse({ fields: first ? [...columns] : [], data: rows }, { escapeFormulae: true, header: first })}\r\n`
    }
    first = false
    if (batch.length < 1000) break
  }
}
