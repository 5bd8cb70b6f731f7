/**
 * Tags in Chromium (issue 16, item 9): a reviewer makes a tag while screening (typing its name does not
 * vote), finds the record by it on the records page; the other reviewer sees nothing while the record is
 * open; a lead renames the tag.
 */
import { describe, expect, it } from 'vitest'
import { chromiumForFile, expectAccessible, newContext, screenshot, signIn } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { createImport, createRecord } from '../../prisma/seed/factories'

const chromium = chromiumForFile()

describe('tags', () => {
  it('are put on while screening, filter the records page, and stay blind to the other reviewer', { timeout: 120_000 }, async () => {
    const { review, users } = await seedTeam('tags', { Lena: 'LEAD', Rui: 'REVIEWER', Ana: 'REVIEWER' })
    const db = e2eDb()
    const batch = await createImport(db, review.id, users.Lena!.id)
    await createRecord(db, batch, { title: 'Deep learning for hepatic iron on MRI in children' })
    await createRecord(db, batch, { title: 'Serum ferritin in blood donors' })

    const rui = await (await newContext(chromium.browser)).newPage()
    await signIn(rui, users.Rui!.email, e2ePassword)
    await rui.goto(`/reviews/${review.id}/screening`)
    const tags = rui.getByTestId('record-tags')
    await expect.poll(() => tags.textContent()).toContain('none')
    const title = await rui.getByTestId('screening-record').getByRole('heading').first().textContent()
    // T opens the tag menu from the keyboard; typing the name there votes on nothing
    await rui.keyboard.press('t')
    await expect.poll(() => rui.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('New tag name')
    await rui.keyboard.type('Pediatric, check age')
    await expectAccessible(rui, 'tag menu')
    await rui.getByLabel('New tag name').press('Enter')
    await expect.poll(() => tags.textContent()).toContain('Pediatric, check age')
    await rui.keyboard.press('Escape')
    expect(await db.vote.count({ where: { item: { reviewId: review.id } } })).toBe(0)
    await screenshot(rui, 'tags-screening')
    // with the menu closed, the keys vote again
    await rui.keyboard.press('m')
    await expect.poll(() => db.vote.count({ where: { item: { reviewId: review.id } } })).toBe(1)
    await rui.setViewportSize({ width: 390, height: 844 })
    await screenshot(rui, 'tags-screening-390')
    await rui.setViewportSize({ width: 1440, height: 900 })

    await rui.goto(`/reviews/${review.id}/records`)
    await rui.getByRole('combobox', { name: /^Tag\b/ }).selectOption({ label: 'Pediatric, check age (1)' })
    await expect.poll(() => rui.getByText(/^1 record(?!s)/).count()).toBe(1)
    expect(await rui.getByRole('table').last().textContent()).toContain(title)
    expect(await rui.getByTestId('row-tags').textContent()).toBe('Pediatric, check age')
    await screenshot(rui, 'tags-records')

    // Ana screens blind: the record is open, so Rui's tag is not shown to her
    const ana = await (await newContext(chromium.browser)).newPage()
    await signIn(ana, users.Ana!.email, e2ePassword)
    await ana.goto(`/reviews/${review.id}/records`)
    await expect.poll(() => ana.getByText('2 records').count()).toBe(1)
    expect(await ana.getByTestId('row-tags').count()).toBe(0)
    await ana.getByRole('link', { name: title! }).click()
    await expect.poll(() => ana.getByTestId('record-tags').textContent()).toContain('none')

    // the lead renames the tag from the records page
    const lena = await (await newContext(chromium.browser)).newPage()
    await signIn(lena, users.Lena!.email, e2ePassword)
    await lena.goto(`/reviews/${review.id}/records`)
    await lena.getByRole('combobox', { name: /^Tag\b/ }).selectOption({ label: 'Pediatric, check age (0)' })
    await lena.getByRole('button', { name: 'Rename' }).click()
    await lena.getByLabel('New name of the tag').fill('Children')
    await lena.getByRole('button', { name: 'Save' }).click()
    await expect.poll(async () => (await db.tag.findFirstOrThrow({ where: { reviewId: review.id } })).name).toBe('Children')
  })
})
