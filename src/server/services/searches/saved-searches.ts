/**
 * Saved database searches of a review: what the team searches, on which service, how often. Leads
 * save, reschedule and archive them; every member sees them and their runs (the search strategy is
 * part of the methods, not blinded data).
 */
import 'server-only'
import { z } from 'zod'
import { scheduleDays, scheduleSchema, searchServices, serviceDateFields, type SearchSchedule } from '@/core/searches/search-spec'
import { prisma } from '@/server/db/client'
import { AppError, fieldError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'

export const savedSearchInput = z.object({
  service: z.enum(searchServices),
  query: z.string().trim().min(1, 'Write the query').max(20_000, 'The query is longer than 20,000 characters'),
  dateField: z.string().max(40).default(''),
  publicationTypes: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD')
    .nullable()
    .default(null),
  schedule: scheduleSchema.default(null),
})
export type SavedSearchInput = z.input<typeof savedSearchInput>

type Actor = { userId: string; reviewId: string }

function checkDateField(service: (typeof searchServices)[number], dateField: string) {
  if (dateField && !(dateField in serviceDateFields[service].options))
    throw fieldError('dateField', `${dateField} is not a date field of this service: use ${Object.keys(serviceDateFields[service].options).join(', ')}`)
}

export async function createSavedSearch(actor: Actor, raw: SavedSearchInput, now = new Date()) {
  const input = savedSearchInput.parse(raw)
  checkDateField(input.service, input.dateField)
  return prisma().$transaction(async (tx) => {
    const search = await tx.savedSearch.create({
      data: {
        reviewId: actor.reviewId,
        service: input.service,
        query: input.query,
        dateField: input.dateField,
        publicationTypes: input.publicationTypes,
        since: input.since ? new Date(`${input.since}T00:00:00Z`) : null,
        everyDays: input.schedule ? scheduleDays(input.schedule) : null,
        nextRunAt: input.schedule ? new Date(now.getTime() + scheduleDays(input.schedule) * 86_400_000) : null,
        createdById: actor.userId,
      },
    })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'search.saved', entity: 'SavedSearch', entityId: search.id, after: input })
    return search
  })
}

async function ownSearch(actor: Actor, searchId: string) {
  const search = await prisma().savedSearch.findFirst({ where: { id: searchId, reviewId: actor.reviewId } })
  if (!search) throw notFound('Saved search')
  return search
}

/** A new schedule counts from now; archiving stops the schedule (runs and records stay). */
export async function updateSavedSearch(actor: Actor, searchId: string, patch: { schedule?: SearchSchedule; archived?: boolean }, now = new Date()) {
  const search = await ownSearch(actor, searchId)
  const everyDays = patch.schedule === undefined ? search.everyDays : patch.schedule ? scheduleDays(patch.schedule) : null
  const archived = patch.archived ?? search.archived
  const nextRunAt = archived || !everyDays ? null : patch.schedule !== undefined || search.archived ? new Date(now.getTime() + everyDays * 86_400_000) : search.nextRunAt
  return prisma().$transaction(async (tx) => {
    const updated = await tx.savedSearch.update({ where: { id: search.id }, data: { everyDays, archived, nextRunAt } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'search.updated',
      entity: 'SavedSearch',
      entityId: search.id,
      before: { everyDays: search.everyDays, archived: search.archived },
      after: { everyDays, archived },
    })
    return updated
  })
}

export async function listSavedSearches(reviewId: string) {
  const searches = await prisma().savedSearch.findMany({
    where: { reviewId },
    orderBy: [{ archived: 'asc' }, { createdAt: 'asc' }],
    include: {
      createdBy: { select: { name: true } },
      runs: { orderBy: { queuedAt: 'desc' }, take: 1 },
    },
  })
  const lastDone = await prisma().searchRun.groupBy({ by: ['savedSearchId'], where: { reviewId, status: 'DONE' }, _max: { finishedAt: true, windowTo: true } })
  const done = new Map(lastDone.map((d) => [d.savedSearchId, d._max]))
  return searches.map(({ runs, ...s }) => ({
    ...s,
    latestRun: runs[0] ?? null,
    lastCompletedAt: done.get(s.id)?.finishedAt ?? null,
    searchedUpTo: done.get(s.id)?.windowTo ?? null,
  }))
}

export async function listRuns(reviewId: string, searchId?: string) {
  return prisma().searchRun.findMany({
    where: { reviewId, ...(searchId ? { savedSearchId: searchId } : {}) },
    orderBy: { queuedAt: 'desc' },
    take: 100,
    include: { requestedBy: { select: { name: true } }, savedSearch: { select: { service: true, query: true } } },
  })
}

/** Refuses to queue work for an archived search. */
export async function searchToRun(actor: Actor, searchId: string) {
  const search = await ownSearch(actor, searchId)
  if (search.archived) throw new AppError('PRECONDITION_FAILED', 'This search is archived: restore it to run it')
  return search
}

/**
 * What the overview says about keeping the review current: records that entered title/abstract
 * screening since the latest published version (from searches and imports alike), and when the
 * saved searches last completed.
 */
export async function livingStatus(reviewId: string) {
  const db = prisma()
  const [latest, lastRun] = await Promise.all([
    db.reviewVersion.findFirst({ where: { reviewId }, orderBy: { number: 'desc' }, select: { number: true, publishedAt: true } }),
    db.searchRun.findFirst({ where: { reviewId, status: 'DONE' }, orderBy: { finishedAt: 'desc' }, select: { finishedAt: true } }),
  ])
  const newRecords = await db.screeningItem.count({
    where: { reviewId, stage: 'TITLE_ABSTRACT', ...(latest ? { record: { importBatch: { createdAt: { gt: latest.publishedAt } } } } : {}) },
  })
  return { latestVersion: latest?.number ?? null, publishedAt: latest?.publishedAt ?? null, newRecords: latest ? newRecords : null, lastSearchedAt: lastRun?.finishedAt ?? null }
}
