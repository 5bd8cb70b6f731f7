/**
 * Records and screening in Chromium: a lead imports a real RIS export and another search, reviews a
 * suspected duplicate; two reviewers screen blind with the keyboard; the lead resolves their conflict;
 * at full text a PDF is uploaded, read in pdf.js and excluded with a reason.
 */
import path from 'node:path'
import fs from 'node:fs'
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { expectAccessible, importSearch, chromiumForFile, newContext, screenshot, signIn } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { hasSharedData, importFile } from '../helpers/shared-data'
import { minimalPdf } from '../../prisma/seed/pdf'

const chromium = chromiumForFile()

const currentItem = (page: Page) => page.getByTestId('screening-record').getAttribute('data-item-id')

describe.skipIf(!hasSharedData)('records and screening', () => {
  it('import, duplicates, blind keyboard screening, conflict, full text with a PDF and a reason', { timeout: 240_000 }, async () => {
    const { review, users } = await seedTeam('screen', { Lena: 'LEAD', Ana: 'REVIEWER', Bo: 'REVIEWER' })
    const ctx = { lead: await newContext(chromium.browser), a: await newContext(chromium.browser), b: await newContext(chromium.browser) }
    const lead = await ctx.lead.newPage()
    await signIn(lead, users.Lena!.email, e2ePassword)

    // Import a real Scopus RIS export, then Zoological Record (Web of Science tagged), which overlaps it.
    expect(await importSearch(lead, review.id, importFile('synthesisr__scopus.ris'), 'Scopus')).toBe(92)
    await expectAccessible(lead, 'import page with result')
    expect(await importSearch(lead, review.id, importFile('synthesisr__zoorec.txt'), 'Zoological Record')).toBe(134)
    await lead.goto(`/reviews/${review.id}/records`)
    await expect.poll(() => lead.getByText(/226 records from 2 searches/).isVisible()).toBe(true)
    await expectAccessible(lead, 'records page')
    await screenshot(lead, 'records')

    // Review the suspected duplicate: it is the same paper indexed twice.
    await lead.getByRole('link', { name: 'Duplicates' }).click()
    await expect.poll(() => lead.getByTestId('duplicate-group').count()).toBeGreaterThan(0)
    await expectAccessible(lead, 'duplicates page')
    await screenshot(lead, 'duplicates')
    const pending = await lead.getByTestId('duplicate-group').count()
    await lead.getByRole('button', { name: 'Confirm duplicates' }).first().click()
    await expect.poll(() => lead.getByTestId('duplicate-group').count()).toBe(pending - 1)

    // Two reviewers screen blind, with the keyboard.
    const a = await ctx.a.newPage()
    const b = await ctx.b.newPage()
    await signIn(a, users.Ana!.email, e2ePassword)
    await signIn(b, users.Bo!.email, e2ePassword)
    await a.goto(`/reviews/${review.id}/screening`)
    await expect.poll(() => currentItem(a)).not.toBeNull()
    await expectAccessible(a, 'screening page')
    // the reviewer's own count moves with each vote (the vote brings the next record back with it)
    const myVotes = async () => Number((await a.getByLabel('Screening progress').innerText()).match(/(\d+) voted/)?.[1] ?? NaN)
    await expect.poll(myVotes).toBe(0)
    const x = (await currentItem(a))!
    await a.keyboard.press('i')
    await expect.poll(() => currentItem(a)).not.toBe(x)
    await expect.poll(myVotes).toBe(1)
    const y = (await currentItem(a))!
    await a.keyboard.press('e')
    await expect.poll(() => currentItem(a)).not.toBe(y)
    await expect.poll(myVotes).toBe(2)
    // undo brings y back, and voting again moves on
    await a.keyboard.press('u')
    await expect.poll(() => currentItem(a)).toBe(y)
    await expect.poll(myVotes).toBe(1)
    await a.keyboard.press('e')
    await expect.poll(() => currentItem(a)).not.toBe(y)
    await expect.poll(myVotes).toBe(2)
    const z = (await currentItem(a))!
    await a.keyboard.press('n')
    await expect.poll(() => currentItem(a)).not.toBe(z)
    await screenshot(a, 'screening-title-abstract')

    await b.goto(`/reviews/${review.id}/records/${await recordOf(x)}`)
    await expect.poll(() => b.getByText('Other reviewers’ votes stay hidden until the record is resolved.').isVisible()).toBe(true)
    expect(await b.getByText('Ana:').count()).toBe(0)
    await expectAccessible(b, 'record page (blinded)')
    await b.getByRole('link', { name: 'Screen this record' }).click()
    await expect.poll(() => currentItem(b)).toBe(x)
    await expect.poll(() => b.getByText('Your vote:').count()).toBe(0)
    await b.keyboard.press('e') // disagrees with Ana: conflict
    await expect.poll(() => currentItem(b)).not.toBe(x)
    await b.goto(`/reviews/${review.id}/screening?item=${y}`)
    await expect.poll(() => currentItem(b)).toBe(y)
    await b.keyboard.press('e') // agrees with Ana: excluded
    await expect.poll(() => currentItem(b)).not.toBe(y)
    expect(await itemStatus(x)).toBe('CONFLICT')
    expect(await itemStatus(y)).toBe('EXCLUDED')
    // Ben's own agreement counts the settled record only: the conflict on x tells him nothing until the lead decides it
    await expect.poll(() => b.getByTestId('my-agreement').textContent()).toBe('You agreed on 1 of 1 (100%) · team 100%')

    // The lead resolves the conflict from the keyboard, with a note (optional); keys typed into the note stay in it.
    await lead.goto(`/reviews/${review.id}/conflicts`)
    await expect.poll(() => lead.getByTestId('conflict').count()).toBe(1)
    await expectAccessible(lead, 'conflicts page')
    await lead.getByLabel('Decision note (optional)').fill('Adult cohort with MRI R2* as reference: include')
    await lead.getByLabel('Decision note (optional)').press('e')
    expect(await itemStatus(x)).toBe('CONFLICT')
    await lead.getByLabel('Decision note (optional)').press('Backspace')
    await lead.getByLabel('Decision note (optional)').blur()
    await lead.keyboard.press('i')
    await expect.poll(() => lead.getByTestId('conflict').count()).toBe(0)
    expect(await itemStatus(x)).toBe('INCLUDED')
    await b.reload()
    await expect.poll(() => b.getByTestId('my-agreement').textContent()).toMatch(/^You agreed on 1 of 2 \(50%, κ [-0.9]+\) · team 50%/)
    expect((await e2eDb().screeningItem.findUniqueOrThrow({ where: { id: x } })).decisionNote).toBe('Adult cohort with MRI R2* as reference: include')

    // Full text: Ana uploads the PDF, reads it in pdf.js and excludes with a reason; Bo agrees.
    await a.goto(`/reviews/${review.id}/screening?stage=full-text`)
    await expect.poll(() => a.getByText('No full text yet').isVisible()).toBe(true)
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-pdf-')), 'study.pdf')
    fs.writeFileSync(file, minimalPdf('Full text of the included study'))
    await a.locator('input[type=file]').setInputFiles(file)
    await expect.poll(() => a.locator('[data-testid=pdf-pages] canvas').count(), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => a.getByText('1 of 1 pages').isVisible()).toBe(true)
    await expectAccessible(a, 'full-text screening with a PDF')
    await screenshot(a, 'screening-full-text')
    await a.keyboard.press('e')
    await expect.poll(() => a.getByText('Why is this full text excluded?').isVisible()).toBe(true)
    await a.keyboard.press('5')
    await expect.poll(() => a.getByText('Nothing left for you to screen at this stage.').isVisible()).toBe(true)
    await b.goto(`/reviews/${review.id}/screening?stage=full-text`)
    await expect.poll(() => b.locator('[data-testid=pdf-pages] canvas').count(), { timeout: 20_000 }).toBe(1)
    await b.getByRole('button', { name: /^Exclude/ }).click()
    await b.getByRole('button', { name: /Wrong study design/ }).click()
    const ftItem = await ftItemOf(x)
    await expect.poll(() => itemStatus(ftItem)).toBe('EXCLUDED')
    const ft = await e2eDb().screeningItem.findUniqueOrThrow({ where: { id: ftItem }, include: { exclusionReason: true } })
    expect(ft.exclusionReason?.label).toBe('Wrong study design')

    // The lead sees agreement statistics.
    await lead.goto(`/reviews/${review.id}/screening/statistics`)
    await expect.poll(() => lead.getByTestId('kappa-row').count()).toBe(1)
    await expectAccessible(lead, 'statistics page')
    await screenshot(lead, 'screening-statistics')
    // which model ranks the queue, how it did on the benchmark, and a link to the figures
    await expect.poll(() => lead.getByTestId('model-benchmark').textContent()).toMatch(/Measured on 14 published reviews: mean WSS@95 [\d.]+%/)
    await lead.getByRole('link', { name: 'How the model and the rule were chosen' }).click()
    await lead.waitForURL('**/help/screening')
    const { screeningModelNames } = await import('@/core/screening/screening-models')
    await expect.poll(() => lead.getByTestId('benchmark-models').locator('tbody tr').count()).toBe(screeningModelNames.length)
    await expect.poll(() => lead.getByText('default', { exact: true }).count()).toBe(1)
    await expectAccessible(lead, 'screening models page')
    await screenshot(lead, 'help-screening')
    await Promise.all(Object.values(ctx).map((c) => c.close()))
  })
})

async function recordOf(itemId: string) {
  return (await e2eDb().screeningItem.findUniqueOrThrow({ where: { id: itemId } })).recordId
}
async function itemStatus(itemId: string) {
  return (await e2eDb().screeningItem.findUniqueOrThrow({ where: { id: itemId } })).status
}
async function ftItemOf(itemId: string) {
  const recordId = await recordOf(itemId)
  return (await e2eDb().screeningItem.findUniqueOrThrow({ where: { recordId_stage: { recordId, stage: 'FULL_TEXT' } } })).id
}
