/**
 * Races a team can run into (or an attacker can provoke) by doing two things at the same moment,
 * against real Postgres: each is a Promise.all of the two calls, repeated, and the outcome checked.
 */
import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { callerFor, outcome, reviewWithRecords, reviewWithStudies } from '../helpers/fixtures'

describe('at the same moment', () => {
  it('two extractors submitting: the values they agree on are recorded, every time', async () => {
    const t = await reviewWithStudies(6)
    const lead = callerFor(t.users.lead)
    const definition = { sections: [{ id: 'study', title: 'Study', fields: [{ id: 'setting', type: 'text' as const, label: 'Setting' }] }] }
    await lead.forms.saveVersion({ reviewId: t.review.id, formId: t.form.id, definition })
    const values = { study: { setting: 'Tertiary referral centre' } }
    for (const s of t.studies) {
      await lead.studies.assign({ reviewId: t.review.id, studyId: s.id, formId: t.form.id, userIds: [t.users.reviewer.id, t.users.target.id] })
      const key = { reviewId: t.review.id, studyId: s.id, formId: t.form.id }
      await Promise.all([t.users.reviewer, t.users.target].map((u) => callerFor(u).entries.save({ ...key, values, submit: true })))
    }
    const agreed = await prisma().consensusValue.findMany({ where: { formId: t.form.id, path: 'study.setting' } })
    expect(agreed).toHaveLength(t.studies.length)
  })

  it('a lead lowering the votes a record needs: open records that now have enough are settled', async () => {
    const t = await reviewWithRecords(3)
    const [agree, differ, one] = t.itemIds as [string, string, string]
    await callerFor(t.users.lead).review.update({ reviewId: t.review.id, patch: { votesRequired: 3 } })
    for (const [u, itemId, decision] of [
      [t.users.reviewer, agree, 'INCLUDE'],
      [t.users.target, agree, 'INCLUDE'],
      [t.users.reviewer, differ, 'INCLUDE'],
      [t.users.target, differ, 'EXCLUDE'],
      [t.users.reviewer, one, 'EXCLUDE'],
    ] as const)
      await callerFor(u).screening.vote({ reviewId: t.review.id, itemId, decision })
    await callerFor(t.users.lead).review.update({ reviewId: t.review.id, patch: { votesRequired: 2 } })
    const status = async (id: string) => (await prisma().screeningItem.findUniqueOrThrow({ where: { id } })).status
    expect([await status(agree), await status(differ), await status(one)]).toEqual(['INCLUDED', 'CONFLICT', 'OPEN'])
    // the inclusion moved on to full text, as after any agreement
    const recordId = (await prisma().screeningItem.findUniqueOrThrow({ where: { id: agree } })).recordId
    expect(await prisma().screeningItem.count({ where: { recordId, stage: 'FULL_TEXT' } })).toBe(1)
  })

  it('a vote and a lowering of the votes needed never leave a record stuck', async () => {
    for (let round = 0; round < 4; round++) {
      const t = await reviewWithRecords(1)
      const [itemId] = t.itemIds as [string]
      await Promise.all([
        callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId, decision: 'INCLUDE' }),
        callerFor(t.users.lead).review.update({ reviewId: t.review.id, patch: { votesRequired: 1 } }),
      ])
      expect((await prisma().screeningItem.findUniqueOrThrow({ where: { id: itemId } })).status, `round ${round}`).toBe('INCLUDED')
    }
  })

  it('two owners demoting or removing each other: the review keeps an owner', async () => {
    for (let round = 0; round < 8; round++)
      for (const action of ['changeRole', 'remove'] as const) {
        const t = await reviewWithRecords(0)
        const [a, b] = [t.users.owner, t.users.owner2]
        const act = (who: typeof a, target: typeof b) =>
          outcome(() =>
            action === 'remove'
              ? callerFor(who).member.remove({ reviewId: t.review.id, membershipId: t.membershipOf(target.id).id })
              : callerFor(who).member.changeRole({ reviewId: t.review.id, membershipId: t.membershipOf(target.id).id, role: 'LEAD' }),
          )
        // both callers' sessions exist before the race starts, so the two calls reach the database together
        await Promise.all([callerFor(a).review.list(), callerFor(b).review.list()])
        const results = await Promise.all([act(a, b), act(b, a)])
        expect(await prisma().membership.count({ where: { reviewId: t.review.id, role: 'OWNER' } }), `${action}, round ${round}`).toBeGreaterThanOrEqual(1)
        // the second, once the first has landed, is refused: it is no longer an owner, or its target is the last one
        expect(
          results.filter((r) => r === 'OK'),
          action,
        ).toHaveLength(1)
        expect(['FORBIDDEN', 'NOT_FOUND', 'PRECONDITION_FAILED'], action).toContain(results.find((r) => r !== 'OK'))
      }
  })

  it('two leads publishing: one version is published, the other lead is told, nothing fails', async () => {
    const t = await reviewWithStudies(2)
    const publish = (u: { id: string }) => outcome(() => callerFor(u).publication.publish({ reviewId: t.review.id, notes: 'First published version of this review.' }))
    const results = await Promise.all([publish(t.users.lead), publish(t.users.owner)])
    expect(results.sort()).toEqual(['CONFLICT', 'OK'])
    expect(await prisma().reviewVersion.count({ where: { reviewId: t.review.id } })).toBe(1)
  })
})
