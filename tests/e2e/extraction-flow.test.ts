/**
 * Extraction and quality assessment in Chromium: a lead builds a form from the diagnostic-accuracy
 * template, two reviewers extract one study with one discrepancy and the lead settles it; two raters
 * score QUADAS-2, the lead settles their difference, and the traffic-light plot shows the agreed
 * judgements.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { expectAccessible, chromiumForFile, newContext, screenshot, signIn } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { createImport, createRecord } from '../../prisma/seed/factories'

const chromium = chromiumForFile()

async function extract(page: Page, reviewId: string, fp: string) {
  await page.goto(`/reviews/${reviewId}/studies`)
  await page.getByRole('link', { name: 'Enter data' }).click()
  await page.waitForURL(/\/forms\/[^/]+$/)
  await page.getByLabel('Participants (presenting condition, prior tests, inclusion criteria)').fill('Thalassaemia major')
  await page.getByRole('textbox', { name: 'Reference standard', exact: true }).fill('R2 relaxometry (FerriScan)')
  await page.getByRole('textbox', { name: 'Index test', exact: true }).fill('U-Net R2*')
  await page.getByLabel('Category (the group it belongs to in subgroup analyses)').fill('Deep learning')
  await page.getByLabel('TP', { exact: true }).fill('34')
  await page.getByLabel('FP', { exact: true }).fill(fp)
  await page.getByLabel('FN', { exact: true }).fill('6')
  await page.getByLabel('TN', { exact: true }).fill('28')
  await page.getByRole('button', { name: 'Submit' }).click()
  await expect.poll(() => page.getByTestId('toast').filter({ hasText: 'Submitted' }).count()).toBeGreaterThan(0)
}

async function rate(page: Page, reviewId: string, patientSelection: string) {
  await page.goto(`/reviews/${reviewId}/studies`)
  await page.getByLabel('Form', { exact: true }).selectOption({ label: 'QUADAS-2 (quality, v1)' })
  await page.getByRole('link', { name: 'Enter data' }).click()
  await page.waitForURL(/\/forms\/[^/]+$/)
  await page.getByRole('combobox', { name: 'Could the selection of patients have introduced bias?' }).selectOption(patientSelection)
  await page.getByRole('combobox', { name: 'Could the conduct or interpretation of the index test have introduced bias?' }).selectOption('low')
  await page.getByRole('combobox', { name: 'Could the reference standard, its conduct, or its interpretation have introduced bias?' }).selectOption('low')
  await page.getByRole('combobox', { name: 'Could the patient flow have introduced bias?' }).selectOption('unclear')
  for (const concern of [
    'Are there concerns that the included patients and setting do not match the review question?',
    'Are there concerns that the index test, its conduct, or interpretation differ from the review question?',
    'Are there concerns that the target condition as defined by the reference standard does not match the review question?',
  ])
    await page.getByRole('combobox', { name: concern }).selectOption('low')
  await page.getByRole('textbox', { name: 'Support for: Could the patient flow have introduced bias?' }).fill('Interval between MRI and FerriScan not reported')
  await page.getByRole('button', { name: 'Submit' }).click()
  await expect.poll(() => page.getByTestId('toast').filter({ hasText: 'Submitted' }).count()).toBeGreaterThan(0)
}

describe('extraction and quality assessment', () => {
  it('form from a template, dual extraction with a discrepancy, QUADAS-2 consensus and the traffic-light plot', { timeout: 240_000 }, async () => {
    const { review, users } = await seedTeam('extract', { Lena: 'LEAD', Ana: 'REVIEWER', Bo: 'REVIEWER' })
    const batch = await createImport(e2eDb(), review.id, users.Lena!.id)
    const { record } = await createRecord(e2eDb(), batch, { authors: ['Okafor, N.'], year: 2021, title: 'Deep learning for liver iron on R2* maps', screen: false })
    await e2eDb().study.create({ data: { reviewId: review.id, label: 'Okafor 2021', reports: { create: { recordId: record.id } } } })

    const [lc, ac, bc] = [await newContext(chromium.browser), await newContext(chromium.browser), await newContext(chromium.browser)]
    const lead = await lc.newPage()
    await signIn(lead, users.Lena!.email, e2ePassword)

    // The lead builds the form from the diagnostic-accuracy template and adds a field.
    await lead.goto(`/reviews/${review.id}/forms`)
    await expectAccessible(lead, 'forms page')
    await lead.getByTestId('template-diagnostic_accuracy').getByRole('button', { name: 'Use' }).click()
    await lead.waitForURL(/\/forms\/[^/]+$/)
    await expectAccessible(lead, 'form builder')
    const indexTests = lead.getByRole('region', { name: 'Section Index tests and thresholds' })
    await indexTests.getByRole('button', { name: 'Add field' }).click()
    await indexTests.getByLabel('Field label').last().fill('Scanner model')
    await lead.getByRole('button', { name: 'Save as new version' }).click()
    await expect.poll(() => lead.getByTestId('toast').filter({ hasText: 'Saved as version 2' }).count()).toBeGreaterThan(0)
    await screenshot(lead, 'form-builder')

    // Two extractors, assigned on the studies page.
    await lead.goto(`/reviews/${review.id}/studies`)
    await lead.getByLabel('Extractor 1 for Okafor 2021').selectOption({ label: 'Ana' })
    await expect.poll(() => lead.getByLabel('Extractor 1 for Okafor 2021').isEnabled()).toBe(true)
    await lead.getByLabel('Extractor 2 for Okafor 2021').selectOption({ label: 'Bo' })
    await expect.poll(async () => await e2eDb().studyAssignment.count({ where: { study: { reviewId: review.id } } })).toBe(2)
    await expectAccessible(lead, 'studies page')

    const ana = await ac.newPage()
    const bo = await bc.newPage()
    await signIn(ana, users.Ana!.email, e2ePassword)
    await signIn(bo, users.Bo!.email, e2ePassword)
    await extract(ana, review.id, '7')
    await expectAccessible(ana, 'entry form (submitted)')
    await screenshot(ana, 'extraction-entry')
    // Before Bo submits, neither he nor the lead can see Ana's values.
    await lead.reload()
    expect(await lead.getByRole('link', { name: 'Compare and agree' }).count()).toBe(0)
    await extract(bo, review.id, '9')

    // The lead sees the one discrepancy and takes Ana's table.
    await lead.goto(`/reviews/${review.id}/studies`)
    await lead.getByRole('link', { name: 'Compare and agree' }).click()
    await lead.waitForURL('**/compare')
    const row = lead.getByTestId('consensus-index_tests[0].two_by_two')
    await expect.poll(() => row.textContent()).toContain('FP 9')
    expect(await lead.locator('[data-testid^="consensus-"]').count()).toBe(1)
    await expectAccessible(lead, 'consensus page')
    await screenshot(lead, 'extraction-consensus')
    await row.getByRole('button', { name: 'Use Ana’s' }).click()
    await expect.poll(() => lead.getByText('Every field has an agreed value.').isVisible()).toBe(true)
    // the lead says why, under the agreed value
    await lead.getByLabel('Only fields still to agree').uncheck()
    const agreedRow = lead.getByTestId('consensus-index_tests[0].two_by_two')
    await agreedRow.getByRole('button', { name: 'Add a note' }).click()
    await agreedRow.getByLabel('Note on 2x2 table').fill('Table 2 of the full text')
    await agreedRow.getByRole('button', { name: 'Save note' }).click()
    await expect.poll(() => agreedRow.textContent()).toContain('“Table 2 of the full text”')
    const agreed = await e2eDb().consensusValue.findFirstOrThrow({ where: { path: 'index_tests[0].two_by_two', study: { reviewId: review.id } } })
    expect(agreed.value).toEqual({ tp: 34, fp: 7, fn: 6, tn: 28 })

    // QUADAS-2, rated by both, settled by the lead.
    await lead.goto(`/reviews/${review.id}/forms`)
    await lead.getByTestId('template-quadas2').getByRole('button', { name: 'Use' }).click()
    await lead.waitForURL(/\/forms\/[^/]+$/)
    await lead.goto(`/reviews/${review.id}/studies`)
    await lead.getByLabel('Form', { exact: true }).selectOption({ label: 'QUADAS-2 (quality, v1)' })
    await lead.getByLabel('Extractor 1 for Okafor 2021').selectOption({ label: 'Ana' })
    await expect.poll(() => lead.getByLabel('Extractor 1 for Okafor 2021').isEnabled()).toBe(true)
    await lead.getByLabel('Extractor 2 for Okafor 2021').selectOption({ label: 'Bo' })
    await expect.poll(async () => e2eDb().studyAssignment.count({ where: { study: { reviewId: review.id } } })).toBe(4)
    await rate(ana, review.id, 'high')
    await screenshot(ana, 'quadas-entry')
    await rate(bo, review.id, 'unclear')
    await lead.reload()
    await lead.getByLabel('Form', { exact: true }).selectOption({ label: 'QUADAS-2 (quality, v1)' })
    await lead.getByRole('link', { name: 'Compare and agree' }).click()
    await lead.waitForURL('**/compare')
    const d1 = lead.getByTestId('consensus-d1.risk_of_bias')
    await d1.getByRole('button', { name: 'Use Ana’s' }).click()
    await expect.poll(() => lead.getByText('Every field has an agreed value.').isVisible()).toBe(true)

    // The quality page draws the agreed judgements.
    await lead.goto(`/reviews/${review.id}/quality`)
    const plot = lead.getByTestId('traffic-light')
    await expect.poll(() => plot.locator('svg').count()).toBe(1)
    const svg = (await plot.innerHTML()).replace(/\s+/g, ' ')
    expect(svg).toContain('Okafor 2021')
    const table = lead.getByTestId('judgement-table')
    const cells = await table.locator('tbody tr').first().locator('td').allTextContents()
    expect(cells.slice(0, 4)).toEqual(['High', 'Low', 'Low', 'Unclear'])
    await expectAccessible(lead, 'quality page')
    await screenshot(lead, 'quality-traffic-light')
    // The plot downloads as SVG and PNG.
    const download = await lead.request.get(
      `/api/reviews/${review.id}/plots/risk-of-bias-traffic-light?formId=${(await e2eDb().form.findFirstOrThrow({ where: { reviewId: review.id, kind: 'QUALITY' } })).id}&format=png`,
    )
    expect(download.status()).toBe(200)
    expect(download.headers()['content-type']).toBe('image/png')
    expect((await download.body()).subarray(1, 4).toString()).toBe('PNG')
    await Promise.all([lc.close(), ac.close(), bc.close()])
  })
})
