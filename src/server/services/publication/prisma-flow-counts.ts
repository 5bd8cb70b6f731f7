/**
 * The PRISMA 2020 flow diagram's numbers, counted from the records and decisions (never typed in).
 * For an updated review (a version after the first), the identification and screening boxes count the
 * searches imported since the previous version, and the previous version's studies and reports feed the
 * totals, as the template for updated reviews has it.
 */
import 'server-only'
import type { PrismaFlowCounts } from '@/core/prisma-flow/prisma-flow-counts'
import { checkPrismaFlowCounts } from '@/core/prisma-flow/check-prisma-flow-counts'
import { prisma } from '@/server/db/client'

export interface PreviousVersion {
  publishedAt: Date
  studyIds: string[]
  reports: number
}

export async function prismaFlowCounts(reviewId: string, previous?: PreviousVersion) {
  const db = prisma()
  const imports = await db.importBatch.findMany({
    where: { reviewId, ...(previous ? { createdAt: { gt: previous.publishedAt } } : {}) },
    select: { id: true, source: true, sourceKind: true, recordCount: true },
  })
  const main = imports.filter((i) => i.sourceKind !== 'other').map((i) => i.id)
  const other = imports.filter((i) => i.sourceKind === 'other').map((i) => i.id)
  const bySource = (kind: string) => {
    const totals = new Map<string, number>()
    for (const i of imports.filter((x) => x.sourceKind === kind)) totals.set(i.source, (totals.get(i.source) ?? 0) + i.recordCount)
    return [...totals].map(([name, n]) => ({ name, n })).sort((a, b) => b.n - a.n || a.name.localeCompare(b.name))
  }
  const items = (importIds: string[], stage: 'TITLE_ABSTRACT' | 'FULL_TEXT') =>
    db.screeningItem.groupBy({ by: ['status'], where: { reviewId, stage, record: { importId: { in: importIds } } }, _count: { _all: true } })
  const count = (groups: { status: string; _count: { _all: number } }[], ...statuses: string[]) => groups.filter((g) => statuses.includes(g.status)).reduce((s, g) => s + g._count._all, 0)
  const fullText = async (importIds: string[]) => {
    const [ft, notRetrieved, reasons] = await Promise.all([
      items(importIds, 'FULL_TEXT'),
      db.screeningItem.count({ where: { reviewId, stage: 'FULL_TEXT', status: 'OPEN', record: { importId: { in: importIds }, notRetrieved: true } } }),
      db.screeningItem.groupBy({ by: ['exclusionReasonId'], where: { reviewId, stage: 'FULL_TEXT', status: 'EXCLUDED', record: { importId: { in: importIds } } }, _count: { _all: true } }),
    ])
    const labels = new Map((await db.exclusionReason.findMany({ where: { reviewId } })).map((r) => [r.id, r.label]))
    const sought = count(ft, 'OPEN', 'CONFLICT', 'INCLUDED', 'EXCLUDED')
    return {
      sought,
      notRetrieved,
      assessed: sought - notRetrieved,
      undecided: count(ft, 'OPEN', 'CONFLICT') - notRetrieved,
      excluded: reasons.map((r) => ({ reason: (r.exclusionReasonId && labels.get(r.exclusionReasonId)) || 'No reason recorded', n: r._count._all })).sort((a, b) => b.n - a.n),
    }
  }
  const [records, screened, ta, ft, otherFt, studies, reports] = await Promise.all([
    db.searchRecord.count({ where: { reviewId, importId: { in: main } } }),
    db.searchRecord.count({ where: { reviewId, importId: { in: main }, items: { some: { stage: 'TITLE_ABSTRACT' } } } }),
    items(main, 'TITLE_ABSTRACT'),
    fullText(main),
    other.length ? fullText(other) : null,
    db.study.findMany({ where: { reviewId }, select: { id: true } }),
    db.studyReport.count({ where: { study: { reviewId }, ...(previous ? { record: { importId: { in: imports.map((i) => i.id) } } } : {}) } }),
  ])
  const newStudies = previous ? studies.filter((s) => !previous.studyIds.includes(s.id)).length : studies.length
  const counts: PrismaFlowCounts = {
    identification: { databases: bySource('database'), registers: bySource('register'), duplicatesRemoved: records - screened, automationRemoved: 0, otherRemoved: 0 },
    screening: {
      recordsScreened: screened,
      recordsExcluded: count(ta, 'EXCLUDED'),
      reportsSought: ft.sought,
      reportsNotRetrieved: ft.notRetrieved,
      reportsAssessed: ft.assessed,
      reportsExcluded: ft.excluded,
    },
    included: { studies: newStudies, reports },
    ...(previous ? { previous: { studies: previous.studyIds.length, reports: previous.reports } } : {}),
    ...(otherFt
      ? { otherMethods: { sources: bySource('other'), reportsSought: otherFt.sought, reportsNotRetrieved: otherFt.notRetrieved, reportsAssessed: otherFt.assessed, reportsExcluded: otherFt.excluded } }
      : {}),
  }
  const pending = {
    titleAbstract: count(ta, 'OPEN', 'CONFLICT'),
    fullText: ft.undecided + (otherFt?.undecided ?? 0),
    suspectedDuplicates: await db.duplicateGroup.count({ where: { reviewId, status: 'PENDING' } }),
  }
  // Records still being screened are in no box yet: check the arithmetic as if they had been excluded,
  // so only real inconsistencies are reported while the pending list explains the rest.
  const settled: PrismaFlowCounts = {
    ...counts,
    screening: {
      ...counts.screening,
      recordsExcluded: counts.screening.recordsExcluded + pending.titleAbstract,
      reportsExcluded: [...counts.screening.reportsExcluded, { reason: 'still being assessed', n: ft.undecided }],
    },
    ...(counts.otherMethods && otherFt
      ? { otherMethods: { ...counts.otherMethods, reportsExcluded: [...counts.otherMethods.reportsExcluded, { reason: 'still being assessed', n: otherFt.undecided }] } }
      : {}),
  }
  return { counts, problems: checkPrismaFlowCounts(settled), pending }
}
