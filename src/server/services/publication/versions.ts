/**
 * Publishing the living review. Version N is an immutable snapshot (the database refuses changes to
 * published versions); the public page shows the latest version, the history, and what changed since
 * the version before (studies added or removed, estimates before and after).
 */
import { prisma } from '@/server/db/client'
import { AppError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import { publishChange } from '@/server/live/changes'
import type { ScreeningActor } from '../screening/types'
import { buildSnapshot, type Snapshot } from './snapshot'
import { prismaCounts, type PreviousVersion } from './prisma-counts'

const reportsOf = (s: Snapshot) => s.studies.reduce((n, x) => n + x.reports.length, 0)

export async function latestPublication(reviewId: string) {
  const v = await prisma().reviewVersion.findFirst({ where: { reviewId }, orderBy: { number: 'desc' } })
  if (!v) return null
  const snapshot = v.snapshot as unknown as Snapshot
  const previousForCounts: PreviousVersion = { publishedAt: v.publishedAt, studyIds: snapshot.studies.map((s) => s.id), reports: reportsOf(snapshot) }
  return { ...v, snapshot, previousForCounts }
}

/**
 * The PRISMA 2020 counts for the whole review, or since the latest published version (the template for
 * updated reviews). Without a scope: the update template once searches have been added since the latest
 * version, else the whole review.
 */
export async function prismaFlow(reviewId: string, scope?: 'update' | 'whole') {
  const latest = scope === 'whole' ? null : await latestPublication(reviewId)
  const update = latest && (scope === 'update' || (await prisma().importBatch.count({ where: { reviewId, createdAt: { gt: latest.publishedAt } } })) > 0)
  const previous = update ? latest.previousForCounts : undefined
  return { scope: previous ? ('update' as const) : ('whole' as const), ...(await prismaCounts(reviewId, previous)) }
}

/** What changed from one version to the next: studies added and removed, and each analysis's estimates before and after. */
export function versionChanges(before: Snapshot | null, after: Snapshot) {
  if (!before) return null
  const ids = new Set(before.studies.map((s) => s.id))
  const nowIds = new Set(after.studies.map((s) => s.id))
  type Headline = { kind: 'dta'; sens: readonly number[]; spec: readonly number[]; studies: number } | { kind: 'univariate'; estimate: readonly number[]; studies: number } | null
  const headline = (a: Snapshot['analyses'][number] | undefined): Headline => {
    if (!a?.summary) return null
    return a.summary.kind === 'dta'
      ? { kind: 'dta', sens: a.summary.sens, spec: a.summary.spec, studies: a.summary.studies }
      : { kind: 'univariate', estimate: a.summary.estimate, studies: a.summary.studies }
  }
  return {
    studiesAdded: after.studies.filter((s) => !ids.has(s.id)).map((s) => s.label),
    studiesRemoved: before.studies.filter((s) => !nowIds.has(s.id)).map((s) => s.label),
    estimates: after.analyses.map((a) => ({ analysis: a.name, before: headline(before.analyses.find((b) => b.id === a.id)), after: headline(a) })),
  }
}

export async function publishVersion(actor: ScreeningActor, input: { notes: string; nextSearchDate: Date | null }) {
  const previous = await latestPublication(actor.reviewId)
  const snapshot = await buildSnapshot(actor.reviewId, previous?.previousForCounts)
  if (snapshot.studies.length === 0) throw new AppError('PRECONDITION_FAILED', 'A version needs at least one included study.')
  const changes = versionChanges(previous?.snapshot ?? null, snapshot)
  const number = (previous?.number ?? 0) + 1
  const version = await prisma().$transaction(async (tx) => {
    // two leads publishing at once: the second waits here, then finds the number taken and is told so
    await tx.$queryRaw`SELECT id FROM "Review" WHERE id = ${actor.reviewId} FOR UPDATE`
    const latest = await tx.reviewVersion.findFirst({ where: { reviewId: actor.reviewId }, orderBy: { number: 'desc' }, select: { number: true } })
    if ((latest?.number ?? 0) !== number - 1)
      throw new AppError('CONFLICT', `Version ${latest!.number} was published a moment ago by someone else. Look at what it holds, then publish again if there is more to add.`)
    const created = await tx.reviewVersion.create({
      data: {
        reviewId: actor.reviewId,
        number,
        notes: input.notes.trim(),
        nextSearchDate: input.nextSearchDate,
        snapshot: JSON.parse(JSON.stringify({ ...snapshot, changes, previousNumber: previous?.number ?? null })),
        publishedById: actor.userId,
      },
      select: { id: true, number: true, publishedAt: true },
    })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'review.published', entity: 'ReviewVersion', entityId: created.id, after: { number, notes: input.notes, studies: snapshot.studies.length } })
    return created
  })
  publishChange(actor.reviewId, 'versions')
  return version
}

/** What publishing now would change since the latest version (nothing is written). */
export async function previewPublication(reviewId: string) {
  const previous = await latestPublication(reviewId)
  if (!previous) return null
  const draft = await buildSnapshot(reviewId, previous.previousForCounts)
  return { since: previous.number, changes: versionChanges(previous.snapshot, draft)! }
}

export async function listVersions(reviewId: string) {
  return prisma().reviewVersion.findMany({ where: { reviewId }, orderBy: { number: 'desc' }, select: { id: true, number: true, notes: true, publishedAt: true, nextSearchDate: true, publishedBy: { select: { name: true } } } })
}

/** For the public page: a published version (the latest unless a number is given), by the review's slug. */
export async function publicVersion(slug: string, number?: number) {
  const review = await prisma().review.findUnique({ where: { slug }, select: { id: true, title: true } })
  if (!review) throw notFound('Review')
  const versions = await prisma().reviewVersion.findMany({ where: { reviewId: review.id }, orderBy: { number: 'desc' }, select: { number: true, notes: true, publishedAt: true, nextSearchDate: true } })
  if (!versions.length) throw notFound('Published version')
  const wanted = number ?? versions[0]!.number
  const v = await prisma().reviewVersion.findUnique({ where: { reviewId_number: { reviewId: review.id, number: wanted } }, select: { number: true, notes: true, publishedAt: true, nextSearchDate: true, snapshot: true } })
  if (!v) throw notFound('Version')
  return { ...v, snapshot: v.snapshot as unknown as Snapshot & { changes: ReturnType<typeof versionChanges>; previousNumber: number | null }, versions, latest: versions[0]!.number }
}
