/**
 * Publishing the living review. Version N is an immutable snapshot (the database refuses changes to
 * published versions); the public page shows the latest version, the history, and what changed since
 * the version before (studies added or removed, estimates before and after).
 */
import 'server-only'
import { z } from 'zod'
import { listAnalyses } from '../analysis/analyses'
import { analysisSpecSchema } from '@/core/analysis/spec'
import { prisma } from '@/server/db/client'
import { AppError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import { publishChange } from '@/server/live/changes'
import type { ScreeningActor } from '../screening/types'
import { buildSnapshot } from './snapshot'
import { snapshotSchema, withCurrentKeys, type Snapshot } from './snapshot-schema'
import { prismaFlowCounts, type PreviousVersion } from './prisma-flow-counts'

const reportsOf = (s: Snapshot) => s.studies.reduce((n, x) => n + x.reports.length, 0)

/** A stored snapshot, parsed; null when it does not have the shape Ferrite writes (it is then not shown). */
export function readSnapshot(raw: unknown): Snapshot | null {
  const parsed = snapshotSchema.safeParse(withCurrentKeys(raw))
  return parsed.success ? parsed.data : null
}

export async function latestPublication(reviewId: string) {
  const v = await prisma().reviewVersion.findFirst({ where: { reviewId }, orderBy: { number: 'desc' } })
  if (!v) return null
  const snapshot = readSnapshot(v.snapshot)
  if (!snapshot) throw new AppError('PRECONDITION_FAILED', `Version ${v.number} of this review cannot be read (its stored data are not in the form Ferrite writes).`)
  const counts: PreviousVersion = { publishedAt: v.publishedAt, studyIds: snapshot.studies.map((s) => s.id), reports: reportsOf(snapshot) }
  return { ...v, snapshot, previous: { counts, snapshot, number: v.number } }
}

/**
 * Each analysis with how it stands against the latest published version: 'new' (not in it), 'changed'
 * (its name or settings differ from the published ones) or 'published' (as published); `since` is that
 * version's number, null before the first version (or when it cannot be read: the page says nothing).
 */
export async function analysesSincePublication(reviewId: string) {
  // Only the latest version's analyses (name and settings) are read, not the whole snapshot with its studies and data.
  const [analyses, [latest]] = await Promise.all([
    listAnalyses(reviewId),
    prisma().$queryRaw<{ number: number; analyses: unknown }[]>`
      SELECT number, snapshot -> 'analyses' AS analyses FROM "ReviewVersion" WHERE "reviewId" = ${reviewId} ORDER BY number DESC LIMIT 1`,
  ])
  const parsed = latest ? publishedAnalysesSchema.safeParse(latest.analyses) : null
  return analyses.map((a) => {
    if (!latest || !parsed?.success) return { ...a, since: null, publication: null }
    const published = parsed.data.find((p) => p.id === a.id)
    const publication = !published ? 'new' : published.name !== a.name || JSON.stringify(published.spec) !== JSON.stringify(a.spec) ? 'changed' : 'published'
    return { ...a, since: latest.number, publication: publication as 'new' | 'changed' | 'published' }
  })
}

/** The name and settings of each analysis in a stored version (the rest of each entry is not needed here). */
const publishedAnalysesSchema = z.array(z.object({ id: z.string(), name: z.string(), spec: analysisSpecSchema }))

/**
 * The PRISMA 2020 counts for the whole review, or since the latest published version (the template for
 * updated reviews). Without a scope: the update template once searches have been added since the latest
 * version, else the whole review.
 */
export async function prismaFlow(reviewId: string, scope?: 'update' | 'whole') {
  const latest = scope === 'whole' ? null : await latestPublication(reviewId)
  const update = latest && (scope === 'update' || (await prisma().importBatch.count({ where: { reviewId, createdAt: { gt: latest.publishedAt } } })) > 0)
  const previous = update ? latest.previous.counts : undefined
  return { scope: previous ? ('update' as const) : ('whole' as const), ...(await prismaFlowCounts(reviewId, previous)) }
}

export async function publishVersion(actor: ScreeningActor, input: { notes: string; nextSearchDate: Date | null }) {
  const latest = await latestPublication(actor.reviewId)
  const snapshot = await buildSnapshot(actor.reviewId, latest?.previous)
  if (snapshot.studies.length === 0) throw new AppError('PRECONDITION_FAILED', 'A version needs at least one included study.')
  const number = (latest?.number ?? 0) + 1
  const version = await prisma().$transaction(async (tx) => {
    // two leads publishing at once: the second waits here, then finds the number taken and is told so
    await tx.$queryRaw`SELECT id FROM "Review" WHERE id = ${actor.reviewId} FOR UPDATE`
    const now = await tx.reviewVersion.findFirst({ where: { reviewId: actor.reviewId }, orderBy: { number: 'desc' }, select: { number: true } })
    if ((now?.number ?? 0) !== number - 1)
      throw new AppError('CONFLICT', `Version ${now!.number} was published a moment ago by someone else. Look at what it holds, then publish again if there is more to add.`)
    const created = await tx.reviewVersion.create({
      data: { reviewId: actor.reviewId, number, notes: input.notes.trim(), nextSearchDate: input.nextSearchDate, snapshot: JSON.parse(JSON.stringify(snapshot)), publishedById: actor.userId },
      select: { id: true, number: true, publishedAt: true },
    })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'review.published',
      entity: 'ReviewVersion',
      entityId: created.id,
      after: { number, notes: input.notes, studies: snapshot.studies.length },
    })
    return created
  })
  publishChange(actor.reviewId, 'versions')
  return version
}

