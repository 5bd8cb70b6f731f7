/** Many full-text PDFs at once, in Chromium (issue 16, item 9): matched by DOI, PMID or title, one chosen by hand, one left out. */
import { describe, expect, it } from 'vitest'
import { chromiumForFile, expectAccessible, newContext, screenshot, signIn } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { createImport, createRecord } from '../../prisma/seed/factories'

const chromium = chromiumForFile()
const pdf = (n: number) => ({ mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% file ${n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1') })

describe('bulk full-text upload', () => {
  it('matches PDFs by their names and uploads them with progress', { timeout: 120_000 }, async () => {
    const { review, users } = await seedTeam('pdfs', { Lena: 'LEAD', Rui: 'REVIEWER' })
    const db = e2eDb()
    const batch = await createImport(db, review.id, users.Lena!.id)
    const sought = async (fields: Parameters<typeof createRecord>[2]) => {
      const r = await createRecord(db, batch, fields)
      await db.screeningItem.create({ data: { reviewId: review.id, recordId: r.record.id, stage: 'FULL_TEXT' } })
      return r.record
    }
    const a = await sought({ title: 'Deep learning for liver iron on MRI', doi: '10.1002/jmri.27001' })
    const b = await sought({ title: 'Radiomics of hepatic iron overload in thalassaemia', authors: ['Okafor, C.'], year: 2021 })
    const c = await sought({ title: 'Hepatic R2* in sickle cell disease', authors: ['Smith, A.'], year: 2020 })
    const d = await sought({ title: 'Hepatic T2* in sickle cell disease', authors: ['Smith, B.'], year: 2020 })

    const rui = await (await newContext(chromium.browser)).newPage()
    await signIn(rui, users.Rui!.email, e2ePassword)
    await rui.goto(`/reviews/${review.id}/records`)
    await rui.locator('#bulk-pdfs').setInputFiles([
      { name: '10.1002_jmri.27001.pdf', ...pdf(1) },
      { name: 'Okafor et al. - 2021 - Radiomics of hepatic iron overload.pdf', ...pdf(2) },
      { name: 'Smith 2020.pdf', ...pdf(3) },
      { name: 'scan0001.pdf', ...pdf(4) },
    ])
    const rows = rui.getByTestId('bulk-pdf-row')
    await expect.poll(() => rows.count()).toBe(4)
    expect(await rows.nth(0).textContent()).toContain('by DOI')
    expect(await rows.nth(1).textContent()).toContain('by title')
    expect(await rows.nth(3).textContent()).toContain('No record matches this name')
    await expect.poll(() => rui.getByRole('button', { name: 'Upload 2 PDFs' }).count()).toBe(1)
    // "Smith 2020" fits two records: Rui chooses
    await rui.getByRole('combobox', { name: 'Record for Smith 2020.pdf' }).selectOption({ label: `Smith, B. 2020: ${d.title}` })
    // Rui looks at each match; leaving one out and taking it back changes the count
    await rui.getByRole('checkbox', { name: 'Upload 10.1002_jmri.27001.pdf' }).uncheck()
    await expect.poll(() => rui.getByRole('button', { name: 'Upload 2 PDFs' }).count()).toBe(1)
    await rui.getByRole('checkbox', { name: 'Upload 10.1002_jmri.27001.pdf' }).check()
    await expectAccessible(rui, 'bulk upload')
    await screenshot(rui, 'bulk-fulltexts')
    await rui.setViewportSize({ width: 390, height: 844 })
    await screenshot(rui, 'bulk-fulltexts-390')
    // on a phone the records page does not scroll sideways: wide tables scroll inside their cards
    expect(await rui.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await rui.setViewportSize({ width: 1440, height: 900 })
    await rui.getByRole('button', { name: 'Upload 3 PDFs' }).click()
    await expect.poll(() => rows.getByText('uploaded', { exact: true }).count()).toBe(3)
    const stored = await db.fullText.findMany({ where: { record: { reviewId: review.id } }, select: { recordId: true, fileName: true } })
    expect(Object.fromEntries(stored.map((s) => [s.recordId, s.fileName]))).toEqual({
      [a.id]: '10.1002_jmri.27001.pdf',
      [b.id]: 'Okafor et al. - 2021 - Radiomics of hepatic iron overload.pdf',
      [d.id]: 'Smith 2020.pdf',
    })
    expect(stored.some((s) => s.recordId === c.id)).toBe(false)
    expect(await db.auditEvent.count({ where: { reviewId: review.id, action: 'fulltext.uploaded' } })).toBe(3)
  })
})
