/** The overview's counts per stage and each person's tasks; blinded reviewers are told nothing of conflicts. */
import { describe, expect, it } from 'vitest'
import { callerFor, reviewWithRecords } from '../helpers/fixtures'

describe('the overview dashboard', () => {
  it('counts each stage and what waits for each person', async () => {
    const t = await reviewWithRecords(3)
    const [a, b] = [callerFor(t.users.reviewer), callerFor(t.users.target)]
    // one record agreed (include), one in conflict, one voted once
    await a.screening.vote({ reviewId: t.review.id, itemId: t.itemIds[0]!, decision: 'INCLUDE' })
    await b.screening.vote({ reviewId: t.review.id, itemId: t.itemIds[0]!, decision: 'INCLUDE' })
    await a.screening.vote({ reviewId: t.review.id, itemId: t.itemIds[1]!, decision: 'INCLUDE' })
    await b.screening.vote({ reviewId: t.review.id, itemId: t.itemIds[1]!, decision: 'EXCLUDE' })
    await a.screening.vote({ reviewId: t.review.id, itemId: t.itemIds[2]!, decision: 'EXCLUDE' })
    const lead = await callerFor(t.users.lead).review.dashboard({ reviewId: t.review.id })
    expect(lead.stages).toMatchObject({ imported: 3, titleAbstract: { total: 3, decided: 1, included: 1 }, fullText: { total: 1, decided: 0 } })
    expect(lead.tasks).toMatchObject({ toScreen: { titleAbstract: 1, fullText: 1 }, conflicts: { titleAbstract: 1, fullText: 0 }, duplicatesToCheck: 0, entriesToSubmit: 0 })
    const reviewer = await a.review.dashboard({ reviewId: t.review.id })
    expect(reviewer.tasks).toEqual({ toScreen: { titleAbstract: 0, fullText: 1 }, entriesToSubmit: 0, conflicts: null, duplicatesToCheck: null })
    expect((await b.review.dashboard({ reviewId: t.review.id })).tasks.toScreen).toEqual({ titleAbstract: 1, fullText: 1 })
    const viewer = await callerFor(t.users.viewer).review.dashboard({ reviewId: t.review.id })
    expect(viewer.tasks).toEqual({ toScreen: null, entriesToSubmit: 0, conflicts: null, duplicatesToCheck: null })
  })
})
