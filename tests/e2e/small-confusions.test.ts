/**
 * Small things that misled a team in a full review run (issue 16, item 10), each checked in Chromium:
 * one main landmark on every page of a review; a sign-in that returns to the page asked for; no
 * "Manage team" for reviewers; no "waiting for you" for a viewer; an import form that clears after an
 * import; on a phone, the current tab in view.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { describe, expect, it } from 'vitest'
import { chromiumForFile, expectAccessible, importSearch, newContext, screenshot, signIn } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { createUser } from '../../prisma/seed/factories'

const chromium = chromiumForFile()

describe('small confusions', () => {
  it('every page of a review has one main landmark; sign-in returns to the page asked for', { timeout: 120_000 }, async () => {
    const { review, users } = await seedTeam('landmarks', { Lena: 'LEAD', Rui: 'REVIEWER', Vic: 'VIEWER' })
    const page = await (await newContext(chromium.browser)).newPage()
    const deep = `/reviews/${review.id}/screening?stage=full-text`
    await page.goto(deep)
    await page.waitForURL((u) => u.pathname === '/signin')
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(deep)
    await page.getByLabel('Email').fill(users.Lena!.email)
    await page.getByLabel('Password').fill(e2ePassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((u) => u.pathname === `/reviews/${review.id}/screening`)
    expect(new URL(page.url()).search).toBe('?stage=full-text')

    for (const section of [
      '',
      '/records',
      '/searches',
      '/screening',
      '/conflicts',
      '/screening/statistics',
      '/studies',
      '/forms',
      '/quality',
      '/analyses',
      '/prisma-flow',
      '/publish',
      '/team',
      '/settings',
      '/activity',
    ]) {
      await page.goto(`/reviews/${review.id}${section}`)
      await expect.poll(() => page.title()).not.toBe('')
      const results = await new AxeBuilder({ page }).withRules(['landmark-one-main', 'landmark-no-duplicate-main']).analyze()
      expect(
        results.violations.map((v) => v.id),
        `landmarks on ${section || 'the overview'}`,
      ).toEqual([])
    }
    await page.goto(`/reviews/${review.id}`)
    expect(await page.getByRole('link', { name: 'Manage team' }).isVisible()).toBe(true)

    const reviewer = await (await newContext(chromium.browser)).newPage()
    await signIn(reviewer, users.Rui!.email, e2ePassword)
    await reviewer.goto(`/reviews/${review.id}`)
    expect(await reviewer.getByRole('link', { name: 'Manage team' }).count()).toBe(0)
    expect(await reviewer.getByRole('link', { name: 'Team', exact: true }).count()).toBeGreaterThan(0)

    const viewer = await (await newContext(chromium.browser)).newPage()
    await signIn(viewer, users.Vic!.email, e2ePassword)
    await viewer.goto(`/reviews/${review.id}/screening`)
    const progress = viewer.getByRole('region', { name: 'Screening progress' }).or(viewer.getByLabel('Screening progress'))
    await expect.poll(() => progress.textContent()).toContain('Reading only: viewers do not vote')
    expect(await progress.textContent()).not.toContain('waiting for you')

    // the import form is empty again after an import, ready for the next database's export
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-import-'))
    const file = path.join(dir, 'pubmed.ris')
    fs.writeFileSync(file, 'TY  - JOUR\nTI  - Ferritin thresholds in blood donors\nPY  - 2024\nER  - \n')
    expect(await importSearch(page, review.id, file, 'PubMed')).toBe(1)
    expect(await page.getByLabel('Database or register searched').inputValue()).toBe('')
    expect(await page.getByLabel('Export file').evaluate((input: HTMLInputElement) => input.files?.length ?? 0)).toBe(0)

    // the records a filter shows can be exported (RIS, CSV); someone outside the review gets nothing
    await page.goto(`/reviews/${review.id}/records`)
    const exportLink = page.getByTestId('export-ris')
    await expect.poll(() => exportLink.isVisible()).toBe(true)
    const href = (await exportLink.getAttribute('href'))!
    const ris = await page.request.get(href)
    expect(ris.headers()['content-type']).toBe('application/x-research-info-systems; charset=utf-8')
    expect(await ris.text()).toContain('TI  - Ferritin thresholds in blood donors')
    const csv = await (await page.request.get(href.replace('format=ris', 'format=csv'))).text()
    expect(csv.split('\r\n')[0]).toBe('title,authors,year,journal,volume,issue,pages,doi,pmid,abstract,keywords,source')
    const outsider = await (await newContext(chromium.browser)).newPage()
    const stranger = await createUser(e2eDb(), { email: `stranger-${Date.now().toString(36)}@example.test`, name: 'Stranger', password: e2ePassword })
    await signIn(outsider, stranger.email, e2ePassword)
    expect((await outsider.request.get(href)).status()).toBe(404)

    // the overview is a dashboard: counts per stage, what waits for me; the criteria beside every record
    await page.goto(`/reviews/${review.id}/settings`)
    await page.getByLabel('Eligibility criteria').fill('Include: blood donors, any age.\nExclude: case reports.')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page.getByTestId('toast').filter({ hasText: 'Settings saved.' }).count()).toBeGreaterThan(0)
    await page.goto(`/reviews/${review.id}`)
    expect(await page.getByTestId('stage-counts').textContent()).toContain('Records imported1')
    expect(await page.getByTestId('my-tasks').textContent()).toContain('1 record to screen (title and abstract)')
    expect(await page.getByTestId('overview-criteria').textContent()).toBe('Include: blood donors, any age.\nExclude: case reports.')
    await expectAccessible(page, 'overview dashboard')
    await page.setViewportSize({ width: 1440, height: 900 })
    await screenshot(page, 'overview-dashboard')
    await page.getByRole('link', { name: '1 record to screen (title and abstract)' }).click()
    await page.waitForURL((u) => u.pathname === `/reviews/${review.id}/screening`)
    await expect.poll(() => page.getByTestId('criteria').textContent()).toContain('Exclude: case reports.')
    await expect.poll(() => page.getByTestId('screening-record').getAttribute('data-item-id')).not.toBeNull()
    await page.keyboard.press('e')
    await expect.poll(() => page.getByText('Nothing left for you to screen at this stage.').isVisible()).toBe(true)
    await page.goto(`/reviews/${review.id}`)
    expect(await page.getByTestId('my-tasks').textContent()).toBe('Nothing is waiting for you.')
    expect(await reviewer.goto(`/reviews/${review.id}`).then(() => reviewer.getByTestId('my-tasks').textContent())).toContain('1 record to screen')

    // the activity log reads as sentences about named things, by kind
    await page.goto(`/reviews/${review.id}/activity?kind=records`)
    await expect.poll(() => page.getByTestId('activity').textContent()).toContain('Imported search results: PubMed (pubmed.ris)')
    expect(await page.getByTestId('activity').textContent()).not.toContain('Voted')
    await page.goto(`/reviews/${review.id}/activity?kind=screening`)
    await expect.poll(() => page.getByTestId('activity').textContent()).toContain('Voted: Ferritin thresholds in blood donors')

    // on a phone the tab bar scrolls, and the current tab is brought into view
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`/reviews/${review.id}/activity`)
    const current = page.getByRole('navigation', { name: 'Review sections' }).locator('[aria-current="page"]')
    await expect.poll(async () => (await current.boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0)
    const box = (await current.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(390)
  })
})
