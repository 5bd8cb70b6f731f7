/** A reviewer's own and the team's agreement: settled records only, so no figure moves with a vote on an open or conflicting record. */
import { describe, expect, it } from 'vitest'
import { callerFor, outcome, reviewWithRecords } from '../helpers/fixtures'

describe("a reviewer's agreement figures", () => {
  it('count settled records only, and tell a blinded reviewer nothing about a conflict until a lead decides it', async () => {
    const t = await reviewWithRecords(4)
    const reviewId = t.review.id
    const rui = callerFor(t.users.reviewer)
    const ana = callerFor(t.users.target)
    const lead = callerFor(t.users.lead)
    const figures = () => rui.screening.myAgreement({ reviewId, stage: 'TITLE_ABSTRACT' })
    const [a, b, c, d] = t.itemIds as [string, string, string, string]
    expect(await figures()).toEqual({ stage: 'TITLE_ABSTRACT', mine: { records: 0, agreed: 0, kappa: null }, team: { records: 0, agreed: 0, kappa: null } })

    await rui.screening.vote({ reviewId, itemId: a, decision: 'INCLUDE' })
    await ana.screening.vote({ reviewId, itemId: a, decision: 'INCLUDE' })
    await rui.screening.vote({ reviewId, itemId: b, decision: 'EXCLUDE' })
    await ana.screening.vote({ reviewId, itemId: b, decision: 'EXCLUDE' })
    const settled = await figures()
    expect(settled.mine).toMatchObject({ records: 2, agreed: 2 })
    expect(settled.team).toMatchObject({ records: 2, agreed: 2 })

    // Ana votes first on c; Rui's vote makes it a conflict: his figures are exactly as before
    await ana.screening.vote({ reviewId, itemId: c, decision: 'INCLUDE' })
    expect(await rui.screening.vote({ reviewId, itemId: c, decision: 'EXCLUDE' })).toEqual({ status: 'OPEN' })
    expect(await figures()).toEqual(settled)
    // a maybe sends d to the lead too: nothing moves
    await ana.screening.vote({ reviewId, itemId: d, decision: 'MAYBE' })
    await rui.screening.vote({ reviewId, itemId: d, decision: 'MAYBE' })
    expect(await figures()).toEqual(settled)

    // once the lead has decided c, its votes are open to all, and it counts as a disagreement
    await lead.screening.resolve({ reviewId, itemId: c, decision: 'INCLUDE', note: 'Adults' })
    const after = await figures()
    expect(after.mine).toMatchObject({ records: 3, agreed: 2 })
    expect(after.team).toMatchObject({ records: 3, agreed: 2 })
    // Cohen's kappa of Rui against Ana on (I,I), (E,E), (E,I): po 2/3, pe 4/9 -> 0.4
    expect(after.mine.kappa).toBeCloseTo(0.4, 10)
    expect(after.team.kappa).not.toBeNull()
    expect(await outcome(() => callerFor(t.users.viewer).screening.myAgreement({ reviewId, stage: 'TITLE_ABSTRACT' }))).toBe('FORBIDDEN')
  })
})
