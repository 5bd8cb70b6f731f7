import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { callerFor, newUser, outcome, reviewWithRecords } from '../helpers/fixtures'

const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? String(x) : x))

describe('dual screening', () => {
  it('resolves a record when two reviewers agree, and moves an inclusion to full text', async () => {
    const t = await reviewWithRecords(1)
    const [itemId] = t.itemIds
    const a = callerFor(t.users.reviewer)
    const b = callerFor(t.users.lead)
    expect(await a.screening.vote({ reviewId: t.review.id, itemId: itemId!, decision: 'INCLUDE' })).toEqual({ status: 'OPEN' })
    expect(await b.screening.vote({ reviewId: t.review.id, itemId: itemId!, decision: 'INCLUDE' })).toEqual({ status: 'INCLUDED' })
    const item = await prisma().screeningItem.findUniqueOrThrow({ where: { id: itemId } })
    expect(item).toMatchObject({ status: 'INCLUDED', resolution: 'AGREEMENT', voteCount: 2 })
    const ft = await prisma().screeningItem.findUnique({ where: { recordId_stage: { recordId: item.recordId, stage: 'FULL_TEXT' } } })
    expect(ft?.status).toBe('OPEN')
    await expect(a.screening.vote({ reviewId: t.review.id, itemId: itemId!, decision: 'EXCLUDE' })).rejects.toThrow(/already been resolved/)
    const actions = (await prisma().auditEvent.findMany({ where: { reviewId: t.review.id }, orderBy: { id: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['vote.cast', 'vote.cast', 'screening.resolved'])
  })

  it('sends disagreement and "maybe" to the conflicts queue, where a lead decides with a note', async () => {
    const t = await reviewWithRecords(2)
    const [x, y] = t.itemIds as [string, string]
    const a = callerFor(t.users.reviewer)
    const b = callerFor(t.users.target)
    await a.screening.vote({ reviewId: t.review.id, itemId: x, decision: 'INCLUDE' })
    // blinded: the voter is not told that the vote made a conflict
    expect((await b.screening.vote({ reviewId: t.review.id, itemId: x, decision: 'EXCLUDE' })).status).toBe('OPEN')
    await a.screening.vote({ reviewId: t.review.id, itemId: y, decision: 'MAYBE' })
    expect((await b.screening.vote({ reviewId: t.review.id, itemId: y, decision: 'MAYBE' })).status).toBe('OPEN')
    expect((await prisma().screeningItem.findMany({ where: { id: { in: [x, y] } } })).map((i) => i.status)).toEqual(['CONFLICT', 'CONFLICT'])
    const lead = callerFor(t.users.lead)
    const conflicts = await lead.screening.conflicts({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' })
    expect(conflicts.map((c) => c.id).sort()).toEqual([x, y].sort())
    expect(conflicts.find((c) => c.id === x)!.votes.map((v) => v.decision)).toEqual(['INCLUDE', 'EXCLUDE'])
    await lead.screening.resolve({ reviewId: t.review.id, itemId: x, decision: 'EXCLUDE', note: 'Paediatric population only' })
    const item = await prisma().screeningItem.findUniqueOrThrow({ where: { id: x } })
    expect(item).toMatchObject({ status: 'EXCLUDED', resolution: 'LEAD', resolvedById: t.users.lead.id, decisionNote: 'Paediatric population only' })
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { reviewId: t.review.id, action: 'screening.resolved', entityId: x } })
    expect(event.after).toMatchObject({ resolution: 'LEAD', note: 'Paediatric population only' })
    // a note is optional: a blank one is stored as none, and the decision is audited all the same
    await lead.screening.resolve({ reviewId: t.review.id, itemId: y, decision: 'INCLUDE', note: '  ' })
    expect(await prisma().screeningItem.findUniqueOrThrow({ where: { id: y } })).toMatchObject({ status: 'INCLUDED', resolution: 'LEAD', decisionNote: null })
    const blank = await prisma().auditEvent.findFirstOrThrow({ where: { reviewId: t.review.id, action: 'screening.resolved', entityId: y } })
    expect(blank.after).toMatchObject({ resolution: 'LEAD', note: null, status: 'INCLUDED' })
  })

  it('lets a reviewer change or withdraw a vote until the record is decided, but only a lead decides a conflict', async () => {
    const t = await reviewWithRecords(1)
    const [itemId] = t.itemIds as [string]
    const a = callerFor(t.users.reviewer)
    const b = callerFor(t.users.target)
    const status = async () => (await prisma().screeningItem.findUniqueOrThrow({ where: { id: itemId } })).status
    await a.screening.vote({ reviewId: t.review.id, itemId, decision: 'EXCLUDE' })
    await a.screening.withdraw({ reviewId: t.review.id, itemId })
    expect((await prisma().screeningItem.findUniqueOrThrow({ where: { id: itemId } })).voteCount).toBe(0)
    await a.screening.vote({ reviewId: t.review.id, itemId, decision: 'INCLUDE' })
    expect((await b.screening.vote({ reviewId: t.review.id, itemId, decision: 'EXCLUDE' })).status).toBe('OPEN')
    expect(await status()).toBe('CONFLICT')
    // a change that brings the votes into agreement does not settle it: the answer looks the same, and it stays a conflict
    expect((await b.screening.vote({ reviewId: t.review.id, itemId, decision: 'INCLUDE' })).status).toBe('OPEN')
    expect(await status()).toBe('CONFLICT')
    // nor does withdrawing and voting again
    expect((await b.screening.withdraw({ reviewId: t.review.id, itemId })).status).toBe('OPEN')
    expect((await b.screening.vote({ reviewId: t.review.id, itemId, decision: 'INCLUDE' })).status).toBe('OPEN')
    expect(await status()).toBe('CONFLICT')
    await callerFor(t.users.lead).screening.resolve({ reviewId: t.review.id, itemId, decision: 'INCLUDE', note: 'Both include now' })
    await expect(b.screening.withdraw({ reviewId: t.review.id, itemId })).rejects.toThrow(/already been resolved/)
    const actions = (await prisma().auditEvent.findMany({ where: { reviewId: t.review.id }, orderBy: { id: 'asc' } })).map((e) => e.action)
    expect(actions).toEqual(['vote.cast', 'vote.withdrawn', 'vote.cast', 'vote.cast', 'vote.changed', 'vote.withdrawn', 'vote.cast', 'screening.resolved'])
  })

  it('refuses a third vote once a record has its two', async () => {
    const t = await reviewWithRecords(1)
    const [itemId] = t.itemIds as [string]
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId, decision: 'INCLUDE' })
    await callerFor(t.users.target).screening.vote({ reviewId: t.review.id, itemId, decision: 'EXCLUDE' })
    expect(await outcome(() => callerFor(t.users.lead).screening.vote({ reviewId: t.review.id, itemId, decision: 'INCLUDE' }))).toBe('CONFLICT')
  })

  it('counts votes right when two reviewers vote on one record at the same moment', async () => {
    const t = await reviewWithRecords(5)
    await Promise.all(
      t.itemIds.flatMap((itemId) => [
        callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId, decision: 'EXCLUDE' }),
        callerFor(t.users.target).screening.vote({ reviewId: t.review.id, itemId, decision: 'EXCLUDE' }),
      ]),
    )
    const items = await prisma().screeningItem.findMany({ where: { id: { in: t.itemIds } } })
    expect(items.map((i) => [i.voteCount, i.status])).toEqual(t.itemIds.map(() => [2, 'EXCLUDED']))
  })

  it('requires a reason from the review’s list to exclude a full text; different reasons are a conflict', async () => {
    const t = await reviewWithRecords(1)
    const [itemId] = t.itemIds as [string]
    for (const u of [t.users.reviewer, t.users.target]) await callerFor(u).screening.vote({ reviewId: t.review.id, itemId, decision: 'INCLUDE' })
    const ft = await prisma().screeningItem.findFirstOrThrow({ where: { reviewId: t.review.id, stage: 'FULL_TEXT' } })
    const a = callerFor(t.users.reviewer)
    expect(await outcome(() => a.screening.vote({ reviewId: t.review.id, itemId: ft.id, decision: 'EXCLUDE' }))).toBe('BAD_REQUEST')
    const other = await reviewWithRecords(0)
    expect(await outcome(() => a.screening.vote({ reviewId: t.review.id, itemId: ft.id, decision: 'EXCLUDE', exclusionReasonId: other.reasons[0]!.id }))).toBe('BAD_REQUEST')
    await a.screening.vote({ reviewId: t.review.id, itemId: ft.id, decision: 'EXCLUDE', exclusionReasonId: t.reasons[0]!.id })
    await callerFor(t.users.target).screening.vote({ reviewId: t.review.id, itemId: ft.id, decision: 'EXCLUDE', exclusionReasonId: t.reasons[1]!.id })
    expect((await prisma().screeningItem.findUniqueOrThrow({ where: { id: ft.id } })).status).toBe('CONFLICT')
    const lead = callerFor(t.users.lead)
    expect(await outcome(() => lead.screening.resolve({ reviewId: t.review.id, itemId: ft.id, decision: 'EXCLUDE', note: 'Both right; design wins' }))).toBe('BAD_REQUEST')
    await lead.screening.resolve({ reviewId: t.review.id, itemId: ft.id, decision: 'EXCLUDE', note: 'Design wins', exclusionReasonId: t.reasons[4]!.id })
    expect((await prisma().screeningItem.findUniqueOrThrow({ where: { id: ft.id } })).exclusionReasonId).toBe(t.reasons[4]!.id)
  })
})

