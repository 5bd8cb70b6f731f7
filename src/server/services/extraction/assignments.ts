/** Who enters which study with which form: two people per study for dual extraction or rating. */
import 'server-only'
import { prisma } from '@/server/db/client'
import { can } from '@/server/authz/roles'
import { AppError, fieldError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import type { ScreeningActor } from '../screening/types'

export async function assignStudy(actor: ScreeningActor, studyId: string, formId: string, userIds: string[]) {
  const wanted = [...new Set(userIds)]
  if (wanted.length > 2) throw fieldError('userIds', 'Assign one or two people.')
  return prisma().$transaction(async (tx) => {
    const [study, form] = await Promise.all([tx.study.findFirst({ where: { id: studyId, reviewId: actor.reviewId } }), tx.form.findFirst({ where: { id: formId, reviewId: actor.reviewId } })])
    if (!study || !form) throw notFound('Study or form')
    const members = await tx.membership.findMany({ where: { reviewId: actor.reviewId, userId: { in: wanted } }, select: { userId: true, role: true } })
    for (const id of wanted) {
      const m = members.find((x) => x.userId === id)
      if (!m || !can(m.role, 'extraction.enter')) throw fieldError('userIds', 'Only members who can extract (reviewers, leads, owners) can be assigned.')
    }
    const current = await tx.studyAssignment.findMany({ where: { studyId, formId } })
    const removed = current.filter((a) => !wanted.includes(a.userId))
    if (removed.length && (await tx.formEntry.count({ where: { studyId, formId, userId: { in: removed.map((r) => r.userId) } } })))
      throw new AppError('PRECONDITION_FAILED', 'Someone being unassigned has already started this study’s entry; their work would be hidden.')
    await tx.studyAssignment.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } })
    for (const userId of wanted.filter((id) => !current.some((a) => a.userId === id))) await tx.studyAssignment.create({ data: { studyId, formId, userId } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'study.assigned',
      entity: 'Study',
      entityId: studyId,
      before: { formId, userIds: current.map((a) => a.userId) },
      after: { formId, userIds: wanted },
    })
    return { userIds: wanted }
  })
}

/** Gives every study two people for the form, spreading the work evenly among those who can extract. */
export async function autoAssign(actor: ScreeningActor, formId: string) {
  const db = prisma()
  const form = await db.form.findFirst({ where: { id: formId, reviewId: actor.reviewId } })
  if (!form) throw notFound('Form')
  const members = (await db.membership.findMany({ where: { reviewId: actor.reviewId }, select: { userId: true, role: true } })).filter((m) => can(m.role, 'extraction.enter'))
  if (members.length < 2) throw new AppError('PRECONDITION_FAILED', 'Dual entry needs at least two members who can extract.')
  const studies = await db.study.findMany({ where: { reviewId: actor.reviewId }, orderBy: { label: 'asc' }, select: { id: true, assignments: { where: { formId }, select: { userId: true } } } })
  const load = new Map(members.map((m) => [m.userId, 0]))
  for (const s of studies) for (const a of s.assignments) load.set(a.userId, (load.get(a.userId) ?? 0) + 1)
  let assigned = 0
  for (const s of studies) {
    const have = s.assignments.map((a) => a.userId)
    const pick = [...load.entries()]
      .filter(([id]) => !have.includes(id))
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, Math.max(0, 2 - have.length))
      .map(([id]) => id)
    if (!pick.length) continue
    await assignStudy(actor, s.id, formId, [...have, ...pick])
    for (const id of pick) load.set(id, (load.get(id) ?? 0) + 1)
    assigned++
  }
  return { studies: assigned }
}

/** The studies the caller is assigned to, per form, with how far each entry has got. */
export async function myAssignments(actor: ScreeningActor) {
  const rows = await prisma().studyAssignment.findMany({
    where: { userId: actor.userId, study: { reviewId: actor.reviewId } },
    select: {
      form: { select: { id: true, name: true, kind: true } },
      study: { select: { id: true, label: true, entries: { select: { userId: true, status: true, formId: true } }, assignments: { select: { formId: true, userId: true } } } },
    },
    orderBy: { study: { label: 'asc' } },
  })
  return rows.map((r) => {
    const assignees = r.study.assignments.filter((a) => a.formId === r.form.id).map((a) => a.userId)
    const entries = r.study.entries.filter((e) => e.formId === r.form.id && assignees.includes(e.userId))
    return {
      study: { id: r.study.id, label: r.study.label },
      form: r.form,
      myStatus: entries.find((e) => e.userId === actor.userId)?.status ?? 'NOT_STARTED',
      allSubmitted: entries.filter((e) => e.status === 'SUBMITTED').length === assignees.length,
    }
  })
}
