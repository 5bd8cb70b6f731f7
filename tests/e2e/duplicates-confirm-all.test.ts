/** A lead confirms the near-identical duplicate suspects together, in Chromium, after confirming; a looser one stays, and the lead keeps its other copy. */
import { describe, expect, it } from 'vitest'
import { chromiumForFile, expectAccessible, newContext, screenshot, signIn } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { createImport, createRecord } from '../../prisma/seed/factories'

const chromium = chromiumForFile()

describe('duplicate suspects', () => {
  it('that look exact are confirmed together', { timeout: 90_000 }, async () => {
    const { review, users } = await seedTeam('dupes', { Lena: 'LEAD' })
    const db = e2eDb()
    const batch = await createImport(db, review.id, users.Lena!.id)
    for (const [title, similarity] of [
      ['Ferritin in blood donors', 0.99],
      ['Hepcidin after iron infusion', 0.93],
    ] as const) {
      const a = await createRecord(db, batch, { title, year: 2022 })
      const b = await createRecord(db, batch, { title: `${title}.`, year: 2022, screen: false })
      const g = await db.duplicateGroup.create({ data: { reviewId: review.id, primaryRecordId: a.record.id, reason: 'title', status: 'PENDING', similarity } })
      await db.searchRecord.updateMany({ where: { id: { in: [a.record.id, b.record.id] } }, data: { duplicateGroupId: g.id } })
    }
    const lead = await (await newContext(chromium.browser)).newPage()
    await signIn(lead, users.Lena!.email, e2ePassword)
    await lead.goto(`/reviews/${review.id}/duplicates`)
    await expect.poll(() => lead.getByTestId('duplicate-group').count()).toBe(2)
    expect(await lead.getByTestId('confirm-exact-looking').textContent()).toContain('1 group has titles at least 98% alike and the same year.')
    await lead.getByRole('button', { name: 'Confirm all 1' }).click()
    await expectAccessible(lead, 'confirm-all dialog')
    await lead.getByRole('alertdialog').getByRole('button', { name: 'Confirm 1' }).click()
    await expect.poll(() => lead.getByTestId('duplicate-group').count()).toBe(1)
    expect(await lead.getByTestId('duplicate-group').textContent()).toContain('Hepcidin after iron infusion')
    expect(await lead.getByTestId('confirm-exact-looking').count()).toBe(0)
    expect(await db.auditEvent.count({ where: { reviewId: review.id, action: 'duplicates.confirmed' } })).toBe(1)

    // the copy with the full stop is the better one: keep it, and its screening item comes along
    const group = lead.getByTestId('duplicate-group')
    const other = group.getByTestId('duplicate-copy').filter({ hasText: 'Hepcidin after iron infusion.' })
    await other.getByRole('button', { name: 'Keep this copy' }).click()
    await expect.poll(() => other.getByText('kept', { exact: true }).count()).toBe(1)
    const kept = await db.searchRecord.findFirstOrThrow({ where: { reviewId: review.id, title: 'Hepcidin after iron infusion.' }, include: { items: true } })
    expect(kept.items).toHaveLength(1)
    await screenshot(lead, 'duplicates-keep')
  })
})