describe('blinding', () => {
  it('never returns another reviewer’s unresolved vote, through any procedure', async () => {
    const t = await reviewWithRecords(2)
    const [itemId] = t.itemIds as [string]
    const a = callerFor(t.users.reviewer)
    const b = callerFor(t.users.target)
    await a.screening.vote({ reviewId: t.review.id, itemId, decision: 'INCLUDE', note: 'SECRET-NOTE-A' })
    const bViews = [
      await b.screening.item({ reviewId: t.review.id, itemId }),
      await b.screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }),
      await b.records.search({ reviewId: t.review.id }),
      await b.records.detail({ reviewId: t.review.id, recordId: t.records[0]!.record.id }),
      await b.screening.progress({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }),
    ]
    for (const view of bViews) {
      expect(json(view)).not.toContain('SECRET-NOTE-A')
      expect(json(view)).not.toContain(t.users.reviewer.name)
      expect(json(view)).not.toMatch(/"decision":"INCLUDE"/)
    }
    expect((await b.screening.item({ reviewId: t.review.id, itemId }))!.otherVotes).toBeNull()

    // B disagrees: the record is in conflict; B still sees neither A's vote nor that it is a conflict; a lead sees both.
    await b.screening.vote({ reviewId: t.review.id, itemId, decision: 'EXCLUDE' })
    const asB = (await b.screening.item({ reviewId: t.review.id, itemId }))!
    expect(asB.status).toBe('OPEN')
    expect(asB.otherVotes).toBeNull()
    expect((await b.screening.progress({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' })).conflicts).toBeNull()
    expect((await b.records.search({ reviewId: t.review.id, filter: 'conflict' })).total).toBe(0)
    const asLead = (await callerFor(t.users.lead).screening.item({ reviewId: t.review.id, itemId }))!
    expect(asLead.status).toBe('CONFLICT')
    expect(asLead.otherVotes?.map((v) => v.note)).toContain('SECRET-NOTE-A')

    // once resolved, everyone may see the votes
    await callerFor(t.users.lead).screening.resolve({ reviewId: t.review.id, itemId, decision: 'INCLUDE', note: 'Adults with MRI' })
    const after = (await b.screening.item({ reviewId: t.review.id, itemId }))!
    expect(after.otherVotes?.map((v) => v.decision)).toEqual(['INCLUDE'])
  })

  it('shows votes openly when the review is not blinded', async () => {
    const t = await reviewWithRecords(1)
    await prisma().review.update({ where: { id: t.review.id }, data: { blindScreening: false } })
    const [itemId] = t.itemIds as [string]
    await callerFor(t.users.reviewer).screening.vote({ reviewId: t.review.id, itemId, decision: 'MAYBE' })
    expect((await callerFor(t.users.target).screening.item({ reviewId: t.review.id, itemId }))!.otherVotes?.map((v) => v.decision)).toEqual(['MAYBE'])
  })
})

describe('queue', () => {
  it('never hands a record to more reviewers at once than the votes it needs', async () => {
    const t = await reviewWithRecords(4)
    const reviewers = await Promise.all(Array.from({ length: 8 }, () => newUser()))
    await prisma().membership.createMany({ data: reviewers.map((u) => ({ reviewId: t.review.id, userId: u.id, role: 'REVIEWER' as const })) })
    const drawn = await Promise.all(reviewers.map((u) => callerFor(u).screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' })))
    const perItem = new Map<string, number>()
    for (const d of drawn) perItem.set(d!.id, (perItem.get(d!.id) ?? 0) + 1)
    expect([...perItem.values()].sort()).toEqual([2, 2, 2, 2])
    // a ninth reviewer finds every record taken; a skip frees one at once
    const ninth = await newUser()
    await prisma().membership.create({ data: { reviewId: t.review.id, userId: ninth.id, role: 'REVIEWER' } })
    expect(await callerFor(ninth).screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' })).toBeNull()
    await callerFor(reviewers[0]!).screening.skip({ reviewId: t.review.id, itemId: drawn[0]!.id })
    expect((await callerFor(ninth).screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }))?.id).toBe(drawn[0]!.id)
  })

  it('never hands out a record that already has its votes, with many reviewers drawing and voting at once', { timeout: 60_000 }, async () => {
    const t = await reviewWithRecords(60)
    const reviewers = await Promise.all(Array.from({ length: 16 }, () => newUser()))
    await prisma().membership.createMany({ data: reviewers.map((u) => ({ reviewId: t.review.id, userId: u.id, role: 'REVIEWER' as const })) })
    const refused: string[] = []
    let votes = 0
    await Promise.all(
      reviewers.map(async (u) => {
        const caller = callerFor(u)
        for (;;) {
          const item = await caller.screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' })
          if (!item) return
          try {
            await caller.screening.vote({ reviewId: t.review.id, itemId: item.id, decision: 'EXCLUDE' })
            votes++
          } catch (e) {
            refused.push((e as Error).message)
          }
        }
      }),
    )
    expect(refused).toEqual([])
    expect(votes).toBe(120)
    expect(await prisma().screeningItem.count({ where: { reviewId: t.review.id, stage: 'TITLE_ABSTRACT', status: 'EXCLUDED', voteCount: 2 } })).toBe(60)
  })

  it('counts progress for each person: theirs, the team’s and what remains', async () => {
    const t = await reviewWithRecords(5)
    const [x, y, z, w] = t.itemIds as [string, string, string, string, string]
    const a = callerFor(t.users.reviewer)
    const b = callerFor(t.users.target)
    const vote = (c: typeof a, itemId: string, decision: 'INCLUDE' | 'EXCLUDE') => c.screening.vote({ reviewId: t.review.id, itemId, decision })
    await vote(a, x, 'INCLUDE')
    await vote(b, x, 'INCLUDE') // included (and on to full text, which is another stage)
    await vote(a, y, 'INCLUDE')
    await vote(b, y, 'EXCLUDE') // a conflict
    await vote(a, z, 'EXCLUDE')
    await vote(b, w, 'EXCLUDE')
    const input = { reviewId: t.review.id, stage: 'TITLE_ABSTRACT' as const }
    expect(await a.screening.progress(input)).toEqual({
      stage: 'TITLE_ABSTRACT',
      votesRequired: 2,
      total: 5,
      myVotes: 3,
      availableToMe: 2, // w (one vote, not A's) and the record nobody has voted on
      fullyVoted: null, // would give away the conflicts
      included: 1,
      excluded: 0,
      conflicts: null, // blinded reviewers do not see conflicts
      remaining: 4,
    })
    expect(await callerFor(t.users.lead).screening.progress(input)).toMatchObject({ myVotes: 0, availableToMe: 3, conflicts: 1, remaining: 4 })
    expect(await b.screening.progress({ ...input, stage: 'FULL_TEXT' })).toMatchObject({ total: 1, myVotes: 0, availableToMe: 1, included: 0, remaining: 1 })
  })

  it('returns the next record with a vote when asked (one round trip per record), honouring skips and blinding', async () => {
    const t = await reviewWithRecords(3)
    const [x, y, z] = t.itemIds as [string, string, string]
    await prisma().screeningItem.update({ where: { id: x }, data: { relevance: 0.9 } })
    await prisma().screeningItem.update({ where: { id: y }, data: { relevance: 0.5 } })
    await prisma().screeningItem.update({ where: { id: z }, data: { relevance: 0.1 } })
    // another reviewer has voted on y: its vote must not travel with the next record
    await callerFor(t.users.target).screening.vote({ reviewId: t.review.id, itemId: y, decision: 'INCLUDE' })
    const a = callerFor(t.users.reviewer)
    const first = await a.screening.vote({ reviewId: t.review.id, itemId: x, decision: 'EXCLUDE', thenNext: {} })
    expect(first).toMatchObject({ status: 'OPEN', next: { id: y, myVote: null, otherVotes: null } })
    const second = await a.screening.vote({ reviewId: t.review.id, itemId: y, decision: 'INCLUDE', thenNext: { skip: [z] } })
    expect(second).toEqual({ status: 'INCLUDED', next: null })
    expect(await a.screening.vote({ reviewId: t.review.id, itemId: z, decision: 'EXCLUDE' })).toEqual({ status: 'OPEN' })
  })

  it('serves the most relevant open record this reviewer has not voted on, honouring skips', async () => {
    const t = await reviewWithRecords(3)
    const [x, y, z] = t.itemIds as [string, string, string]
    await prisma().screeningItem.update({ where: { id: y }, data: { relevance: 0.9 } })
    await prisma().screeningItem.update({ where: { id: z }, data: { relevance: 0.5 } })
    const a = callerFor(t.users.reviewer)
    expect((await a.screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }))!.id).toBe(y)
    expect((await a.screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT', skip: [y] }))!.id).toBe(z)
    await a.screening.vote({ reviewId: t.review.id, itemId: y, decision: 'EXCLUDE' })
    expect((await a.screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }))!.id).toBe(z)
    // another reviewer still gets y, which needs a second vote
    expect((await callerFor(t.users.target).screening.next({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' }))!.id).toBe(y)
    const progress = await a.screening.progress({ reviewId: t.review.id, stage: 'TITLE_ABSTRACT' })
    expect(progress).toMatchObject({ total: 3, myVotes: 1, availableToMe: 2, included: 0, excluded: 0, remaining: 3 })
    expect(x).toBeDefined()
  })
})

describe('live progress', () => {
  it('tells open screening pages that progress changed: the first vote at once, a burst as one message after a pause', async () => {
    const t = await reviewWithRecords(6)
    const controller = new AbortController() // as the closed page's request aborts the stream on the server
    const viewer = callerFor(t.users.viewer, { signal: controller.signal })
    const stream = await viewer.screening.changes({ reviewId: t.review.id })
    const seen: number[] = []
    const started = Date.now()
    const reading = (async () => {
      for await (const message of stream) {
        expect(Object.keys(message)).toEqual(['at']) // nothing about what changed or who voted
        seen.push(Date.now() - started)
      }
    })().catch(() => {})
    const a = callerFor(t.users.reviewer)
    await new Promise((r) => setTimeout(r, 100)) // the stream is listening
    for (const itemId of t.itemIds.slice(0, 5)) await a.screening.vote({ reviewId: t.review.id, itemId, decision: 'EXCLUDE' })
    await new Promise((r) => setTimeout(r, 2600))
    controller.abort()
    await reading
    expect(seen).toHaveLength(2)
    expect(seen[0]!).toBeLessThan(1000)
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(1900)
  })
})
