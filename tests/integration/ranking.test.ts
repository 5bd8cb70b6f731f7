import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { rerankReview } from '@/server/services/screening/ranking'
import { createImport, createRecord } from '../../prisma/seed/factories'
import { callerFor, reviewWithTeam } from '../helpers/fixtures'

const relevant = (i: number) => ({
  title: `Deep learning for liver iron quantification on MRI R2* maps, cohort ${i}`,
  abstract: 'A convolutional neural network estimated hepatic iron concentration from MRI in thalassaemia.',
})
const irrelevant = (i: number) => ({ title: `Knee cartilage thickness after running, cohort ${i}`, abstract: 'Ultrasound of the knee in marathon runners before and after a race.' })

async function labelledReview() {
  const t = await reviewWithTeam()
  const batch = await createImport(prisma(), t.review.id, t.users.owner.id, { recordCount: 24 })
  const records = []
  for (let i = 0; i < 12; i++) records.push(await createRecord(prisma(), batch, i % 2 ? irrelevant(i) : relevant(i)))
  for (let i = 12; i < 24; i++) records.push(await createRecord(prisma(), batch, i % 2 ? irrelevant(i) : relevant(i)))
  // the first 6 records are screened by two reviewers (3 relevant included, 3 irrelevant excluded)
  for (const r of records.slice(0, 6)) {
    const decision = r.record.title.startsWith('Deep') ? 'INCLUDE' : 'EXCLUDE'
    for (const u of [t.users.reviewer, t.users.lead]) await callerFor(u).screening.vote({ reviewId: t.review.id, itemId: r.item!.id, decision })
  }
  return { ...t, records }
}

describe('prioritisation', () => {
  it('scores every title/abstract record from the votes so far, relevant-looking records first, and records the run', async () => {
    const t = await labelledReview()
    const run = await rerankReview(t.review.id)
    expect(run).toMatchObject({ reviewId: t.review.id, labelled: 6, relevantLabelled: 3, scored: 18 })
    const open = await prisma().screeningItem.findMany({
      where: { reviewId: t.review.id, stage: 'TITLE_ABSTRACT', status: 'OPEN' },
      orderBy: [{ relevance: 'desc' }],
      include: { record: { select: { title: true } } },
    })
    expect(open).toHaveLength(18)
    // every relevant-looking open record ranks above every irrelevant one
    const firstIrrelevant = open.findIndex((i) => !i.record.title.startsWith('Deep'))
    expect(open.slice(firstIrrelevant).every((i) => !i.record.title.startsWith('Deep'))).toBe(true)
    expect(firstIrrelevant).toBe(9)
    // and the reviewer's queue follows the ranking
    const next = await callerFor(t.users.target).screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' })
    expect(next!.record.title.startsWith('Deep')).toBe(true)
  })

  it('feeds the stopping indicator with final decisions and possible inclusions, not with a lone exclusion', async () => {
    const t = await labelledReview()
    const [lone, maybe] = [t.records[7]!, t.records[8]!]
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId: lone.item!.id, decision: 'EXCLUDE' })
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId: maybe.item!.id, decision: 'MAYBE' })
    const run = await rerankReview(t.review.id)
    // 6 decided records and the maybe (as possibly relevant); the lone exclusion waits for its second vote
    expect(run!.stopping).toMatchObject({ screened: 7, relevantFound: 4, stop: false })
    await callerFor(t.users.lead).screening.vote({ reviewId: t.review.id, itemId: lone.item!.id, decision: 'EXCLUDE' })
    expect((await rerankReview(t.review.id))!.stopping).toMatchObject({ screened: 8, relevantFound: 4 })
  })

  it('rewrites only the scores that moved: a second run on the same votes writes no row', async () => {
    const t = await labelledReview()
    // xmin: the transaction that wrote each row's current version
    const versions = () => prisma().$queryRaw<{ id: string; xmin: string }[]>`SELECT id, xmin::text FROM "ScreeningItem" WHERE "reviewId" = ${t.review.id} ORDER BY id`
    await rerankReview(t.review.id)
    const before = await versions()
    expect((await rerankReview(t.review.id))!.scored).toBe(18)
    expect(await versions()).toEqual(before)
    // a new vote moves scores again, and those rows are written
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId: t.records[6]!.item!.id, decision: 'INCLUDE' })
    await callerFor(t.users.lead).screening.vote({ reviewId: t.review.id, itemId: t.records[6]!.item!.id, decision: 'INCLUDE' })
    const voted = await versions()
    await rerankReview(t.review.id)
    const after = await versions()
    expect(after.filter((r, i) => r.xmin !== voted[i]!.xmin).length).toBeGreaterThan(0)
  })

  it('never waits for a vote in progress: a locked record keeps its score until the next ranking', { timeout: 30_000 }, async (ctx) => {
    if (process.env.FERRITE_EMBEDDED === '1' || process.env.DB_POOL_MAX === '1') ctx.skip('one database connection at a time: a held row lock cannot be shown beside a second writer')
    const t = await labelledReview()
    const locked = t.records[20]!.item!.id
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let lockTaken!: () => void
    const taken = new Promise<void>((r) => (lockTaken = r))
    const holder = prisma().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "ScreeningItem" WHERE id = ${locked} FOR UPDATE`
        lockTaken()
        await held
      },
      { timeout: 20_000 },
    )
    await taken
    const t0 = Date.now()
    const run = await rerankReview(t.review.id)
    const waited = Date.now() - t0
    release()
    await holder
    expect(run!.scored).toBe(18)
    expect(waited).toBeLessThan(5_000)
    const items = await prisma().screeningItem.findMany({ where: { reviewId: t.review.id, stage: 'TITLE_ABSTRACT', status: 'OPEN' }, select: { id: true, relevance: true } })
    expect(items.find((i) => i.id === locked)!.relevance).toBe(0)
    expect(items.filter((i) => i.id !== locked && i.relevance !== 0)).toHaveLength(17)
  })
})
