/**
 * The overview's dashboard: how far the review has come at each stage, and what is waiting for the
 * person looking (records to screen, entries to submit, and, for leads, conflicts and duplicates to
 * decide). Counts only, and only what the person may see: a blinded reviewer gets no conflict counts.
 */
import 'server-only'
import { can } from '@/server/authz/roles'
import { prisma } from '@/server/db/client'
import { screeningProgress } from './screening/queue'
import type { ScreeningActor } from './screening/types'

export async function reviewDashboard(actor: ScreeningActor) {
  const db = prisma()
  const { reviewId, userId } = actor
  const [records, duplicates, ta, ft, studies, extracted, agreed, assignments, submitted, pendingDuplicates] = await Promise.all([
    db.searchRecord.count({ where: { reviewId } }),
    db.searchRecord.count({ where: { reviewId, duplicateGroup: { status: { in: ['AUTO', 'CONFIRMED'] } }, NOT: { primaryOf: { some: {} } } } }),
    screeningProgress(actor, 'TITLE_ABSTRACT'),
    screeningProgress(actor, 'FULL_TEXT'),
    db.study.count({ where: { reviewId } }),
    db.study.count({ where: { reviewId, entries: { some: { status: 'SUBMITTED' } } } }),
    db.study.count({ where: { reviewId, consensus: { some: {} } } }),
    db.studyAssignment.findMany({ where: { userId, study: { reviewId } }, select: { studyId: true, formId: true } }),
    db.formEntry.findMany({ where: { userId, status: 'SUBMITTED', study: { reviewId } }, select: { studyId: true, formId: true } }),
    can(actor.role, 'duplicates.resolve') ? db.duplicateGroup.count({ where: { reviewId, status: 'PENDING' } }) : Promise.resolve(null),
  ])
  const done = new Set(submitted.map((e) => `${e.studyId}:${e.formId}`))
  const canVote = can(actor.role, 'screening.vote')
  return {
    stages: {
      imported: records,
      duplicatesRemoved: duplicates,
      titleAbstract: { total: ta.total, decided: ta.included + ta.excluded, included: ta.included },
      fullText: { total: ft.total, decided: ft.included + ft.excluded, included: ft.included },
      studies,
      extracted,
      agreed,
    },
    tasks: {
      toScreen: canVote ? { titleAbstract: ta.availableToMe, fullText: ft.availableToMe } : null,
      entriesToSubmit: assignments.filter((a) => !done.has(`${a.studyId}:${a.formId}`)).length,
      conflicts: can(actor.role, 'screening.resolve') ? { titleAbstract: ta.conflicts ?? 0, fullText: ft.conflicts ?? 0 } : null,
      duplicatesToCheck: pendingDuplicates,
    },
  }
}
