/**
 * The PRISMA 2020 counts come from the records and decisions: every box equals the sum of its parts,
 * and each matches the rows it stands for; the updated-review template counts only the new searches.
 */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { importRecords } from '@/server/services/records/import'
import { prismaFlowCounts } from '@/server/services/publication/prisma-flow-counts'
import { latestPublication } from '@/server/services/publication/versions'
import { checkPrismaFlowCounts } from '@/core/prisma-flow/check-prisma-flow-counts'
import { callerFor, reviewWithTeam } from '../helpers/fixtures'
import { bytesChunks } from '../helpers/shared-data'

const ris = (items: { title: string; doi?: string; year?: number }[]) =>
  items.map((r) => `TY  - JOUR\nTI  - ${r.title}\nAU  - ${r.title.split(' ')[0]}son, A.\nPY  - ${r.year ?? 2020}\n${r.doi ? `DO  - ${r.doi}\n` : ''}ER  - \n`).join('\n')

async function importOne(t: Awaited<ReturnType<typeof reviewWithTeam>>, source: string, sourceKind: 'database' | 'register' | 'other', items: { title: string; doi?: string }[]) {
  return importRecords(
    { userId: t.users.lead.id, reviewId: t.review.id },
    { source, sourceKind, searchDate: new Date('2026-02-01'), fileName: `${source}.ris` },
    bytesChunks(new TextEncoder().encode(ris(items))),
  )
}

async function decide(t: Awaited<ReturnType<typeof reviewWithTeam>>, stage: 'TITLE_ABSTRACT' | 'FULL_TEXT', title: string, decision: 'INCLUDE' | 'EXCLUDE', reasonId?: string) {
  const item = await prisma().screeningItem.findFirstOrThrow({ where: { reviewId: t.review.id, stage, record: { title } } })
  for (const u of [t.users.reviewer, t.users.target]) await callerFor(u).screening.vote({ reviewId: t.review.id, itemId: item.id, decision, exclusionReasonId: reasonId ?? null })
}

