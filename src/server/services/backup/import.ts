/**
 * Import of a review backup (./format.ts) as a new review owned by the person importing it. The file is
 * validated whole before anything is written, then written in one transaction: a damaged file is refused
 * with the table, row and field at fault, and a failure half-way leaves nothing behind.
 *
 * Every row gets a new id (so a backup can also be imported next to its original); ids mentioned inside
 * JSON (an analysis's form, a published snapshot's studies) are remapped the same way.
 *
 * Anyone signed in may import a backup, so nothing in the file is believed about people: emails are not
 * verified, and matching them to accounts would hand the file's roles to whoever has those emails, and
 * write history in their names. The imported review belongs to the importer alone. Every other person
 * the file names becomes an account of the copy that cannot sign in (an address no one can sign up
 * with), so their votes, entries and past actions keep their names; the team is invited again.
 */
import 'server-only'
import crypto from 'node:crypto'
import type { z } from 'zod'
import { Prisma } from '@/generated/prisma/client'
import { prisma } from '@/server/db/client'
import { sortableId } from '@/server/db/sortable-id'
import { AppError } from '@/server/errors'
import { recordAudit } from '../audit'
import { uniqueSlug } from '../reviews'
import { deriveSnapshot, parseSnapshotData } from '../publication/snapshot'
import type { Snapshot } from '../publication/snapshot-schema'
import { backupHeader, backupTables, jsonColumns, references, tableOrder, tablesAddedLater, type BackupHeader, type BackupTableName, type BackupTables } from './format'

export interface ParsedBackup {
  header: BackupHeader
  tables: BackupTables
}

const refuse = (message: string) => new AppError('BAD_REQUEST', message)

function describeIssue(where: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
  return `${where}${path}: ${issue.message}`
}

/** Validates a backup document (already parsed from JSON) and returns it typed; throws naming what is wrong. */
export function parseBackup(doc: unknown): ParsedBackup {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw refuse('This is not a Ferrite review backup (expected a JSON object).')
  const header = backupHeader.safeParse(doc)
  if (!header.success) {
    const first = header.error.issues[0]!
    throw refuse(first.path.length && first.code !== 'invalid_value' ? describeIssue('The backup', first) : first.message)
  }
  const raw = (doc as { tables?: unknown }).tables
  if (typeof raw !== 'object' || raw === null) throw refuse('The backup has no "tables".')
  const tables = {} as Record<BackupTableName, unknown[]>
  for (const name of tableOrder) {
    const rows = (raw as Record<string, unknown>)[name] ?? (tablesAddedLater.has(name) ? [] : undefined)
    if (!Array.isArray(rows)) throw refuse(`The backup has no "${name}" table; the file is incomplete.`)
    const schema = backupTables[name]
    tables[name] = rows.map((row, i) => {
      const parsed = schema.safeParse(row)
      if (!parsed.success) throw refuse(describeIssue(`tables.${name}[${i}]`, parsed.error.issues[0]!))
      return parsed.data
    })
  }
  const parsed = tables as unknown as BackupTables
  const names = new Set<string>()
  for (const [i, tag] of parsed.tags.entries()) {
    if (names.has(tag.name.toLowerCase())) throw refuse(`tables.tags[${i}].name: "${tag.name}" is there twice (a review's tag names differ whatever their case).`)
    names.add(tag.name.toLowerCase())
  }
  const taggings = new Set<string>()
  for (const [i, t] of parsed.recordTags.entries()) {
    const key = `${t.tagId}|${t.recordId}|${t.userId}`
    if (taggings.has(key)) throw refuse(`tables.recordTags[${i}]: the same person's tag on the same record is there twice.`)
    taggings.add(key)
  }
  return { header: header.data, tables: parsed }
}

