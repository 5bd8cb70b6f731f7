import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { parseCitations } from '@/core/citations/parse-citations'
import { sortableId } from '@/server/db/sortable-id'
import { transaction } from '@/server/db/sql'
import { copySink, importRecords, insertSink, type ImportMeta } from '@/server/services/records/import'
import { reviewWithTeam } from '../helpers/fixtures'
import { bytesChunks, fileChunks, hasSharedData, importFile } from '../helpers/shared-data'

const meta = (fileName: string, source = 'Scopus'): ImportMeta => ({ source, sourceKind: 'database', searchDate: new Date('2026-03-01'), fileName })
const rowsOf = async (reviewId: string) => ({
  imports: await prisma().importBatch.count({ where: { reviewId } }),
  records: await prisma().searchRecord.count({ where: { reviewId } }),
  items: await prisma().screeningItem.count({ where: { reviewId } }),
  groups: await prisma().duplicateGroup.count({ where: { reviewId } }),
  audit: await prisma().auditEvent.count({ where: { reviewId } }),
})

describe.skipIf(!hasSharedData)('importing real exports (../shared/data/imports)', () => {
  it('imports Scopus RIS then Zoological Record, removing the DOI duplicates across them', async () => {
    const t = await reviewWithTeam()
    const actor = { userId: t.users.lead.id, reviewId: t.review.id }
    const progress: string[] = []
    const first = await importRecords(actor, meta('scopus.ris'), fileChunks(importFile('synthesisr__scopus.ris'), 7000), (p) => progress.push(p.phase))
    expect(first).toMatchObject({ format: 'ris', records: 92, duplicatesRemoved: 0 })
    expect(progress).toContain('reading')
    expect(progress).toContain('deduplicating')
    const second = await importRecords(actor, meta('zoorec.txt', 'Zoological Record'), fileChunks(importFile('synthesisr__zoorec.txt')))
    expect(second.format).toBe('wos')
    expect(second.records).toBe(134)
    // 17 DOIs are shared with the Scopus file (one record of zoorec also duplicates another zoorec record)
    expect(second.duplicatesRemoved + second.suspectedDuplicates).toBeGreaterThanOrEqual(17)
    const rows = await rowsOf(t.review.id)
    expect(rows.records).toBe(226)
    expect(rows.items).toBe(226 - second.duplicatesRemoved - second.suspectedDuplicates)
    // the kept records are the ones imported first
    const groups = await prisma().duplicateGroup.findMany({ where: { reviewId: t.review.id }, include: { primaryRecord: { select: { importId: true } } } })
    expect(groups.every((g) => g.primaryRecord.importId === first.importId || g.reason === 'title')).toBe(true)
    const batch = await prisma().importBatch.findUniqueOrThrow({ where: { id: second.importId } })
    expect(batch).toMatchObject({ source: 'Zoological Record', recordCount: 134, format: 'wos' })
  })

  it('reads every producer’s dialect with its exact count', async () => {
    const t = await reviewWithTeam()
    const actor = { userId: t.users.owner.id, reviewId: t.review.id }
    const cases: [string, string, number][] = [
      ['asreview___baseline.ris', 'ris', 100],
      ['biopython__pubmed_result2.txt', 'medline', 4],
      ['zotero-translators__EndnoteXML_testcase0.xml', 'endnote-xml', 9],
      ['bibliometrix__scopus.bib', 'bibtex', 46],
      ['asreview__embase.csv', 'csv', 6],
    ]
    for (const [file, format, records] of cases) {
      const r = await importRecords(actor, meta(file), fileChunks(importFile(file), 5000))
      expect([file, r.format, r.records]).toEqual([file, format, records])
    }
  })
})

