/**
 * Attacks on blinding, by members of a review with real sessions over HTTP: a reviewer trying to learn
 * that their vote made a conflict (from the vote's answer, the record, the lists, the filters and the
 * counts), then to settle it alone by changing the vote; a reviewer settling an extraction difference;
 * a lead who also screens and extracts reading a colleague's vote or draft in the activity log or a
 * backup before giving their own; a tag put on a record by one reviewer, read by the other or by a lead
 * (tags, filters, the records export) while the record is open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createImport, createRecord } from '../../prisma/seed/factories'
import { e2eDb, e2ePassword, seedTeam } from '../e2e/db'
import { baseUrl, signIn, trpcMutation, trpcQuery } from './http'

afterAll(async () => {
  await e2eDb().$disconnect()
})

type Team = Awaited<ReturnType<typeof seedTeam>>
let team: Team
const cookies: Record<string, string> = {}

beforeAll(async () => {
  team = await seedTeam('blinding', { Ann: 'REVIEWER', Bob: 'REVIEWER', Lena: 'LEAD', Olive: 'OWNER' })
  for (const [name, u] of Object.entries(team.users)) cookies[name] = await signIn(u.email, e2ePassword)
})

async function records(n: number) {
  const batch = await createImport(e2eDb(), team.review.id, team.users.Lena!.id, { recordCount: n })
  const out = []
  for (let i = 0; i < n; i++) out.push(await createRecord(e2eDb(), batch, { title: `Blinding record ${i} ${Date.now()}` }))
  return out.map((r) => ({ recordId: r.record.id, itemId: r.item!.id }))
}

const reviewId = () => team.review.id
const vote = (who: string, itemId: string, decision: 'INCLUDE' | 'EXCLUDE' | 'MAYBE') => trpcMutation<{ status: string }>(cookies[who]!, 'screening.vote', { reviewId: reviewId(), itemId, decision })
const text = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? String(x) : x))
const statusInDb = async (itemId: string) => (await e2eDb().screeningItem.findUniqueOrThrow({ where: { id: itemId } })).status

describe('a blinded reviewer', () => {
  it('cannot tell a record in conflict from one waiting for the other vote, anywhere', async () => {
    const [conflict, waiting] = await records(2)
    await vote('Ann', conflict!.itemId, 'INCLUDE')
    // Bob's vote that makes the disagreement, and his vote on a record nobody else has voted on
    const made = await vote('Bob', conflict!.itemId, 'EXCLUDE')
    const alone = await vote('Bob', waiting!.itemId, 'EXCLUDE')
    expect(await statusInDb(conflict!.itemId)).toBe('CONFLICT')
    expect(await statusInDb(waiting!.itemId)).toBe('OPEN')
    expect(made.data).toEqual(alone.data)

    const item = async (itemId: string) => (await trpcQuery<Record<string, unknown>>(cookies.Bob!, 'screening.item', { reviewId: reviewId(), itemId })).data!
    const [a, b] = [await item(conflict!.itemId), await item(waiting!.itemId)]
    for (const key of ['status', 'resolution', 'decisionNote', 'exclusionReason', 'otherVotes']) expect(a[key], key).toEqual(b[key])

    const row = async (recordId: string, filter: string) => {
      const { data } = await trpcQuery<{ records: { id: string; titleAbstract: unknown }[] }>(cookies.Bob!, 'records.search', { reviewId: reviewId(), filter, pageSize: 200 })
      return data!.records.find((r) => r.id === recordId) ?? null
    }
    for (const filter of ['all', 'open', 'voted-by-me', 'conflict', 'awaiting-me', 'included', 'excluded']) {
      const [c, w] = [await row(conflict!.recordId, filter), await row(waiting!.recordId, filter)]
      expect(c === null, `${filter}: listed alike`).toBe(w === null)
      expect(c?.titleAbstract, `${filter}: shown alike`).toEqual(w?.titleAbstract)
    }
    expect(await row(conflict!.recordId, 'open')).not.toBeNull()

    const progress = (await trpcQuery<Record<string, unknown>>(cookies.Bob!, 'screening.progress', { reviewId: reviewId(), stage: 'TITLE_ABSTRACT' })).data!
    expect(progress.conflicts).toBeNull()
    expect(progress.fullyVoted).toBeNull()
  })

  it('cannot settle a conflict by changing the vote to agree, nor by withdrawing and voting again', async () => {
    const [r] = await records(1)
    await vote('Ann', r!.itemId, 'INCLUDE')
    await vote('Bob', r!.itemId, 'EXCLUDE')
    expect((await vote('Bob', r!.itemId, 'INCLUDE')).data).toEqual({ status: 'OPEN' })
    expect(await statusInDb(r!.itemId)).toBe('CONFLICT')
    expect((await trpcMutation(cookies.Bob!, 'screening.withdraw', { reviewId: reviewId(), itemId: r!.itemId })).status).toBe(200)
    await vote('Bob', r!.itemId, 'INCLUDE')
    expect(await statusInDb(r!.itemId)).toBe('CONFLICT')
    // a lead decides it
    expect((await trpcMutation(cookies.Lena!, 'screening.resolve', { reviewId: reviewId(), itemId: r!.itemId, decision: 'INCLUDE', note: 'Both include after all' })).status).toBe(200)
    expect(await statusInDb(r!.itemId)).toBe('INCLUDED')
  })

  it('cannot settle an extraction difference; a lead does', async () => {
    const db = e2eDb()
    const form = await trpcMutation<{ id: string }>(cookies.Lena!, 'forms.create', { reviewId: reviewId(), kind: 'EXTRACTION', templateKey: 'correlation' })
    const study = await db.study.create({ data: { reviewId: reviewId(), label: `Consensus ${Date.now()}` } })
    const section = { id: 'study', title: 'Study' }
    const field = { id: 'setting', type: 'text', label: 'Setting' }
    const saved = await trpcMutation(cookies.Lena!, 'forms.saveVersion', { reviewId: reviewId(), formId: form.data!.id, definition: { sections: [{ ...section, fields: [field] }] } })
    expect(saved.status).toBe(200)
    await trpcMutation(cookies.Lena!, 'studies.assign', { reviewId: reviewId(), studyId: study.id, formId: form.data!.id, userIds: [team.users.Ann!.id, team.users.Bob!.id] })
    const key = { reviewId: reviewId(), studyId: study.id, formId: form.data!.id }
    const values = (v: string) => ({ [section.id]: { [field.id]: v } })
    // drafts: neither sees the other's (a lead who also extracts neither)
    await trpcMutation(cookies.Ann!, 'entries.save', { ...key, values: values('ANN-DRAFT-VALUE'), submit: false })
    const log = await trpcQuery(cookies.Lena!, 'review.auditLog', { reviewId: reviewId(), limit: 200 })
    expect(text(log.data)).not.toContain('ANN-DRAFT-VALUE')
    const early = await trpcQuery<{ open: boolean }>(cookies.Bob!, 'entries.comparison', key)
    expect(early.data?.open).toBe(false)
    expect(text(early.data)).not.toContain('ANN-DRAFT-VALUE')
    expect(text((await trpcQuery(cookies.Bob!, 'entries.mine', key)).data)).not.toContain('ANN-DRAFT-VALUE')
    await trpcMutation(cookies.Ann!, 'entries.save', { ...key, values: values('from Ann'), submit: true })
    await trpcMutation(cookies.Bob!, 'entries.save', { ...key, values: values('from Bob'), submit: true })
    const path = `${section.id}.${field.id}`
    const bobSettles = await trpcMutation(cookies.Bob!, 'entries.setConsensus', { ...key, path, choice: { source: 'entry', userId: team.users.Bob!.id } })
    expect(bobSettles.status).toBe(403)
    expect(await db.consensusValue.count({ where: { studyId: study.id, path } })).toBe(0)
    expect((await trpcMutation(cookies.Lena!, 'entries.setConsensus', { ...key, path, choice: { source: 'entry', userId: team.users.Ann!.id } })).status).toBe(200)
  })
})

describe('a lead who also screens', () => {
  it('does not read a colleague\u2019s vote on a record still waiting for votes, in the activity log or a backup', async () => {
    const [r] = await records(1)
    await trpcMutation(cookies.Ann!, 'screening.vote', { reviewId: reviewId(), itemId: r!.itemId, decision: 'MAYBE', note: 'ANN-SECRET-NOTE' })
    const log = await trpcQuery<{ events: { action: string; after: Record<string, unknown> | null }[] }>(cookies.Lena!, 'review.auditLog', { reviewId: reviewId(), limit: 200 })
    const cast = log.data!.events.find((e) => e.action === 'vote.cast' && e.after?.itemId === r!.itemId)!
    expect(cast.after?.decision).not.toBe('MAYBE')
    expect(text(log.data)).not.toContain('ANN-SECRET-NOTE')
    // a backup holds every vote as it stands: only owners download it
    expect((await fetch(`${baseUrl()}/api/reviews/${reviewId()}/backup`, { headers: { cookie: cookies.Lena! } })).status).toBe(403)
    expect((await fetch(`${baseUrl()}/api/reviews/${reviewId()}/backup`, { headers: { cookie: cookies.Olive! } })).status).toBe(200)
    // once the votes are in, the log shows them
    await vote('Lena', r!.itemId, 'INCLUDE')
    const later = await trpcQuery<{ events: { action: string; after: Record<string, unknown> | null }[] }>(cookies.Lena!, 'review.auditLog', { reviewId: reviewId(), limit: 200 })
    expect(later.data!.events.find((e) => e.action === 'vote.cast' && e.after?.itemId === r!.itemId && e.after?.decision === 'MAYBE')).toBeDefined()
  })
})

describe("another person's tag", () => {
  it('is not shown, counted, filtered on or exported while the record is open, then is once it is settled', async () => {
    const [r] = await records(1)
    const tag = await trpcMutation<{ id: string }>(cookies.Ann!, 'records.createTag', { reviewId: reviewId(), name: `ann-thinks-exclude-${Date.now()}` })
    expect((await trpcMutation(cookies.Ann!, 'records.tag', { reviewId: reviewId(), tagId: tag.data!.id, recordIds: [r!.recordId], on: true })).status).toBe(200)
    const exportCsv = async (who: string) => (await fetch(`${baseUrl()}/api/reviews/${reviewId()}/records/export?format=csv&tagId=${tag.data!.id}`, { headers: { cookie: cookies[who]! } })).text()
    for (const who of ['Bob', 'Lena']) {
      expect((await trpcQuery(cookies[who]!, 'records.recordTags', { reviewId: reviewId(), recordId: r!.recordId })).data, who).toEqual([])
      const listed = await trpcQuery<{ id: string; records: number }[]>(cookies[who]!, 'records.tags', { reviewId: reviewId() })
      expect(listed.data!.find((t) => t.id === tag.data!.id)?.records, who).toBe(0)
      expect((await trpcQuery<{ total: number }>(cookies[who]!, 'records.search', { reviewId: reviewId(), tagId: tag.data!.id })).data!.total, who).toBe(0)
      expect((await exportCsv(who)).trim().split(/\r?\n/), who).toHaveLength(1)
    }
    // Ann sees her own, and the export carries it for her
    expect((await exportCsv('Ann')).trim().split(/\r?\n/)).toHaveLength(2)
    await vote('Ann', r!.itemId, 'EXCLUDE')
    await vote('Bob', r!.itemId, 'EXCLUDE')
    expect((await trpcQuery<{ name: string }[]>(cookies.Bob!, 'records.recordTags', { reviewId: reviewId(), recordId: r!.recordId })).data!.map((t) => t.name)).toEqual([
      expect.stringMatching(/^ann-thinks-exclude-/),
    ])
  })
})