/** Old id to new id, per table; JSON columns use the union of all of them. */
class IdMap {
  readonly byTable = new Map<BackupTableName, Map<string, string>>()
  readonly all = new Map<string, string>()
  add(table: BackupTableName, from: string, to: string) {
    const m = this.byTable.get(table) ?? new Map<string, string>()
    if (m.has(from)) throw refuse(`tables.${table}: the id ${from} appears twice.`)
    m.set(from, to)
    this.byTable.set(table, m)
    this.all.set(from, to)
  }
  ref(table: BackupTableName, i: number, column: string, target: BackupTableName, value: string | null): string | null {
    if (value === null) return null
    const to = this.byTable.get(target)?.get(value)
    if (to === undefined) throw refuse(`tables.${table}[${i}].${column}: refers to ${value}, which is not in the backup's ${target}.`)
    return to
  }
  deep(value: unknown): unknown {
    if (typeof value === 'string') return this.all.get(value) ?? value
    if (Array.isArray(value)) return value.map((v) => this.deep(v))
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.all.get(k) ?? k, this.deep(v)]))
    return value
  }
}

export interface ImportSummary {
  reviewId: string
  slug: string
  title: string
  counts: Record<BackupTableName, number>
  /** the other people the backup names: kept as names on their work, with no access (invite the team again) */
  people: string[]
}

const chunk = 1000

/** Tables whose rows carry the review's id themselves (the others reach it through a parent). */
const inReview = new Set<BackupTableName>([
  'memberships',
  'exclusionReasons',
  'imports',
  'records',
  'duplicateGroups',
  'screeningItems',
  'tags',
  'rankingRuns',
  'studies',
  'forms',
  'analyses',
  'versions',
  'auditEvents',
])

