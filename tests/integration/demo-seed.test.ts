import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { demoSlug, seedDemo } from '../../prisma/seed/demo'

describe('the demo review', () => {
  it('is seeded once, through the services, with every screening state represented', { timeout: 120_000 }, async () => {
    expect(await seedDemo()).toBe(true)
    expect(await seedDemo()).toBe(false)
    const review = await prisma().review.findUniqueOrThrow({ where: { slug: demoSlug } })
    expect(review.isDemo).toBe(true)
    const db = prisma()
    const imports = await db.importBatch.findMany({ where: { reviewId: review.id } })
    expect(imports.map((i) => i.source).sort()).toEqual(['Cochrane Library', 'Embase', 'IEEE Xplore', 'PubMed', 'Scopus', 'Web of Science'])
    const groups = await db.duplicateGroup.groupBy({ by: ['status'], where: { reviewId: review.id }, _count: { _all: true } })
    expect(Object.fromEntries(groups.map((g) => [g.status, g._count._all]))).toMatchObject({ AUTO: expect.any(Number), PENDING: 1 })
    const items = await db.screeningItem.groupBy({ by: ['stage', 'status'], where: { reviewId: review.id }, _count: { _all: true } })
    const count = (stage: string, status: string) => items.find((i) => i.stage === stage && i.status === status)?._count._all ?? 0
    expect(count('TITLE_ABSTRACT', 'CONFLICT')).toBe(2)
    expect(count('TITLE_ABSTRACT', 'OPEN')).toBeGreaterThan(0)
    expect(count('FULL_TEXT', 'INCLUDED')).toBe(10)
    expect(count('FULL_TEXT', 'EXCLUDED')).toBe(5)
    expect(await db.fullText.count({ where: { record: { reviewId: review.id } } })).toBe(15)
    expect(await db.rankingRun.count({ where: { reviewId: review.id } })).toBe(1)
    // extraction and quality: ten studies, two entries each, agreed 2x2 tables for all, one QUADAS-2 judgement left to settle
    expect(await db.study.count({ where: { reviewId: review.id } })).toBe(10)
    expect(await db.formEntry.count({ where: { study: { reviewId: review.id }, status: 'SUBMITTED' } })).toBe(40)
    expect(await db.consensusValue.count({ where: { study: { reviewId: review.id }, path: 'index_tests[0].two_by_two' } })).toBe(10)
    expect(await db.consensusValue.count({ where: { study: { reviewId: review.id }, path: 'd1.risk_of_bias' } })).toBe(9)
    // analyses and the first published version, whose headline result is the motivating review's
    expect(await db.analysis.count({ where: { reviewId: review.id } })).toBe(5)
    const version = await db.reviewVersion.findFirstOrThrow({ where: { reviewId: review.id } })
    const snapshot = version.snapshot as { analyses: { summary: { sens: number[]; spec: number[]; auc: number } }[]; prisma: { counts: { included: { studies: number } } } }
    const [sens, sensLo, sensHi] = snapshot.analyses[0]!.summary.sens.map((x) => Number(x.toFixed(2)))
    const [spec, specLo, specHi] = snapshot.analyses[0]!.summary.spec.map((x) => Number(x.toFixed(2)))
    expect([sens, sensLo, sensHi, spec, specLo, specHi, Number(snapshot.analyses[0]!.summary.auc.toFixed(2))]).toEqual([0.79, 0.67, 0.88, 0.77, 0.67, 0.85, 0.84])
    expect(snapshot.prisma.counts.included.studies).toBe(10)
    const abstracts = await db.searchRecord.findMany({ where: { reviewId: review.id }, select: { abstract: true } })
    expect(abstracts.every((a) => a.abstract.includes('[Demo record'))).toBe(true)
  })
})