describe('PRISMA 2020 counts', () => {
  it('adds up box by box and matches the records, then counts only new searches in an update', { timeout: 60_000 }, async () => {
    const t = await reviewWithTeam()
    const titles = ['Alpha trial of MRI', 'Beta cohort', 'Gamma study', 'Delta analysis', 'Epsilon report', 'Zeta series']
    await importOne(
      t,
      'PubMed',
      'database',
      titles.map((title, i) => ({ title, doi: `10.1000/p${i}` })),
    )
    await importOne(t, 'Embase', 'database', [
      { title: 'Alpha trial of MRI', doi: '10.1000/p0' },
      { title: 'Beta cohort', doi: '10.1000/p1' },
      { title: 'Eta paper', doi: '10.1000/e1' },
      { title: 'Theta paper', doi: '10.1000/e2' },
    ])
    await importOne(t, 'ClinicalTrials.gov', 'register', [{ title: 'Iota registered trial' }, { title: 'Kappa registered trial' }])
    await importOne(t, 'Citation searching', 'other', [{ title: 'Lambda found by citation' }])

    // while records wait for screening the diagram is not final, but nothing in it is inconsistent
    const early = await prismaFlowCounts(t.review.id)
    expect(early.pending.titleAbstract).toBe(10)
    expect(early.problems).toEqual([])

    const include = ['Alpha trial of MRI', 'Beta cohort', 'Gamma study', 'Iota registered trial']
    for (const title of [...titles, 'Eta paper', 'Theta paper', 'Iota registered trial', 'Kappa registered trial'])
      await decide(t, 'TITLE_ABSTRACT', title, include.includes(title) ? 'INCLUDE' : 'EXCLUDE')
    const reasons = await prisma().exclusionReason.findMany({ where: { reviewId: t.review.id }, orderBy: { position: 'asc' } })
    await callerFor(t.users.lead).records.setNotRetrieved({
      reviewId: t.review.id,
      recordId: (await prisma().searchRecord.findFirstOrThrow({ where: { reviewId: t.review.id, title: 'Gamma study' } })).id,
      notRetrieved: true,
    })
    await decide(t, 'FULL_TEXT', 'Iota registered trial', 'EXCLUDE', reasons[4]!.id)
    await decide(t, 'FULL_TEXT', 'Alpha trial of MRI', 'INCLUDE')
    await decide(t, 'FULL_TEXT', 'Beta cohort', 'INCLUDE')
    await decide(t, 'FULL_TEXT', 'Lambda found by citation', 'INCLUDE')

    const { counts, problems, pending } = await prismaFlowCounts(t.review.id)
    expect(problems).toEqual([])
    expect(checkPrismaFlowCounts(counts)).toEqual([])
    expect(pending).toEqual({ titleAbstract: 0, fullText: 0, suspectedDuplicates: 0 })
    expect(counts.identification).toEqual({
      databases: [
        { name: 'PubMed', n: 6 },
        { name: 'Embase', n: 4 },
      ],
      registers: [{ name: 'ClinicalTrials.gov', n: 2 }],
      duplicatesRemoved: 2,
      automationRemoved: 0,
      otherRemoved: 0,
    })
    expect(counts.screening).toEqual({
      recordsScreened: 10,
      recordsExcluded: 6,
      reportsSought: 4,
      reportsNotRetrieved: 1,
      reportsAssessed: 3,
      reportsExcluded: [{ reason: reasons[4]!.label, n: 1 }],
    })
    expect(counts.otherMethods).toEqual({ sources: [{ name: 'Citation searching', n: 1 }], reportsSought: 1, reportsNotRetrieved: 0, reportsAssessed: 1, reportsExcluded: [] })
    expect(counts.included).toEqual({ studies: 3, reports: 3 })
    // each box matches the rows it stands for
    const db = prisma()
    expect(counts.screening.recordsScreened).toBe(await db.screeningItem.count({ where: { reviewId: t.review.id, stage: 'TITLE_ABSTRACT' } }))
    expect(counts.included.studies).toBe(await db.study.count({ where: { reviewId: t.review.id } }))
    expect(counts.identification.duplicatesRemoved).toBe(await db.searchRecord.count({ where: { reviewId: t.review.id, items: { none: {} } } }))

    // Version 1, then a new search: the update template counts only it, and adds the previous version's studies.
    const lead = callerFor(t.users.lead)
    await lead.publication.publish({ reviewId: t.review.id, notes: 'First version of the review.' })
    // until a new search arrives, the page shows the whole review; then the template for updated reviews
    expect((await lead.analyses.prismaFlow({ reviewId: t.review.id })).scope).toBe('whole')
    await importOne(t, 'PubMed', 'database', [
      { title: 'Mu new trial', doi: '10.1000/n1' },
      { title: 'Nu new trial', doi: '10.1000/n2' },
      { title: 'Alpha trial of MRI', doi: '10.1000/p0' },
    ])
    await decide(t, 'TITLE_ABSTRACT', 'Mu new trial', 'INCLUDE')
    await decide(t, 'TITLE_ABSTRACT', 'Nu new trial', 'EXCLUDE')
    await decide(t, 'FULL_TEXT', 'Mu new trial', 'INCLUDE')
    const update = await prismaFlowCounts(t.review.id, (await latestPublication(t.review.id))!.previous.counts)
    expect(update.problems).toEqual([])
    expect(update.counts.identification.databases).toEqual([{ name: 'PubMed', n: 3 }])
    expect(update.counts.identification.duplicatesRemoved).toBe(1)
    expect(update.counts.screening).toMatchObject({ recordsScreened: 2, recordsExcluded: 1, reportsSought: 1, reportsAssessed: 1 })
    expect(update.counts.previous).toEqual({ studies: 3, reports: 3 })
    expect(update.counts.included).toEqual({ studies: 1, reports: 1 })
    const shown = await lead.analyses.prismaFlow({ reviewId: t.review.id })
    expect(shown.scope).toBe('update')
    expect(shown.counts).toEqual(update.counts)
    const whole = await lead.analyses.prismaFlow({ reviewId: t.review.id, scope: 'whole' })
    expect(whole.counts.included).toEqual({ studies: 4, reports: 4 })
    expect(checkPrismaFlowCounts(whole.counts)).toEqual([])
  })
})
