/**
 * Studies: a record included at full text becomes a study with that record as its report. Leads link
 * further reports (another paper on the same cohort) to a study, or unlink them into studies of their own.
 */
import 'server-only'
import { prisma, type Tx } from '@/server/db/client'
import { sql, type SqlClient } from '@/server/db/sql'
import { sortableId } from '@/server/db/sortable-id'
import { AppError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import type { ScreeningActor } from '../screening/types'
import { publishChange } from '@/server/live/changes'

/** "Nguyen 2019" from the record's first author and year. */
export function studyLabel(record: { authors: string[]; year: number | null; title: string }): string {
  const surname = record.authors[0]?.split(',')[0]?.trim()
  return [surname || record.title.split(/\s+/).slice(0, 3).join(' '), record.year ?? 'n.d.'].join(' ')
}

/** Called in the transaction that includes a record at full text (screening's, on the driver directly). */
export async function createStudyForRecord(client: SqlClient, reviewId: string, recordId: string) {
  const [record] = await sql<{ authors: string[]; year: number | null; title: string; linked: boolean }>(
    'SELECT r.authors, r.year, r.title, EXISTS (SELECT 1 FROM "StudyReport" s WHERE s."recordId" = r.id) AS linked FROM "SearchRecord" r WHERE r.id = $1',
    [recordId],
    client,
  )
  if (!record) throw notFound('Record')
  if (record.linked) return
  await client.query(
    `WITH study AS (INSERT INTO "Study" (id, "reviewId", label) VALUES ($1, $2, $3) RETURNING id)
     INSERT INTO "StudyReport" (id, "studyId", "recordId") SELECT $4, study.id, $5 FROM study`,
    [sortableId(), reviewId, studyLabel(record), sortableId(), recordId],
  )
}

export async function listStudies(reviewId: string) {
  return prisma().study.findMany({
    where: { reviewId },
    orderBy: [{ label: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      label: true,
      reports: { select: { record: { select: { id: true, title: true, authors: true, year: true, journal: true, doi: true } } }, orderBy: { linkedAt: 'asc' } },
      assignments: { select: { formId: true, user: { select: { id: true, name: true } } } },
      entries: { select: { formId: true, userId: true, status: true } },
      _count: { select: { consensus: true } },
    },
  })
}

async function studyHasData(tx: Tx, studyId: string) {
  const [entries, consensus] = await Promise.all([tx.formEntry.count({ where: { studyId } }), tx.consensusValue.count({ where: { studyId } })])
  return entries + consensus > 0
}

/** Moves a report (record) to another study; a study left without reports (and without data) is removed. */
export async function linkReport(actor: ScreeningActor, studyId: string, recordId: string) {
  await studyChange(actor, (tx) => linkReportIn(tx, actor, studyId, recordId))
}

async function linkReportIn(tx: Tx, actor: ScreeningActor, studyId: string, recordId: string) {
  const target = await tx.study.findFirst({ where: { id: studyId, reviewId: actor.reviewId } })
  const report = await tx.studyReport.findFirst({ where: { recordId, study: { reviewId: actor.reviewId } }, include: { study: { include: { _count: { select: { reports: true } } } } } })
  if (!target || !report) throw notFound('Study or report')
  if (report.studyId === studyId) return
  const emptied = report.study._count.reports === 1
  if (emptied && (await studyHasData(tx, report.studyId))) throw new AppError('PRECONDITION_FAILED', `"${report.study.label}" already has extracted data; it cannot be merged into another study.`)
  await tx.studyReport.update({ where: { id: report.id }, data: { studyId } })
  if (emptied) await tx.study.delete({ where: { id: report.studyId } })
  await recordAudit(tx, {
    reviewId: actor.reviewId,
    actorId: actor.userId,
    action: 'study.report_linked',
    entity: 'Study',
    entityId: studyId,
    before: { studyId: report.studyId, recordId },
    after: { studyId, recordId },
  })
}

/** Runs a change of the review's studies in a transaction, then tells live pages (analyses change with studies). */
async function studyChange<T>(actor: ScreeningActor, change: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await prisma().$transaction(change)
  publishChange(actor.reviewId, 'studies')
  return result
}

export async function unlinkReport(actor: ScreeningActor, recordId: string) {
  return studyChange(actor, async (tx) => {
    const report = await tx.studyReport.findFirst({
      where: { recordId, study: { reviewId: actor.reviewId } },
      include: { study: { include: { _count: { select: { reports: true } } } }, record: true },
    })
    if (!report) throw notFound('Report')
    if (report.study._count.reports === 1) throw new AppError('PRECONDITION_FAILED', 'This is the study’s only report.')
    const study = await tx.study.create({ data: { reviewId: actor.reviewId, label: studyLabel(report.record) } })
    await tx.studyReport.update({ where: { id: report.id }, data: { studyId: study.id } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'study.report_unlinked',
      entity: 'Study',
      entityId: study.id,
      before: { studyId: report.studyId, recordId },
      after: { studyId: study.id, recordId },
    })
    return study
  })
}

export async function renameStudy(actor: ScreeningActor, studyId: string, label: string) {
  return studyChange(actor, async (tx) => {
    const before = await tx.study.findFirst({ where: { id: studyId, reviewId: actor.reviewId } })
    if (!before) throw notFound('Study')
    const after = await tx.study.update({ where: { id: studyId }, data: { label } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'study.renamed', entity: 'Study', entityId: studyId, before: { label: before.label }, after: { label } })
    return after
  })
}
