/**
 * The decision bar stays on screen: a reviewer with a long abstract, on a desktop window and on a 390 px
 * phone, sees Include, Exclude and Maybe without scrolling, and can still read the whole abstract.
 */
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { artifactsDir, expectAccessible, chromiumForFile, screenshot, signIn, baseUrl } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { createImport, createRecord } from '../../prisma/seed/factories'

const chromium = chromiumForFile()

const longAbstract = Array.from(
  { length: 14 },
  (_, i) =>
    `Paragraph ${i + 1}. Liver iron concentration was estimated from multi-echo gradient-echo MRI R2* maps by a convolutional neural network trained on biopsy-matched cases, and compared with FerriScan R2 in an independent cohort of transfusion-dependent patients, with agreement reported by Bland-Altman limits.`,
).join(' ')

describe('the screening decision bar', () => {
  it('stays in view with a long abstract, on a desktop window and on a 390 px phone', { timeout: 120_000 }, async () => {
    const { review, users } = await seedTeam('layout', { Ana: 'REVIEWER', Lena: 'LEAD' })
    const batch = await createImport(e2eDb(), review.id, users.Lena!.id, { recordCount: 1 })
    await createRecord(e2eDb(), batch, { title: 'Deep learning for hepatic iron on MRI: a validation study', abstract: longAbstract })
    for (const viewport of [
      { width: 1280, height: 800, name: 'desktop' },
      { width: 390, height: 844, name: 'phone' },
    ]) {
      const context = await chromium.browser.newContext({ baseURL: baseUrl(), viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 })
      const page = await context.newPage()
      await signIn(page, users.Ana!.email, e2ePassword)
      await page.goto(`/reviews/${review.id}/screening`)
      await page
        .getByTestId('screening-record')
        .waitFor({ timeout: 15_000 })
        .catch(async (e) => {
          await screenshot(page, `screening-layout-${viewport.name}-failed`)
          throw e
        })
      // the abstract is longer than the window…
      const record = (await page.getByTestId('screening-record').boundingBox())!
      expect(record.y + record.height).toBeGreaterThan(viewport.height)
      // …and the three decisions are inside it, without scrolling
      for (const name of [/^Include/, /^Exclude/, /^Maybe/]) {
        const box = (await page.getByRole('button', { name }).boundingBox())!
        expect(box.y, `${viewport.name}: ${name}`).toBeGreaterThanOrEqual(0)
        expect(box.y + box.height, `${viewport.name}: ${name}`).toBeLessThanOrEqual(viewport.height)
      }
      await page.screenshot({ path: path.join(artifactsDir, `screening-layout-${viewport.name}.png`) }) // the window as the reviewer sees it
      // the end of the abstract can still be scrolled to and read above the bar
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      const last = (await page
        .getByText(/Paragraph 14\./)
        .last()
        .boundingBox())!
      const bar = (await page.getByTestId('decision-bar').boundingBox())!
      expect(last.y + last.height).toBeLessThanOrEqual(bar.y + 1)
      await expectAccessible(page, `screening on ${viewport.name}`)
      await context.close()
    }
  })

  it('shows the team\u2019s progress live: a colleague\u2019s agreeing vote appears within seconds, not at the next poll', { timeout: 120_000 }, async () => {
    const { review, users } = await seedTeam('live-progress', { Ana: 'REVIEWER', Bo: 'REVIEWER', Lena: 'LEAD' })
    const batch = await createImport(e2eDb(), review.id, users.Lena!.id, { recordCount: 1 })
    const { item } = await createRecord(e2eDb(), batch, { title: 'Radiomics for liver iron', abstract: 'A short abstract.' })
    const context = await chromium.browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await signIn(page, users.Ana!.email, e2ePassword)
    await page.goto(`/reviews/${review.id}/screening`)
    await page.getByTestId('screening-record').waitFor({ timeout: 15_000 })
    await page.keyboard.press('i')
    await page.getByText('Nothing left for you to screen at this stage.').waitFor()
    const panel = page.getByLabel('Screening progress')
    expect(await panel.textContent()).toContain('0 included')
    // Bo agrees in his own browser; Ana's page hears of it and refreshes the counts
    const boContext = await chromium.browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 } })
    const bo = await boContext.newPage()
    await signIn(bo, users.Bo!.email, e2ePassword)
    await bo.goto(`/reviews/${review.id}/screening`)
    await bo.getByTestId('screening-record').waitFor({ timeout: 15_000 })
    const started = Date.now()
    await bo.keyboard.press('i')
    await expect
      .poll(() =>
        e2eDb()
          .screeningItem.findUniqueOrThrow({ where: { id: item!.id } })
          .then((i) => i.status),
      )
      .toBe('INCLUDED')
    // the stream's first message is sent at once: well inside 3 s (a poll every 10 s would usually miss it)
    await expect.poll(() => panel.textContent(), { timeout: 3_000, interval: 100 }).toContain('1 included')
    expect(Date.now() - started).toBeLessThan(3_000)
    await Promise.all([context.close(), boContext.close()])
  })
})