describe('refusing unreadable files', () => {
  it('refuses a binary file with its line and reason, and leaves no rows', async () => {
    const t = await reviewWithTeam()
    const before = await rowsOf(t.review.id)
    const pdf = new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\u0000\u0000\u0000')
    await expect(importRecords({ userId: t.users.owner.id, reviewId: t.review.id }, meta('results.pdf'), bytesChunks(pdf))).rejects.toThrow(/^results\.pdf: line \d+: /)
    expect(await rowsOf(t.review.id)).toEqual(before)
  })

  it('rolls back a file that fails after records were already inserted (truncated EndNote XML)', async () => {
    const t = await reviewWithTeam()
    const before = await rowsOf(t.review.id)
    const record = (i: number) =>
      `<record><ref-type name="Journal Article">17</ref-type><contributors><authors><author>Author ${i}, A.</author></authors></contributors><titles><title>Liver iron study number ${i}</title></titles><dates><year>2020</year></dates></record>`
    const xml = `<?xml version="1.0" encoding="UTF-8"?><xml><records>${Array.from({ length: 2500 }, (_, i) => record(i)).join('\n')}</records>`
    const truncated = new TextEncoder().encode(xml.slice(0, xml.length - 200))
    await expect(importRecords({ userId: t.users.owner.id, reviewId: t.review.id }, meta('library.xml', 'EndNote'), bytesChunks(truncated, 8192))).rejects.toThrow(/library\.xml: line \d+/)
    expect(await rowsOf(t.review.id)).toEqual(before)
  })

  it('rolls back when the failure comes after the first batches were written (corrupt RIS tail)', async () => {
    const t = await reviewWithTeam()
    const before = await rowsOf(t.review.id)
    const ris = Array.from({ length: 2300 }, (_, i) => `TY  - JOUR\nTI  - Record ${i} on hepatic iron\nAU  - Doe, J.\nPY  - 2019\nER  - \n`).join('')
    const bytes = new Uint8Array([...new TextEncoder().encode(ris), 0, 0, 0, 0xff, 0xfe, 0])
    await expect(importRecords({ userId: t.users.owner.id, reviewId: t.review.id }, meta('search.ris'), bytesChunks(bytes, 16384))).rejects.toThrow(/^search\.ris: line 11501: binary content/)
    expect(await rowsOf(t.review.id)).toEqual(before)
  })
})

describe('values as written to the database', () => {
  const tricky = [
    'TY  - JOUR',
    'TI  - Tab\there, a backslash C:\\iron\\N and a \\N that is text',
    'AU  - O"Brien, "Pat"',
    'AU  - Back\\slash, {B}',
    'AU  - Ærø, 𝛽-Ω',
    'KW  - {a,b}',
    'KW  - NULL',
    'KW  - ',
    'AB  - <p>First paragraph, a\\b.</p><p>Second paragraph.</p>',
    'DO  - 10.1000/a\\b',
    'ER  - ',
    'TY  - JOUR',
    'TI  - \\N',
    'ER  - ',
  ].join('\r\n')

  const fields = { title: true, authors: true, year: true, journal: true, abstract: true, keywords: true, doi: true, sourceLine: true } as const

  it('keep tabs, backslashes, quotes, braces, astral characters, a literal \\N and a missing year exactly (COPY on the server)', async () => {
    const t = await reviewWithTeam()
    const r = await importRecords({ userId: t.users.owner.id, reviewId: t.review.id }, meta('tricky.ris'), bytesChunks(new TextEncoder().encode(tricky), 7))
    const parsed = parseCitations(tricky).records
    const stored = await prisma().searchRecord.findMany({ where: { importId: r.importId }, orderBy: { sourceLine: 'asc' }, select: fields })
    expect(stored).toEqual(parsed.map((p) => ({ title: p.title, authors: p.authors, year: p.year, journal: p.journal, abstract: p.abstract, keywords: p.keywords, doi: p.doi, sourceLine: p.line })))
    expect(stored[0]?.title).toBe('Tab here, a backslash C:\\iron\\N and a \\N that is text')
    expect(stored[0]?.abstract).toBe('First paragraph, a\\b.\nSecond paragraph.')
    expect(stored[0]?.authors).toEqual(['O"Brien, "Pat"', 'Back\\slash, {B}', 'Ærø, 𝛽-Ω'])
    expect(stored[0]?.keywords).toEqual(['{a,b}', 'NULL'])
    expect(stored[1]?.title).toBe('\\N')
  })

  it('are the same through the embedded database’s INSERT path', async () => {
    const t = await reviewWithTeam()
    // beside the parsed records, one with every character COPY escapes, as no parser leaves them
    const raw = { ...parseCitations(tricky).records[0]!, title: 'a\tb\rc\nd\\e', abstract: '\\N\t\n', authors: ['x\ty', '\\', '"'], keywords: [] }
    const parsed = [...parseCitations(tricky).records, raw]
    const importId = sortableId()
    await transaction(async (client) => {
      await client.query(`INSERT INTO "ImportBatch" (id, "reviewId", source, "searchDate", "fileName", format, "recordCount", "createdById") VALUES ($1, $2, 'S', now(), 'f', 'ris', 0, $3)`, [
        importId,
        t.review.id,
        t.users.owner.id,
      ])
      for (const make of [insertSink, copySink]) {
        const sink = make(client, t.review.id, importId)
        await sink.write(parsed.map((record) => ({ id: sortableId(), record })))
        await sink.end()
      }
    })
    const stored = await prisma().searchRecord.findMany({ where: { importId }, orderBy: { id: 'asc' }, select: fields })
    expect(stored.slice(0, 3)).toEqual(stored.slice(3))
    expect(stored.slice(0, 3).map((s) => [s.title, s.abstract, s.authors, s.keywords])).toEqual(parsed.map((p) => [p.title, p.abstract, p.authors, p.keywords]))
  })
})
