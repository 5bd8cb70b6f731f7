/**
 * A review that is not about diagnostic accuracy, in Chromium: a lead creates an intervention review
 * (its exclusion reasons and suggested forms fit it), the team's dual extraction of a dichotomous
 * outcome is agreed, a risk-ratio analysis is published as version 1, a lead corrects one agreed value,
 * and version 2's public page lists that value before and after beside the estimates. Screenshots at
 * 1440x900 and 390x844.
 */
import { describe, expect, inject, it } from 'vitest'
import { chromiumForFile, expectAccessible, newContext, screenshot, signIn } from './browser'
import { e2eDb, e2ePassword } from './db'
import { createImport, createRecord, createUser } from '../../prisma/seed/factories'
import { analysisSpecSchema } from '@/core/analysis/spec'

process.env.DATABASE_URL = inject('e2eDatabaseUrl')
process.env.FERRITE_EMBEDDED = inject('e2eEmbeddedDatabase') ? '1' : '0'
const chromium = chromiumForFile()

describe('an intervention review', () => {
  it('goes from creation to a published version whose diff shows a changed value', { timeout: 150_000 }, async () => {
    const db = e2eDb()
    const stamp = Date.now().toString(36)
    const [lena, ana, bo] = await Promise.all(['Lena', 'Ana', 'Bo'].map((name) => createUser(db, { email: `${name.toLowerCase()}-rr-${stamp}@example.test`, name, password: e2ePassword })))
    const context = await newContext(chromium.browser)
    const lead = await context.newPage()
    await lead.setViewportSize({ width: 1440, height: 900 })
    await signIn(lead, lena!.email, e2ePassword)

    // Creation: the lead says what kind of review it is.
    await lead.goto('/reviews/new')
    await lead.getByLabel('Title').fill(`Alternate-day oral iron ${stamp}`)
    await lead.getByLabel('Review question').fill('In iron-deficient adults, does alternate-day oral iron resolve anaemia as often as daily iron?')
    await lead.getByRole('radio', { name: /Intervention \(effects\)/ }).check()
    await screenshot(lead, 'new-review-type-1440')
    await lead.getByRole('button', { name: 'Create review' }).click()
    await lead.waitForURL(/\/reviews\/(?!new$)[^/]+$/)
    const reviewId = lead.url().split('/').at(-1)!
    expect(await lead.getByTestId('living-status').textContent()).toContain('Intervention (effects)')
    const reasons = (await db.exclusionReason.findMany({ where: { reviewId }, orderBy: { position: 'asc' } })).map((r) => r.label)
    expect(reasons).toContain('Wrong comparator')
    expect(reasons.join()).not.toMatch(/index test|reference standard/i)

    // The forms page suggests the intervention form and RoB 2 first; the lead takes the form.
    await lead.goto(`/reviews/${reviewId}/forms`)
    const templates = lead.getByTestId(/^template-/)
    expect(await templates.nth(0).getAttribute('data-testid')).toBe('template-intervention')
    expect(await templates.nth(0).textContent()).toContain('Suggested for this review')
    expect(await templates.nth(1).getAttribute('data-testid')).toBe('template-rob2')
    await expectAccessible(lead, 'forms page of an intervention review')
    await lead.getByTestId('template-intervention').getByRole('button', { name: 'Use' }).click()
    await lead.waitForURL(/\/forms\/[^/]+$/)
    const formId = lead.url().split('/').at(-1)!

    // Three included trials, each extracted by two reviewers who agree (set up directly: the screening
    // and extraction pages have their own end-to-end tests).
    for (const u of [ana!, bo!]) await db.membership.create({ data: { reviewId, userId: u.id, role: 'REVIEWER' } })
    const { assignStudy } = await import('@/server/services/extraction/assignments')
    const { saveEntry } = await import('@/server/services/extraction/entries')
    const { setConsensus } = await import('@/server/services/extraction/consensus')
    const { saveAnalysis } = await import('@/server/services/analysis/analyses')
    const leadActor = { userId: lena!.id, reviewId, role: 'LEAD' as const }
    const batch = await createImport(db, reviewId, lena!.id)
    const trials = [
      ['Stoffel 2020', 30, 50, 24, 50],
      ['Kaundal 2021', 41, 60, 36, 60],
      ['Pasupathy 2023', 55, 90, 50, 90],
    ] as const
    const studyIds: string[] = []
    for (const [label, e1, n1, e2, n2] of trials) {
      const { record } = await createRecord(db, batch, { title: `${label}: alternate-day versus daily oral iron`, screen: false })
      const study = await db.study.create({ data: { reviewId, label, reports: { create: { recordId: record.id } } } })
      studyIds.push(study.id)
      await assignStudy(leadActor, study.id, formId, [ana!.id, bo!.id])
      const values = {
        arms: { intervention: 'Alternate-day oral iron', comparator: 'Daily oral iron' },
        dichotomous: [{ outcome: 'Anaemia resolved', time_point: '3 months', data: { events1: e1, total1: n1, events2: e2, total2: n2 } }],
      }
      for (const u of [ana!, bo!]) await saveEntry({ userId: u.id, reviewId, role: 'REVIEWER' }, study.id, formId, values, true)
    }
    const analysis = await saveAnalysis(leadActor, {
      name: 'Anaemia resolved (risk ratio)',
      spec: analysisSpecSchema.parse({ kind: 'univariate', formId, source: { sectionId: 'dichotomous', fieldId: 'data' }, measure: 'RR', method: 'REML' }),
    })
    await lead.goto(`/reviews/${reviewId}/analyses/${analysis.id}`)
    await expect.poll(() => lead.getByText('3 studies pooled', { exact: false }).first().isVisible()).toBe(true)
    // every pooled number leads to the values and decisions behind it, and each study to all its fields
    await lead.getByTestId('pooled-provenance').click()
    await expect.poll(() => lead.url()).toMatch(/#data$/)
    await lead.getByTestId('provenance-Kaundal 2021').getByRole('link', { name: 'Kaundal 2021' }).click()
    await lead.waitForURL(/\/compare\?show=all&field=/)
    const pooledRow = lead.getByTestId('consensus-dichotomous[0].data')
    await expect.poll(() => pooledRow.getAttribute('aria-current')).toBe('true')
    expect(await lead.getByLabel('Only fields still to agree').isChecked()).toBe(false)
    expect(await lead.getByTestId('consensus-arms.intervention').isVisible()).toBe(true)

    // How the team is cited, then version 1.
    await lead.goto(`/reviews/${reviewId}/settings`)
    await lead.getByLabel('Cite as (authors or team)').fill('Lee K, Okafor A, for the Oral Iron Review Group')
    await lead.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => lead.getByTestId('toast').filter({ hasText: 'Settings saved.' }).count()).toBeGreaterThan(0)
    await lead.goto(`/reviews/${reviewId}/publish`)
    await lead.getByLabel('What this version is and what changed').fill('First version: three trials.')
    await lead.getByRole('button', { name: 'Publish version 1' }).click()
    await expect.poll(() => lead.getByTestId('version-1').isVisible()).toBe(true)

    // A correction: the lead re-reads Kaundal 2021 and agrees 38 of 60, not 41, resolved with alternate-day iron.
    await setConsensus(leadActor, studyIds[1]!, formId, 'dichotomous[0].data', { source: 'manual', value: { events1: 38, total1: 60, events2: 36, total2: 60 } })
    await lead.goto(`/reviews/${reviewId}/publish`)
    await expect.poll(() => lead.getByTestId('value-changes').textContent()).toContain('41 / 60 vs 36 / 60')
    await lead.getByLabel('What this version is and what changed').fill('Correction: Kaundal 2021 events recounted.')
    await lead.getByRole('button', { name: 'Publish version 2' }).click()
    await expect.poll(() => lead.getByTestId('version-2').isVisible()).toBe(true)

    const slug = (await db.review.findUniqueOrThrow({ where: { id: reviewId } })).slug
    const reader = await (await newContext(chromium.browser)).newPage()
    await reader.setViewportSize({ width: 1440, height: 900 })
    await reader.goto(`/p/${slug}`)
    await expect.poll(() => reader.getByText('Version 2 of 2', { exact: false }).isVisible()).toBe(true)
    const [study, field, before, after] = await reader.getByTestId('value-changes').locator('tbody tr').first().locator('th, td').allTextContents()
    expect([study, field, before, after]).toEqual([
      'Kaundal 2021',
      'Intervention study · Dichotomous outcomes 1 · Events / total (intervention, comparator)',
      '41 / 60 vs 36 / 60',
      '38 / 60 vs 36 / 60',
    ])
    const [name, estimateBefore, estimateAfter] = await reader.getByTestId('version-changes').locator('tbody tr').first().locator('td').allTextContents()
    expect(name).toBe('Anaemia resolved (risk ratio)')
    expect(estimateAfter).not.toBe(estimateBefore)
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    expect(await reader.getByTestId('cite').textContent()).toBe(
      `Cite this version: Lee K, Okafor A, for the Oral Iron Review Group. Alternate-day oral iron ${stamp}. Living systematic review, version 2, ${today}. ${new URL(reader.url()).origin}/p/${slug}?v=2`,
    )
    // every figure can be downloaded as SVG and PNG, as this version drew it
    const svgLink = reader.getByRole('link', { name: 'Anaemia resolved (risk ratio): Forest plot (SVG)' })
    const svg = await reader.request.get((await svgLink.getAttribute('href'))!)
    expect([svg.status(), svg.headers()['content-type']]).toEqual([200, 'image/svg+xml; charset=utf-8'])
    // an SVG opened on its own is a document: the server's policy lets no inline script run in it
    expect(svg.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+';/)
    expect(await svg.text()).toContain('Kaundal 2021')
    const png = await reader.request.get((await reader.getByRole('link', { name: /PRISMA 2020 flow diagram: .* \(PNG\)/ }).getAttribute('href'))!)
    expect([png.status(), png.headers()['content-type']]).toEqual([200, 'image/png'])
    expect((await png.body()).subarray(1, 4).toString()).toBe('PNG')
    expect((await reader.request.get(`/p/${slug}/download/analysis-9-forest.svg?v=2`)).status()).toBe(404)
    // the pooled estimate's study count opens the data behind it: each study's agreed value as pooled
    await reader.getByTestId('summary-of-findings').getByRole('link', { name: '3 studies' }).click()
    const pooled = reader.getByTestId('pooled-data')
    await expect.poll(() => pooled.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true)
    expect(await pooled.locator('tbody tr').count()).toBe(3)
    expect(await pooled.locator('tbody tr').filter({ hasText: 'Kaundal 2021' }).locator('td').allTextContents()).toEqual(['38 / 60 vs 36 / 60'])
    await expectAccessible(reader, 'public page of an intervention review')
    await screenshot(reader, 'intervention-public-v2-1440')
    await reader.setViewportSize({ width: 390, height: 844 })
    await screenshot(reader, 'intervention-public-v2-390')
    await lead.setViewportSize({ width: 390, height: 844 })
    await lead.goto('/reviews/new')
    await screenshot(lead, 'new-review-type-390')
  })
})
