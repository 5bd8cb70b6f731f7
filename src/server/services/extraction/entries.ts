/**
 * Dual entry: each assigned person fills in a study's form independently. Blinding is enforced here:
 * an entry's values go to its author only, until every assigned person has submitted; then to the pair
 * and to leads, for comparison and consensus.
 */
import 'server-only'
import type { EntryValues } from '@/core/forms/definition'
import { checkEntry } from '@/core/forms/validate-entry'
import { compareEntries } from '@/core/forms/compare'
import { mergeEntryValues, valuesOutsideForm } from '@/core/forms/merge'
import { prisma, type Tx } from '@/server/db/client'
import { can } from '@/server/authz/roles'
import { AppError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import type { ScreeningActor } from '../screening/types'
import { latestVersion } from './forms'
import { lockStudy, recordAgreements } from './consensus'
import { publishChange } from '@/server/live/changes'

export async function assignmentsOf(tx: Tx, studyId: string, formId: string) {
  return tx.studyAssignment.findMany({ where: { studyId, formId }, select: { userId: true, user: { select: { name: true } } } })
}

/** The caller must be assigned to the study for the form; inside a transaction, the study is locked first (see lockStudy). */
async function requireAssigned(tx: Tx, actor: ScreeningActor, studyId: string, formId: string, lock = false) {
  if (lock) await lockStudy(tx, actor.reviewId, studyId)
  const study = await tx.study.findFirst({ where: { id: studyId, reviewId: actor.reviewId }, select: { id: true, label: true } })
  if (!study) throw notFound('Study')
  const assigned = await tx.studyAssignment.findUnique({ where: { studyId_formId_userId: { studyId, formId, userId: actor.userId } } })
  if (!assigned) throw new AppError('FORBIDDEN', 'You are not assigned to this study for this form.')
  return study
}

/** What values changed between two entries, by path, for the audit trail. */
function changedPaths(definition: Parameters<typeof compareEntries>[0], before: EntryValues, after: EntryValues) {
  return compareEntries(definition, [before, after])
    .filter((c) => c.state === 'differ' || c.state === 'missing')
    .map((c) => ({ path: c.path, before: c.values[0] ?? null, after: c.values[1] ?? null }))
}

/** The caller's entry for a study, with the form's latest version and the study's reports (to read beside it). */
export async function myEntry(actor: ScreeningActor, studyId: string, formId: string) {
  const form = await latestVersion(actor.reviewId, formId)
  const db = prisma()
  await requireAssigned(db, actor, studyId, formId)
  const [entry, study] = await Promise.all([
    db.formEntry.findUnique({ where: { studyId_formId_userId: { studyId, formId, userId: actor.userId } } }),
    db.study.findUniqueOrThrow({
      where: { id: studyId },
      select: {
        id: true,
        label: true,
        reports: {
          select: { record: { select: { id: true, title: true, journal: true, year: true, fullTexts: { select: { id: true, fileName: true }, orderBy: { uploadedAt: 'desc' }, take: 1 } } } },
        },
      },
    }),
  ])
  const values = (entry?.values ?? {}) as EntryValues
  return { form, study, status: entry?.status ?? 'DRAFT', values, kept: valuesOutsideForm(form.definition, values), submittedAt: entry?.submittedAt ?? null, updatedAt: entry?.updatedAt ?? null }
}

export async function saveEntry(actor: ScreeningActor, studyId: string, formId: string, input: unknown, submit: boolean) {
  const form = await latestVersion(actor.reviewId, formId)
  const checked = checkEntry(form.definition, input, { submit })
  if (Object.keys(checked.errors).length)
    throw new AppError(
      'BAD_REQUEST',
      submit ? 'Complete or correct the highlighted fields before submitting.' : 'Some values are not valid.',
      Object.fromEntries(Object.entries(checked.errors).map(([k, v]) => [k, [v]])),
    )
  const result = await prisma().$transaction(async (tx) => {
    await requireAssigned(tx, actor, studyId, formId, true)
    const before = await tx.formEntry.findUnique({ where: { studyId_formId_userId: { studyId, formId, userId: actor.userId } } })
    if (before?.status === 'SUBMITTED') throw new AppError('CONFLICT', 'This entry has been submitted. Reopen it to change it.')
    const kept = mergeEntryValues(form.definition, (before?.values ?? {}) as EntryValues, checked.values)
    const data = { values: kept as object, formVersionId: form.versionId, status: submit ? ('SUBMITTED' as const) : ('DRAFT' as const), submittedAt: submit ? new Date() : null }
    const entry = before ? await tx.formEntry.update({ where: { id: before.id }, data }) : await tx.formEntry.create({ data: { ...data, studyId, formId, userId: actor.userId } })
    const changes = changedPaths(form.definition, (before?.values ?? {}) as EntryValues, kept)
    if (changes.length || submit)
      await recordAudit(tx, {
        reviewId: actor.reviewId,
        actorId: actor.userId,
        action: submit ? 'entry.submitted' : 'entry.saved',
        entity: 'FormEntry',
        entityId: entry.id,
        after: { studyId, formId, version: form.version, changes },
      })
    if (submit) await recordAgreements(tx, actor, studyId, formId)
    return entry
  })
  if (submit) publishChange(actor.reviewId, 'consensus')
  return { status: result.status, updatedAt: result.updatedAt }
}

/** A submitted entry can be reopened by its author while the other entries are not all in. */
export async function reopenEntry(actor: ScreeningActor, studyId: string, formId: string) {
  return prisma().$transaction(async (tx) => {
    await requireAssigned(tx, actor, studyId, formId, true)
    const entry = await tx.formEntry.findUnique({ where: { studyId_formId_userId: { studyId, formId, userId: actor.userId } } })
    if (entry?.status !== 'SUBMITTED') throw new AppError('CONFLICT', 'Only a submitted entry can be reopened.')
    if (await allSubmitted(tx, studyId, formId)) throw new AppError('CONFLICT', 'Every entry is in: differences are now settled in the consensus, not by editing entries.')
    await tx.formEntry.update({ where: { id: entry.id }, data: { status: 'DRAFT', submittedAt: null } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'entry.reopened', entity: 'FormEntry', entityId: entry.id, after: { studyId, formId } })
  })
}

export async function allSubmitted(tx: Tx, studyId: string, formId: string): Promise<boolean> {
  const [assigned, submitted] = await Promise.all([
    tx.studyAssignment.count({ where: { studyId, formId } }),
    tx.formEntry.count({ where: { studyId, formId, status: 'SUBMITTED', user: { assignments: { some: { studyId, formId } } } } }),
  ])
  return assigned > 0 && submitted >= assigned
}

/**
 * The comparison of a study's entries. Before every assigned entry is submitted, nobody sees anyone
 * else's values: the answer lists only who has submitted.
 */
export async function comparison(actor: ScreeningActor, studyId: string, formId: string) {
  const db = prisma()
  const study = await db.study.findFirst({ where: { id: studyId, reviewId: actor.reviewId }, select: { id: true, label: true } })
  if (!study) throw notFound('Study')
  const form = await latestVersion(actor.reviewId, formId)
  const assigned = await assignmentsOf(db, studyId, formId)
  const isAssigned = assigned.some((a) => a.userId === actor.userId)
  if (!isAssigned && !can(actor.role, 'extraction.reconcile')) throw new AppError('FORBIDDEN', 'Only the assigned people and leads see this comparison.')
  const entries = await db.formEntry.findMany({ where: { studyId, formId, userId: { in: assigned.map((a) => a.userId) } }, select: { userId: true, status: true, values: true, submittedAt: true } })
  const people = assigned.map((a) => ({ userId: a.userId, name: a.user.name, status: entries.find((e) => e.userId === a.userId)?.status ?? 'NOT_STARTED' }))
  const open = assigned.length > 0 && people.every((p) => p.status === 'SUBMITTED')
  if (!open) return { study, form, people, open: false as const, fields: null, consensus: null }
  const ordered = assigned.map((a) => (entries.find((e) => e.userId === a.userId)!.values ?? {}) as EntryValues)
  const consensus = await db.consensusValue.findMany({
    where: { studyId, formId },
    select: { path: true, value: true, source: true, decidedAt: true, note: true, decidedBy: { select: { name: true } } },
  })
  return {
    study,
    form,
    people,
    open: true as const,
    /** leads settle the differences; the extractors see them */
    canDecide: can(actor.role, 'extraction.reconcile'),
    fields: compareEntries(form.definition, ordered).map(({ field, ...c }) => ({ ...c, label: field.label, type: field.type })),
    consensus,
  }
}
