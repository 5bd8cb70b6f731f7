import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { fullTextBytes, maxPdfBytes, uploadFullText } from '@/server/services/records/fulltext'
import { readBody } from '@/server/api/route-auth'
import { callerFor, outcome, reviewWithRecords } from '../helpers/fixtures'
import { createImport, createRecord } from '../../prisma/seed/factories'

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

describe('full texts', () => {
  it('stores a PDF with its hash, serves it only within its review, and audits the upload', async () => {
    const t = await reviewWithRecords(1)
    const other = await reviewWithRecords(0)
    const actor = { userId: t.users.reviewer.id, reviewId: t.review.id, role: 'REVIEWER' as const }
    const saved = await uploadFullText(actor, t.records[0]!.record.id, 'smith-2020.pdf', pdf)
    expect(saved.sha256).toBe(crypto.createHash('sha256').update(pdf).digest('hex'))
    const back = await fullTextBytes(t.review.id, saved.id)
    expect(Buffer.from(back.data).equals(pdf)).toBe(true)
    await expect(fullTextBytes(other.review.id, saved.id)).rejects.toThrow(/not found/)
    expect(await prisma().auditEvent.count({ where: { reviewId: t.review.id, action: 'fulltext.uploaded' } })).toBe(1)
    // the screening page lists it with the record, at the moment it was stored (UTC, whatever the server's zone)
    const stored = await prisma().fullText.findUniqueOrThrow({ where: { id: saved.id } })
    const item = await callerFor(t.users.reviewer).screening.item({ reviewId: t.review.id, itemId: t.itemIds[0]! })
    expect(item!.record.fullTexts).toEqual([{ id: saved.id, fileName: 'smith-2020.pdf', size: pdf.length, uploadedAt: stored.uploadedAt }])
  })

  it('refuses what is not a PDF, whatever its name, and files over 50 MB', async () => {
    const t = await reviewWithRecords(1)
    const actor = { userId: t.users.reviewer.id, reviewId: t.review.id, role: 'REVIEWER' as const }
    await expect(uploadFullText(actor, t.records[0]!.record.id, 'paper.pdf', Buffer.from('<html>not a pdf</html>'))).rejects.toThrow(/not a PDF/)
    await expect(uploadFullText(actor, t.records[0]!.record.id, 'empty.pdf', Buffer.alloc(0))).rejects.toThrow(/empty/)
    const upload = (bytes: Uint8Array, declare = false) =>
      new Request('http://localhost/upload', { method: 'POST', body: new Blob([new Uint8Array(bytes)]), headers: declare ? { 'content-length': String(bytes.length) } : {} })
    await expect(readBody(upload(new Uint8Array(1024 * 1024 + 1)), 1024 * 1024, 'file')).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The file is larger than 1 MB, the most this server takes.',
    })
    expect((await readBody(upload(pdf), maxPdfBytes, 'file')).equals(pdf)).toBe(true)
    expect(await prisma().fullText.count({ where: { record: { reviewId: t.review.id } } })).toBe(0)
  })

  it('marks a sought report as not retrieved (for PRISMA) only at the full-text stage', async () => {
    const t = await reviewWithRecords(1)
    const lead = callerFor(t.users.lead)
    const recordId = t.records[0]!.record.id
    expect(await outcome(() => lead.records.setNotRetrieved({ reviewId: t.review.id, recordId, notRetrieved: true }))).toBe('PRECONDITION_FAILED')
    for (const u of [t.users.reviewer, t.users.target]) await callerFor(u).screening.vote({ reviewId: t.review.id, itemId: t.itemIds[0]!, decision: 'INCLUDE' })
    await lead.records.setNotRetrieved({ reviewId: t.review.id, recordId, notRetrieved: true })
    expect((await lead.records.search({ reviewId: t.review.id, filter: 'not-retrieved' })).total).toBe(1)
  })

  it('matches many PDFs to the records sought at full text by their names, and to no other review', async () => {
    const t = await reviewWithRecords(0)
    const other = await reviewWithRecords(0)
    const db = prisma()
    const seek = async (review: { id: string }, ownerId: string, fields: { title: string; doi?: string; authors?: string[]; year?: number }, stage = true) => {
      const batch = await createImport(db, review.id, ownerId)
      const r = await createRecord(db, batch, fields)
      if (stage) await db.screeningItem.create({ data: { reviewId: review.id, recordId: r.record.id, stage: 'FULL_TEXT' } })
      return r.record
    }
    const byDoi = await seek(t.review, t.users.owner.id, { title: 'Deep learning for liver iron', doi: '10.1002/jmri.27001' })
    const byTitle = await seek(t.review, t.users.owner.id, { title: 'Radiomics of hepatic iron overload in thalassaemia', authors: ['Smith, A.'], year: 2020 })
    await seek(t.review, t.users.owner.id, { title: 'Excluded at title and abstract', doi: '10.1002/jmri.99999' }, false)
    await seek(other.review, other.users.owner.id, { title: 'Theirs', doi: '10.1002/jmri.55555' })
    await uploadFullText({ userId: t.users.lead.id, reviewId: t.review.id, role: 'LEAD' }, byTitle.id, 'old.pdf', pdf)

    const reviewer = callerFor(t.users.reviewer)
    const matches = await reviewer.records.matchFullTexts({
      reviewId: t.review.id,
      fileNames: ['10.1002_jmri.27001.pdf', 'Smith - 2020 - Radiomics of hepatic iron overload in thalassaemia.pdf', '10.1002_jmri.99999.pdf', '10.1002_jmri.55555.pdf'],
    })
    expect(matches).toEqual([
      { fileName: '10.1002_jmri.27001.pdf', kind: 'matched', by: 'doi', record: { id: byDoi.id, title: byDoi.title, firstAuthor: 'Smith, J.', year: 2020, fullTexts: 0 } },
      {
        fileName: 'Smith - 2020 - Radiomics of hepatic iron overload in thalassaemia.pdf',
        kind: 'matched',
        by: 'title',
        record: { id: byTitle.id, title: byTitle.title, firstAuthor: 'Smith, A.', year: 2020, fullTexts: 1 },
      },
      // not sought at full text, and another review's record: neither is offered
      { fileName: '10.1002_jmri.99999.pdf', kind: 'none' },
      { fileName: '10.1002_jmri.55555.pdf', kind: 'none' },
    ])
    expect(await outcome(() => callerFor(t.users.viewer).records.matchFullTexts({ reviewId: t.review.id, fileNames: ['a.pdf'] }))).toBe('FORBIDDEN')
    expect(await outcome(() => reviewer.records.matchFullTexts({ reviewId: t.review.id, fileNames: Array.from({ length: 501 }, (_, i) => `${i}.pdf`) }))).toBe('BAD_REQUEST')
  })
})
