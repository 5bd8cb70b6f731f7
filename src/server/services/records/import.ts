/**
 * Importing a search export: the file is streamed (format and encoding sniffed from its first bytes,
 * parsed incrementally, written to the database as it is read: one COPY on a PostgreSQL server), so
 * 100,000 records never sit in memory at once. The whole import is one transaction on one connection
 * (SQL to the driver): a file that turns out to be unreadable leaves no rows behind.
 */
import 'server-only'
import type { CitationFormat, CitationRecord, ParseIssue } from '@/core/citations/citation-record'
import { sniffCitationBytes } from '@/core/citations/detect-format'
import { createStreamTextDecoder } from '@/core/citations/decode-text'
import { createStreamingParser } from '@/core/citations/streaming-parser'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { arrayLiteral, CopyBuffer, copyRow } from '@/server/db/copy-text'
import { sortableId } from '@/server/db/sortable-id'
import { transaction } from '@/server/db/sql'
import { env } from '@/server/env'
import { AppError } from '@/server/errors'
import { recordAuditSql } from '../audit'
import { requestReranking } from '../screening/ranking-jobs'
import { findDuplicates } from '@/core/citations/dedupe'
import { applyDuplicates, existingRecordKeys, type RecordKeys } from './dedupe-import'

export interface ImportMeta {
  source: string
  sourceKind: 'database' | 'register' | 'other'
  searchDate: Date
  searchQuery?: string | null
  fileName: string
  format?: CitationFormat
}

export interface ImportProgress {
  phase: 'reading' | 'deduplicating' | 'saving'
  bytes: number
  records: number
}

export interface ImportSummary {
  importId: string
  format: CitationFormat
  records: number
  duplicatesRemoved: number
  suspectedDuplicates: number
  toScreen: number
  warnings: ParseIssue[]
}

const sniffBytes = 64 * 1024
const pieceBytes = 256 * 1024
/** Rows per INSERT on the embedded database. */
const insertRows = 2000
const maxStoredWarnings = 500

/** Bytes from the stream, with the first ≥ 64 KiB gathered for sniffing. */
async function* withHead(source: AsyncIterable<Uint8Array>, onHead: (head: Uint8Array) => void): AsyncGenerator<Uint8Array> {
  const pending: Uint8Array[] = []
  let size = 0
  let sent = false
  const flushHead = () => {
    const head = new Uint8Array(size)
    let o = 0
    for (const p of pending) head.set(p, o), (o += p.length)
    onHead(head)
    sent = true
    return head
  }
  for await (const chunk of source) {
    if (sent) {
      yield chunk
      continue
    }
    pending.push(chunk)
    size += chunk.length
    if (size >= sniffBytes) yield flushHead()
  }
  if (!sent) yield flushHead()
}

/** The SearchRecord columns an import writes, in COPY order (the others take their defaults). */
export const copyColumns = [
  'id',
  'reviewId',
  'importId',
  'sourceLine',
  'year',
  'authors',
  'keywords',
  'title',
  'journal',
  'volume',
  'issue',
  'pages',
  'doi',
  'pmid',
  'abstract',
  'url',
  'publicationType',
  'language',
  'issn',
  'sourceId',
]

/** One record's values in copyColumns order. */
const recordValues = (id: string, r: CitationRecord, reviewId: string, importId: string): (string | number | null)[] => [
  id,
  reviewId,
  importId,
  r.line,
  r.year,
  arrayLiteral(r.authors),
  arrayLiteral(r.keywords),
  r.title,
  r.journal,
  r.volume,
  r.issue,
  r.pages,
  r.doi,
  r.pmid,
  r.abstract,
  r.url,
  r.type,
  r.language,
  r.issn,
  r.sourceId,
]

/** One record as a line of COPY text (for the benchmark's psql floor; the import writes bytes). */
export const encodeRecord = (id: string, r: CitationRecord, reviewId: string, importId: string): string => copyRow(recordValues(id, r, reviewId, importId))

// Parsed fields are slices of the decoded chunk; copying the few kept for deduplication lets each chunk be freed.
const detach = (v: string) => (v ? Buffer.from(v, 'utf8').toString('utf8') : v)

/**
 * Where the rows go: COPY … FROM STDIN on a PostgreSQL server (one statement for the whole file,
 * written as the file is read), or one INSERT … SELECT FROM unnest(…) per batch on the embedded
 * database, whose wire protocol has no COPY from the client.
 */
