/**
 * Full-text PDFs: checked to be PDFs (by their first bytes, not their name), at most 50 MB, stored in
 * the database with their SHA-256 so every app instance serves the same bytes.
 */
import 'server-only'
import crypto from 'node:crypto'
import { prisma } from '@/server/db/client'
import { AppError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import type { ScreeningActor } from '../screening/types'
import { matchFileNames } from '@/core/citations/match-file-names'

export const maxPdfBytes = 50 * 1024 * 1024

export function assertPdf(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'The file is empty.')
  // A PDF starts with "%PDF-" (some writers put a few bytes before it; the specification allows 1024).
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1')
  if (!head.includes('%PDF-')) throw new AppError('BAD_REQUEST', 'Only PDF files can be uploaded as full texts (this file is not a PDF).')
}

export async function uploadFullText(actor: ScreeningActor, recordId: string, fileName: string, bytes: Buffer) {
  assertPdf(bytes)
  const record = await prisma().searchRecord.findFirst({ where: { id: recordId, reviewId: actor.reviewId }, select: { id: true } })
  if (!record) throw notFound('Record')
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex')
  return prisma().$transaction(async (tx) => {
    const saved = await tx.fullText.create({
      data: { recordId, fileName: fileName.slice(0, 255) || 'full-text.pdf', size: bytes.length, sha256, data: new Uint8Array(bytes), uploadedById: actor.userId },
      select: { id: true, fileName: true, size: true, sha256: true, uploadedAt: true },
    })
    if (await tx.searchRecord.findFirst({ where: { id: recordId, notRetrieved: true } })) await tx.searchRecord.update({ where: { id: recordId }, data: { notRetrieved: false } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'fulltext.uploaded',
      entity: 'FullText',
      entityId: saved.id,
      after: { recordId, fileName: saved.fileName, size: saved.size, sha256 },
    })
    return saved
  })
}

export async function fullTextBytes(reviewId: string, fullTextId: string) {
  const file = await prisma().fullText.findFirst({ where: { id: fullTextId, record: { reviewId } }, select: { fileName: true, data: true, sha256: true } })
  if (!file) throw notFound('Full text')
  return file
}

/** PRISMA's "reports not retrieved": the team looked for the full text and could not get it. */
export async function setNotRetrieved(actor: ScreeningActor, recordId: string, notRetrieved: boolean) {
  return prisma().$transaction(async (tx) => {
    const record = await tx.searchRecord.findFirst({ where: { id: recordId, reviewId: actor.reviewId }, select: { id: true, notRetrieved: true } })
    if (!record) throw notFound('Record')
    const item = await tx.screeningItem.findUnique({ where: { recordId_stage: { recordId, stage: 'FULL_TEXT' } }, select: { status: true } })
    if (!item) throw new AppError('PRECONDITION_FAILED', 'Only records included at title and abstract are sought as full texts.')
    if (notRetrieved && item.status !== 'OPEN') throw new AppError('CONFLICT', 'This full text has already been assessed.')
    await tx.searchRecord.update({ where: { id: recordId }, data: { notRetrieved } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'fulltext.not_retrieved',
      entity: 'SearchRecord',
      entityId: recordId,
      before: { notRetrieved: record.notRetrieved },
      after: { notRetrieved },
    })
    return { notRetrieved }
  })
}

/**
 * Which record each of many PDFs is, by its file name (DOI, PMID, or author, year and title): among the
 * records sought as full texts (those with a full-text screening item). The files are then uploaded one
 * by one to their records, each as a single upload is.
 */
export async function matchFullTextFiles(actor: ScreeningActor, fileNames: readonly string[]) {
  const records = await prisma().searchRecord.findMany({
    where: { reviewId: actor.reviewId, items: { some: { stage: 'FULL_TEXT' } } },
    select: { id: true, doi: true, pmid: true, title: true, authors: true, year: true, _count: { select: { fullTexts: true } } },
  })
  const byId = new Map(records.map((r) => [r.id, r]))
  const describe = (id: string) => {
    const r = byId.get(id)!
    return { id, title: r.title, firstAuthor: r.authors[0] ?? '', year: r.year, fullTexts: r._count.fullTexts }
  }
  return matchFileNames(fileNames, records).map((m, i) => ({
    fileName: fileNames[i]!,
    ...(m.kind === 'matched' ? { kind: m.kind, by: m.by, record: describe(m.recordId) } : m.kind === 'ambiguous' ? { kind: m.kind, records: m.recordIds.map(describe) } : { kind: m.kind }),
  }))
}
