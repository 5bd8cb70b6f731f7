/** A lead settles the "include vs maybe" conflicts together, in Chromium, after confirming; a true disagreement stays. */
import { describe, expect, inject, it } from 'vitest'
import { chromiumForFile, expectAccessible, newContext, signIn } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { createImport, createRecord } from '../../prisma/seed/factories'

process.env.DATABASE_URL = inject('e2eDatabaseUrl')
process.env.FERRITE_EMBEDDED = inject('e2eEmbeddedDatabase') ? '1' : '0'
const chromium = chromiumForFile()

describe('conflicts', () => {
  it('are decided together when they are only hesitations', { timeout: 90_000 }, async () => {
    const { review, users } = await seedTeam('bulk', { Lena: 'LEAD', Ana: 'REVIEWER', Bo: 'REVIEWER' })
    const { castVote } = await import('@/server/services/screening/votes')
    const batch = await createImport(e2eDb(), review.id, users.Lena!.id)
    const pairs = [
      ['INCLUDE', 'MAYBE'],
      ['MAYBE', 'INCLUDE'],
      ['INCLUDE', 'EXCLUDE'],
    ] as const
    for (const [i, [x, y]] of pairs.entries()) {
      const { item } = await createRecord(e2eDb(), batch, { title: `Conflict record ${i + 1}` })
      await castVote({ userId: users.Ana!.id, reviewId: review.id, role: 'REVIEWER' }, { itemId: item!.id, decision: x })
      await castVote({ userId: users.Bo!.id, reviewId: review.id, role: 'REVIEWER' }, { itemId: item!.id, decision: y })
    }
    const lead = await (await newContext(chromium.browser)).newPage()
    await signIn(lead, users.Lena!.email, e2ePassword)
    await lead.goto(`/reviews/${review.id}/conflicts`)
    await expect.poll(() => lead.getByTestId('conflict').count()).toBe(3)
    await lead.getByRole('button', { name: 'Include all 2 with “include” and “maybe” votes only' }).click()
    const dialog = lead.getByRole('alertdialog')
    expect(await dialog.textContent()).toContain('each recorded as your decision in the activity log')
    await expectAccessible(lead, 'bulk decision dialog')
    await dialog.getByRole('button', { name: 'Include 2' }).click()
    await expect.poll(() => lead.getByTestId('conflict').count()).toBe(1)
    expect(await lead.getByTestId('conflict').textContent()).toContain('Conflict record 3')
    expect(await lead.getByTestId('bulk-actions').count()).toBe(0)
    expect(await e2eDb().auditEvent.count({ where: { reviewId: review.id, action: 'screening.resolved' } })).toBe(2)
  })
})