/** What publishing now would change since the latest version (nothing is written). */
export async function previewPublication(reviewId: string) {
  const latest = await latestPublication(reviewId)
  if (!latest) return null
  const draft = await buildSnapshot(reviewId, latest.previous)
  return { since: latest.number, changes: draft.changes! }
}

export async function listVersions(reviewId: string) {
  return prisma().reviewVersion.findMany({
    where: { reviewId },
    orderBy: { number: 'desc' },
    select: { id: true, number: true, notes: true, publishedAt: true, nextSearchDate: true, publishedBy: { select: { name: true } } },
  })
}

/**
 * For the public page: a published version (the latest unless a number is given), by the review's slug.
 * `snapshot` is null when the stored data cannot be read; the page then says so.
 */
export async function publicVersion(slug: string, number?: number) {
  const review = await prisma().review.findUnique({ where: { slug }, select: { id: true, title: true } })
  if (!review) throw notFound('Review')
  const versions = await prisma().reviewVersion.findMany({
    where: { reviewId: review.id },
    orderBy: { number: 'desc' },
    select: { number: true, notes: true, publishedAt: true, nextSearchDate: true },
  })
  if (!versions.length) throw notFound('Published version')
  const wanted = number ?? versions[0]!.number
  if (!Number.isInteger(wanted)) throw notFound('Version')
  const v = await prisma().reviewVersion.findUnique({
    where: { reviewId_number: { reviewId: review.id, number: wanted } },
    select: { number: true, notes: true, publishedAt: true, nextSearchDate: true, snapshot: true },
  })
  if (!v) throw notFound('Version')
  return { ...v, reviewId: review.id, title: review.title, snapshot: readSnapshot(v.snapshot), versions, latest: versions[0]!.number }
}

export interface EstimatePoint {
  version: number
  publishedAt: string
  est: number
  lo: number
  hi: number
  /** diagnostic accuracy: the specificity beside the sensitivity in est/lo/hi */
  spec?: { est: number; lo: number; hi: number }
  studies: number
}

export interface EstimateHistory {
  analysisId: string
  name: string
  kind: 'dta' | 'univariate'
  points: EstimatePoint[]
}

/**
 * Each analysis's headline estimate in every published version, oldest first: a living review's history
 * at a glance. Read from the versions' summaries of findings only (the rest of the snapshots stays in
 * the database); a value that is not a finite number is skipped.
 */
export async function estimateHistory(reviewId: string): Promise<EstimateHistory[]> {
  const rows = await prisma().$queryRaw<{ number: number; publishedAt: Date; analyses: { id: unknown; name: unknown; summary: unknown }[] | null }[]>`
    SELECT number, "publishedAt",
      (SELECT jsonb_agg(jsonb_build_object('id', a->'id', 'name', a->'name', 'summary', a->'summary')) FROM jsonb_array_elements(snapshot->'analyses') a) AS analyses
    FROM "ReviewVersion" WHERE "reviewId" = ${reviewId} ORDER BY number`
  const finite = (...v: unknown[]) => v.every((x) => typeof x === 'number' && Number.isFinite(x))
  const series = new Map<string, EstimateHistory>()
  for (const row of rows)
    for (const a of row.analyses ?? []) {
      const s = a.summary as { kind?: string; sens?: number[]; spec?: number[]; estimate?: number[]; studies?: number } | null
      if (typeof a.id !== 'string' || typeof a.name !== 'string' || !s) continue
      const history = series.get(a.id) ?? { analysisId: a.id, name: a.name, kind: s.kind === 'dta' ? 'dta' : 'univariate', points: [] }
      history.name = a.name
      const base = { version: row.number, publishedAt: row.publishedAt.toISOString(), studies: typeof s.studies === 'number' ? s.studies : 0 }
      if (s.kind === 'dta' && s.sens && s.spec && finite(...s.sens, ...s.spec))
        history.points.push({ ...base, est: s.sens[0]!, lo: s.sens[1]!, hi: s.sens[2]!, spec: { est: s.spec[0]!, lo: s.spec[1]!, hi: s.spec[2]! } })
      else if (s.kind === 'univariate' && s.estimate && finite(...s.estimate)) history.points.push({ ...base, est: s.estimate[0]!, lo: s.estimate[1]!, hi: s.estimate[2]! })
      series.set(a.id, history)
    }
  return [...series.values()].filter((h) => h.points.length > 0)
}