export interface RecordSink {
  write(rows: readonly { id: string; record: CitationRecord }[]): Promise<void>
  /** Ends the rows; the returned promise settles when the database has them all. */
  end(): Promise<void>
  abort(error: Error): Promise<void>
}

export function copySink(client: pg.PoolClient, reviewId: string, importId: string): RecordSink {
  const stream = client.query(copyFrom(`COPY "SearchRecord" (${copyColumns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`))
  const done = finished(stream)
  // a COPY refused by the server (e.g. a constraint) surfaces through `done`; keep it from going unhandled meanwhile
  done.catch(() => {})
  const bytes = new CopyBuffer()
  return {
    async write(rows) {
      for (const { id, record } of rows) bytes.addRow(recordValues(id, record, reviewId, importId))
      let ready = true
      for (const buffer of bytes.take()) ready = stream.write(buffer)
      if (!ready) await once(stream, 'drain')
    },
    end() {
      stream.end()
      return done
    },
    async abort(error) {
      stream.destroy(error)
      await done.catch(() => {})
    },
  }
}

const textColumns = ['title', 'journal', 'volume', 'issue', 'pages', 'doi', 'pmid', 'abstract', 'url', 'type', 'language', 'issn', 'sourceId'] as const

export function insertSink(client: pg.PoolClient, reviewId: string, importId: string): RecordSink {
  let pending: { id: string; record: CitationRecord }[] = []
  const flush = async () => {
    const rows = pending
    pending = []
    if (rows.length === 0) return
    await client.query(
      `INSERT INTO "SearchRecord" (${copyColumns.map((c) => `"${c}"`).join(', ')})
       SELECT u.id, $1, $2, u.line, u.year,
         ARRAY(SELECT json_array_elements_text(u.authors::json)), ARRAY(SELECT json_array_elements_text(u.keywords::json)),
         ${textColumns.map((_, i) => `u.c${i}`).join(', ')}
       FROM unnest($3::text[], $4::int[], $5::int[], $6::text[], $7::text[], ${textColumns.map((_, i) => `$${i + 8}::text[]`).join(', ')})
         AS u(id, line, year, authors, keywords, ${textColumns.map((_, i) => `c${i}`).join(', ')})`,
      [
        reviewId,
        importId,
        rows.map((r) => r.id),
        rows.map((r) => r.record.line),
        rows.map((r) => r.record.year),
        rows.map((r) => JSON.stringify(r.record.authors)),
        rows.map((r) => JSON.stringify(r.record.keywords)),
        ...textColumns.map((c) => rows.map((r) => r.record[c])),
      ],
    )
  }
  return {
    async write(rows) {
      pending.push(...rows)
      if (pending.length >= insertRows) await flush()
    },
    end: flush,
    async abort() {
      pending = []
    },
  }
}

/** Called by an import's producer with each batch of parsed records, in order. */
export type WriteRecords = (records: CitationRecord[]) => Promise<void>

/** What a producer reports once every record was written: the format read, and warnings about records. */
export interface Produced {
  format: string
  warnings: ParseIssue[]
  bytes?: number
}

/**
 * Writes one import batch on the caller's transaction: the ImportBatch row, the records `produce`
 * hands over (COPY on a server, INSERTs on the embedded database), deduplication against the review,
 * the screening items and the audit entry. Used by file imports and by saved-search runs, so both are
 * deduplicated, counted for PRISMA and audited the same way. Throws (and the caller rolls back) when
 * the producer fails or produces nothing.
 */