/** Imports a validated backup as a new review owned by `ownerId`. */
export async function importReview(ownerId: string, backup: ParsedBackup): Promise<ImportSummary> {
  const { header, tables } = backup
  for (const v of tables.fullTexts) {
    const bytes = Buffer.from(v.data, 'base64')
    if (bytes.length !== v.size || crypto.createHash('sha256').update(bytes).digest('hex') !== v.sha256)
      throw refuse(`tables.fullTexts: the file "${v.fileName}" does not match its recorded size and SHA-256; the backup is damaged.`)
  }
  const db = prisma()
  return db.$transaction(
    async (tx) => {
      const ids = new IdMap()
      const importer = await tx.user.findUniqueOrThrow({ where: { id: ownerId }, select: { email: true } })
      const named = tables.users.filter((u) => u.email !== importer.email)
      const placeholders = named.map((u) => ({ id: sortableId(), email: `imported-${crypto.randomUUID()}@backup.invalid`, name: u.name, passwordHash: '' }))
      await tx.user.createMany({ data: placeholders })
      named.forEach((u, i) => ids.add('users', u.id, placeholders[i]!.id))
      for (const u of tables.users) if (u.email === importer.email) ids.add('users', u.id, ownerId)
      const people = named.map((u) => u.name)
      for (const table of tableOrder) {
        if (table === 'users' || table === 'memberships' || table === 'auditEvents') continue
        for (const row of tables[table] as { id: string }[]) ids.add(table, row.id, sortableId())
      }
      const reviewId = sortableId()
      ids.all.set(header.review.id, reviewId)

      const taken = await tx.review.findUnique({ where: { slug: header.review.slug }, select: { id: true } })
      const slug = taken ? await uniqueSlug(tx, header.review.title) : header.review.slug
      const { id: _oldId, slug: _oldSlug, ...settings } = header.review
      await tx.review.create({ data: { ...settings, id: reviewId, slug } })

      /** A table's rows with new ids, references remapped and JSON columns rewritten. */
      const remapped = (table: BackupTableName) =>
        (tables[table] as Record<string, unknown>[]).map((row, i) => {
          const out: Record<string, unknown> = { ...row }
          if (typeof row.id === 'string') out.id = ids.byTable.get(table)!.get(row.id)
          for (const [column, target] of Object.entries(references[table] ?? {})) out[column] = ids.ref(table, i, column, target, row[column] as string | null)
          for (const { column, nullable } of jsonColumns[table] ?? []) {
            const v = ids.deep(row[column])
            out[column] = v === null ? (nullable ? Prisma.DbNull : Prisma.JsonNull) : v
          }
          if (inReview.has(table)) out.reviewId = reviewId
          return out
        })
      const insert = async (model: string, rows: Record<string, unknown>[]) => {
        const delegate = (tx as unknown as Record<string, { createMany(a: { data: unknown[] }): Promise<unknown> }>)[model]!
        for (let i = 0; i < rows.length; i += chunk) await delegate.createMany({ data: rows.slice(i, i + chunk) })
      }
      const without = (rows: Record<string, unknown>[], ...columns: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !columns.includes(k))))

      // The importer owns the copy and is its only member; the file's memberships are not carried over.
      await tx.membership.create({ data: { reviewId, userId: ownerId, role: 'OWNER' } })

      await insert('exclusionReason', remapped('exclusionReasons'))
      await insert('importBatch', remapped('imports'))
      const records = remapped('records')
      await insert('searchRecord', without(records, 'duplicateGroupId'))
      await insert('duplicateGroup', remapped('duplicateGroups'))
      const grouped = records.filter((r) => r.duplicateGroupId)
      if (grouped.length)
        await tx.$executeRaw`UPDATE "SearchRecord" r SET "duplicateGroupId" = v.g FROM unnest(${grouped.map((r) => r.id as string)}::text[], ${grouped.map((r) => r.duplicateGroupId as string)}::text[]) AS v(id, g) WHERE r.id = v.id`
      await insert('screeningItem', remapped('screeningItems'))
      await insert('vote', remapped('votes'))
      const fullTexts = remapped('fullTexts').map((f) => ({ ...f, data: new Uint8Array(Buffer.from(f.data as string, 'base64')) }))
      for (const f of fullTexts) await insert('fullText', [f])
      await insert('tag', remapped('tags'))
      await insert('recordTag', remapped('recordTags'))
      await insert('rankingRun', remapped('rankingRuns'))
      await insert('study', remapped('studies'))
      await insert('studyReport', remapped('studyReports'))
      await insert('form', remapped('forms'))
      await insert('formVersion', remapped('formVersions'))
      await insert('studyAssignment', remapped('assignments'))
      await insert('formEntry', remapped('entries'))
      await insert('consensusValue', remapped('consensus'))
      await insert('analysis', remapped('analyses'))
      await insert('reviewVersion', rederivedVersions(remapped('versions')))
      const audit = remapped('auditEvents').map((e) => ({ ...e, entityId: typeof e.entityId === 'string' ? (ids.all.get(e.entityId) ?? e.entityId) : null }))
      await insert('auditEvent', audit)

      const counts = Object.fromEntries(tableOrder.map((t) => [t, tables[t].length])) as Record<BackupTableName, number>
      await recordAudit(tx, {
        reviewId,
        actorId: ownerId,
        action: 'review.imported',
        entity: 'Review',
        entityId: reviewId,
        after: { slug, fromSlug: header.review.slug, exportedAt: header.exportedAt, ferriteVersion: header.ferriteVersion, counts, people: people.length },
      })
      return { reviewId, slug, title: header.review.title, counts, people }
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  )
}

/**
 * Published versions are not taken as the file has them: each snapshot's data are parsed (refused with
 * the place at fault) and everything Ferrite derives from them (results, summaries, changes since the
 * version before) is computed again, so what the public page shows was computed here, from checked data.
 */
function rederivedVersions(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const ordered = [...rows].sort((a, b) => (a.number as number) - (b.number as number))
  let previous: { number: number; snapshot: Snapshot } | null = null
  return ordered.map((row, i) => {
    const where = `tables.versions[${i}].snapshot`
    const data = parseSnapshotData(row.snapshot, where)
    const snapshot = deriveSnapshot({ ...data, previousNumber: previous?.number ?? null }, previous?.snapshot ?? null, where)
    previous = { number: row.number as number, snapshot }
    return { ...row, snapshot: JSON.parse(JSON.stringify(snapshot)) }
  })
}

/** Reads a backup from its JSON text; a file that is not JSON is refused with the reason. */
export function readBackup(text: string): ParsedBackup {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw refuse(`The file is not valid JSON (${(e as Error).message}); a Ferrite backup is one JSON document.`)
  }
  return parseBackup(doc)
}
