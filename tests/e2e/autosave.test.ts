/** An extraction draft saves itself a moment after the last change: a reload loses nothing. */
import { describe, expect, inject, it } from 'vitest'
import { chromiumForFile, newContext, signIn } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { createImport, createRecord } from '../../prisma/seed/factories'

process.env.DATABASE_URL = inject('e2eDatabaseUrl')
process.env.FERRITE_EMBEDDED = inject('e2eEmbeddedDatabase') ? '1' : '0'
const chromium = chromiumForFile()

describe('extraction drafts', () => {
  it('save themselves after a change', { timeout: 90_000 }, async () => {
    const { review, users } = await seedTeam('autosave', { Lena: 'LEAD', Ana: 'REVIEWER' })
    const { createForm } = await import('@/server/services/extraction/forms')
    const { assignStudy } = await import('@/server/services/extraction/assignments')
    const lead = { userId: users.Lena!.id, reviewId: review.id, role: 'LEAD' as const }
    const form = await createForm(lead, { kind: 'EXTRACTION', templateKey: 'prevalence' })
    const { record } = await createRecord(e2eDb(), await createImport(e2eDb(), review.id, users.Lena!.id), { screen: false })
    const study = await e2eDb().study.create({ data: { reviewId: review.id, label: 'Donors 2024', reports: { create: { recordId: record.id } } } })
    await assignStudy(lead, study.id, form.id, [users.Ana!.id])

    const page = await (await newContext(chromium.browser)).newPage()
    await signIn(page, users.Ana!.email, e2ePassword)
    await page.goto(`/reviews/${review.id}/studies/${study.id}/forms/${form.id}`)
    await page.getByLabel('Country').fill('Norway')
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toMatch(/^Saved at /)
    const entry = await e2eDb().formEntry.findFirstOrThrow({ where: { studyId: study.id, userId: users.Ana!.id } })
    expect(entry).toMatchObject({ status: 'DRAFT', values: { study: { country: 'Norway' } } })
    await page.reload()
    await expect.poll(() => page.getByLabel('Country').inputValue()).toBe('Norway')
  })
})