export async function writeImport(
  client: pg.PoolClient,
  actor: { userId: string; reviewId: string },
  meta: ImportMeta,
  produce: (write: WriteRecords) => Promise<Produced>,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<Omit<ImportSummary, 'format'> & { format: string }> {
  const importId = sortableId()
  await client.query(
    `INSERT INTO "ImportBatch" (id, "reviewId", source, "sourceKind", "searchDate", "searchQuery", "fileName", format, "recordCount", "createdById")
     VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, 0, $9)`,
    [importId, actor.reviewId, meta.source, meta.sourceKind, meta.searchDate.toISOString().slice(0, 10), meta.searchQuery || null, meta.fileName, meta.format ?? 'unknown', actor.userId],
  )
  // the review's records are read before the COPY takes the connection
  const keys: RecordKeys[] = await existingRecordKeys(client, actor.reviewId)
  const sink = env().FERRITE_EMBEDDED === '1' ? insertSink(client, actor.reviewId, importId) : copySink(client, actor.reviewId, importId)
  let count = 0
  const write: WriteRecords = async (records) => {
    if (records.length === 0) return
    const rows = records.map((record) => ({ id: sortableId(), record }))
    await sink.write(rows)
    for (const { id, record: r } of rows) keys.push({ id, title: detach(r.title), authors: r.authors.slice(0, 1).map(detach), year: r.year, doi: detach(r.doi), pmid: detach(r.pmid), isNew: true })
    count += rows.length
  }
  let found: ReturnType<typeof findDuplicates>
  let produced: Produced
  try {
    produced = await produce(write)
    if (count === 0) throw new AppError('BAD_REQUEST', `${meta.fileName}: the file holds no records`)
    onProgress({ phase: 'deduplicating', bytes: produced.bytes ?? 0, records: count })
    // the duplicates are found while the server takes in the last rows
    const written = sink.end()
    found = findDuplicates(keys)
    await written
  } catch (error) {
    await sink.abort(error instanceof Error ? error : new Error(String(error)))
    throw error
  }
  const dedupe = await applyDuplicates(client, actor.reviewId, keys, found, meta.sourceKind === 'other' ? 'FULL_TEXT' : 'TITLE_ABSTRACT')
  onProgress({ phase: 'saving', bytes: produced.bytes ?? 0, records: count })
  const { format, warnings } = produced
  await client.query(`UPDATE "ImportBatch" SET "recordCount" = $1, format = $2, warnings = $3::jsonb WHERE id = $4`, [count, format, JSON.stringify(warnings.slice(0, maxStoredWarnings)), importId])
  await recordAuditSql(client, {
    reviewId: actor.reviewId,
    actorId: actor.userId,
    action: 'records.imported',
    entity: 'ImportBatch',
    entityId: importId,
    after: { source: meta.source, searchDate: meta.searchDate, fileName: meta.fileName, format, records: count, ...dedupe, warnings: warnings.length },
  })
  return { importId, format, records: count, ...dedupe, warnings }
}

export async function importRecords(
  actor: { userId: string; reviewId: string },
  meta: ImportMeta,
  body: AsyncIterable<Uint8Array>,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportSummary> {
  const summary = await transaction((client) =>
    writeImport(
      client,
      actor,
      meta,
      async (write) => {
        let format: CitationFormat | undefined = meta.format
        let parser: ReturnType<typeof createStreamingParser> | undefined
        let decoder: ReturnType<typeof createStreamTextDecoder> | undefined
        let bytes = 0
        let count = 0
        const stream = withHead(body, (head) => {
          const sniffed = sniffCitationBytes(head)
          if (sniffed.error && !meta.format) throw new AppError('BAD_REQUEST', `${meta.fileName}: line ${sniffed.error.line}: ${sniffed.error.message}`)
          format = meta.format ?? sniffed.format ?? undefined
          if (!format) throw new AppError('BAD_REQUEST', `${meta.fileName}: not a citation export Ferrite can read`)
          parser = createStreamingParser(format)
          decoder = createStreamTextDecoder(sniffed.encoding === 'binary' ? 'utf-8' : sniffed.encoding)
        })
        const counted: WriteRecords = async (records) => {
          count += records.length
          await write(records)
        }
        for await (const chunk of stream) {
          // pieces of at most 256 KiB: strings and buffers of a megabyte and more go to V8's large-object
          // space, and an import fed 1 MiB chunks peaked 100 MB higher (and ran slower) than with 256 KiB
          for (let at = 0; at < chunk.length; at += pieceBytes) {
            const piece = chunk.subarray(at, at + pieceBytes)
            bytes += piece.length
            await counted(parser!.push(decoder!.decode(piece)))
          }
          onProgress({ phase: 'reading', bytes, records: count })
        }
        await counted([...parser!.push(decoder!.end()), ...parser!.end()])
        const fatal = parser!.errors[0]
        if (fatal) throw new AppError('BAD_REQUEST', `${meta.fileName}: line ${fatal.line}: ${fatal.message}`)
        return { format: format!, warnings: parser!.warnings, bytes }
      },
      onProgress,
    ),
  )
  requestReranking(actor.reviewId)
  return { ...summary, format: summary.format as CitationFormat }
}
