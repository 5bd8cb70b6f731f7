/**
 * A living search in Chromium: a lead saves a PubMed search and runs it (the server's worker asks a
 * local stand-in for E-utilities that serves answers recorded from PubMed), the new records wait in
 * screening and are screened by keyboard, version 2 is published, and the public page's PRISMA
 * diagram is the updated-review template counting that search.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { chromiumForFile, expectAccessible, newContext, screenshot, signIn } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import { createImport, createRecord } from '../../prisma/seed/factories'
import { apisDir, hasRecordedApis, pubmedAllSix, pubmedResponder, recordedWebEnv, serveRecorded, type RecordedApi } from '../helpers/recorded-apis'

process.env.DATABASE_URL = inject('e2eDatabaseUrl')
process.env.FERRITE_EMBEDDED = inject('e2eEmbeddedDatabase') ? '1' : '0'

const chromium = chromiumForFile()
let pubmed: RecordedApi | undefined
beforeAll(async () => {
  if (hasRecordedApis) pubmed = await serveRecorded(pubmedResponder([pubmedAllSix], 500, 6), '/api', inject('pubmedPort'))
})
afterAll(async () => {
  await pubmed?.close()
  const { disconnectDb } = await import('@/server/db/client')
  await disconnectDb()
})

const squash = (s: string) => s.replace(/\s+/g, '')

describe.skipIf(!hasRecordedApis)(`living searches${hasRecordedApis ? '' : ` (skipped: ${apisDir} not found)`}`, () => {
  it('a lead saves a PubMed search, runs it, screens the new records and publishes version 2 with the update in PRISMA', { timeout: 150_000 }, async () => {
    // Version 1 exists: one included study from the original search.
    const { review, users } = await seedTeam('living-search', { Lena: 'LEAD', Rui: 'REVIEWER' })
    const db = e2eDb()
    await db.review.update({ where: { id: review.id }, data: { votesRequired: 1 } })
    const batch = await createImport(db, review.id, users.Lena!.id, { source: 'Embase' })
    const { record } = await createRecord(db, batch, { title: 'Deep learning for liver iron on MRI', authors: ['Haddad, N.'], year: 2023, screen: false })
    await db.study.create({ data: { reviewId: review.id, label: 'Haddad 2023', reports: { create: { recordId: record.id } } } })
    const { publishVersion } = await import('@/server/services/publication/versions')
    await publishVersion({ userId: users.Lena!.id, reviewId: review.id, role: 'LEAD' }, { notes: 'First version.', nextSearchDate: null })

    const context = await newContext(chromium.browser)
    const lead = await context.newPage()
    await signIn(lead, users.Lena!.email, e2ePassword)
    await lead.goto(`/reviews/${review.id}/searches`)
    await lead.getByLabel('Database').selectOption('pubmed')
    await lead.getByLabel('Query').fill('science[journal] AND breast cancer')
    await lead.getByLabel('First run searches from').fill('2008-01-01')
    await lead.getByLabel('How often').selectOption('week')
    await lead.getByLabel('Every how many').fill('4')
    await lead.getByRole('button', { name: 'Save search' }).click()
    const row = lead.getByRole('row', { name: /PubMed/ })
    await expect.poll(() => row.textContent()).toContain('Every 4 weeks')
    await expectAccessible(lead, 'searches page')

    await row.getByRole('button', { name: 'Run now' }).click()
    // the worker takes the job from the queue; the page follows the run until it is done
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('6 new')
    const [esearch, efetch] = pubmed!.requests
    expect(esearch).toMatchObject({ path: 'esearch.fcgi', params: { term: 'science[journal] AND breast cancer', usehistory: 'y', datetype: 'edat', mindate: '2008/01/01', email: 'e2e@example.test' } })
    expect(efetch).toMatchObject({ path: 'efetch.fcgi', params: { WebEnv: recordedWebEnv, query_key: '1', retstart: '0' } })
    await expect.poll(() => lead.getByRole('table').nth(1).textContent()).toContain('(science[journal] AND breast cancer) AND ("2008/01/01"[EDAT]')
    await screenshot(lead, 'living-searches')
    await lead.setViewportSize({ width: 390, height: 844 })
    await screenshot(lead, 'living-searches-phone')
    await lead.setViewportSize({ width: 1440, height: 900 })

    // the overview says what is new since version 1
    await lead.goto(`/reviews/${review.id}`)
    expect(await lead.getByTestId('living-status').textContent()).toContain('6 records')

    // the six records are screened by keyboard: the first included, the rest excluded
    await lead.goto(`/reviews/${review.id}/screening`)
    const item = lead.getByTestId('screening-record')
    for (let i = 0; i < 6; i++) {
      await expect.poll(() => item.getAttribute('data-item-id')).not.toBeNull()
      const id = await item.getAttribute('data-item-id')
      await lead.keyboard.press(i === 0 ? 'i' : 'e')
      await expect.poll(async () => (i === 5 ? 'done' : await item.getAttribute('data-item-id'))).not.toBe(id)
    }
    await expect.poll(() => lead.getByText('Nothing left for you to screen at this stage.').isVisible()).toBe(true)

    await lead.goto(`/reviews/${review.id}/publish`)
    await lead.getByLabel('What this version is and what changed').fill('Update: PubMed searched again; nothing new to include.')
    await lead.getByRole('button', { name: 'Publish version 2' }).click()
    await expect.poll(() => lead.getByTestId('version-2').isVisible()).toBe(true)

    const reader = await (await newContext(chromium.browser)).newPage()
    await reader.goto(`/p/${review.slug}`)
    await expect.poll(() => reader.getByText('Version 2 of 2', { exact: false }).isVisible()).toBe(true)
    const flow = squash((await reader.getByTestId('public-prisma').textContent())!)
    for (const box of ['Studies included in previous version of review (n = 1)', 'PubMed (n = 6)', 'Records screened (n = 6)', 'Records excluded (n = 5)', 'Total studies included in review (n = 1)'])
      expect(flow).toContain(squash(box))
    // the search ran on complete days up to yesterday
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    expect(await reader.getByTestId('last-search').textContent()).toContain(yesterday)
    await expectAccessible(reader, 'public page after a saved search')
    await screenshot(reader, 'living-searches-public-v2')
  })
})
