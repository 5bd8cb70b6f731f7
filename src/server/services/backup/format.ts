/**
 * The review backup format: one JSON document holding everything a review is (records, votes, full
 * texts, studies, forms, entries, consensus, analyses, published versions, audit trail), with people
 * named by email. Each table is validated on import, so a damaged or hand-edited file is refused with the
 * table, row and field that is wrong, before anything is written.
 *
 * Left out on purpose: password hashes (accounts are matched by email on the importing server), pending
 * invitations (single-use secrets) and screening claims (a reviewer's momentary hold on a record).
 */
import 'server-only'
import { z } from 'zod'
import { checkTagName } from '../records/tags'
import { DuplicateStatus, EntryStatus, FormKind, ItemStatus, Resolution, Role, ScreeningStage, VoteDecision } from '@/generated/prisma/enums'
import { analysisSpecSchema } from '@/core/analysis/spec'
import { entryValuesSchema, formDefinitionSchema } from '@/core/forms/definition-schema'
import { reviewSettingsSchema } from '../reviews'
import { reviewTypes } from '@/core/review-types'

export const backupFormat = 'ferrite-review-backup'
export const backupFormatVersion = 1

const id = z.string().min(1).max(64)
const text = z.string()
const date = z.iso.datetime({ offset: true }).transform((s) => new Date(s))
const nullableDate = date.nullable()
const json = z.json()
const role = z.enum(Role)

export const backupTables = {
  users: z.object({ id, email: z.string().trim().toLowerCase().email().max(254), name: z.string().min(1).max(120) }),
  memberships: z.object({ userId: id, role, createdAt: date }),
  exclusionReasons: z.object({ id, label: text, position: z.number().int(), active: z.boolean() }),
  imports: z.object({
    id,
    source: text,
    sourceKind: z.enum(['database', 'register', 'other']),
    searchDate: date,
    searchQuery: text.nullable(),
    fileName: text,
    format: text,
    recordCount: z.number().int().nonnegative(),
    warnings: json,
    createdById: id,
    createdAt: date,
  }),
  records: z.object({
    id,
    importId: id,
    sourceLine: z.number().int(),
    title: text,
    authors: z.array(text),
    year: z.number().int().nullable(),
    journal: text,
    volume: text,
    issue: text,
    pages: text,
    doi: text,
    pmid: text,
    abstract: text,
    keywords: z.array(text),
    url: text,
    publicationType: text,
    language: text,
    issn: text,
    sourceId: text,
    duplicateGroupId: id.nullable(),
    notRetrieved: z.boolean(),
    createdAt: date,
  }),
  duplicateGroups: z.object({
    id,
    primaryRecordId: id,
    reason: text,
    status: z.enum(DuplicateStatus),
    similarity: z.number(),
    resolvedById: id.nullable(),
    resolvedAt: nullableDate,
    createdAt: date,
  }),
  screeningItems: z.object({
    id,
    recordId: id,
    stage: z.enum(ScreeningStage),
    status: z.enum(ItemStatus),
    voteCount: z.number().int().nonnegative(),
    relevance: z.number(),
    firstVoteAt: nullableDate,
    resolution: z.enum(Resolution).nullable(),
    resolvedById: id.nullable(),
    resolvedAt: nullableDate,
    decisionNote: text.nullable(),
    exclusionReasonId: id.nullable(),
    createdAt: date,
  }),
  votes: z.object({
    id,
    itemId: id,
    reviewerId: id,
    decision: z.enum(VoteDecision),
    exclusionReasonId: id.nullable(),
    note: text.nullable(),
    createdAt: date,
    updatedAt: date,
  }),
  fullTexts: z.object({
    id,
    recordId: id,
    fileName: text,
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex'),
    data: z.base64(),
    uploadedById: id,
    uploadedAt: date,
  }),
  tags: z.object({
    id,
    // read as the app makes them: the same rule, the same message
    name: text.transform((raw, ctx) => {
      const checked = checkTagName(raw)
      if ('name' in checked) return checked.name
      ctx.addIssue({ code: 'custom', message: checked.error })
      return z.NEVER
    }),
    createdById: id,
    createdAt: date,
  }),
  recordTags: z.object({ id, tagId: id, recordId: id, userId: id, createdAt: date }),
  rankingRuns: z.object({
    id,
    model: text,
    labelled: z.number().int(),
    relevantLabelled: z.number().int(),
    scored: z.number().int(),
    durationMs: z.number().int(),
    estimatedRemaining: z.number().nullable(),
    stopping: json.nullable(),
    createdAt: date,
  }),
  studies: z.object({ id, label: text, createdAt: date }),
  studyReports: z.object({ id, studyId: id, recordId: id, linkedAt: date }),
  forms: z.object({ id, kind: z.enum(FormKind), name: text, templateKey: text.nullable(), createdAt: date }),
  formVersions: z.object({ id, formId: id, version: z.number().int().positive(), definition: formDefinitionSchema, createdById: id, createdAt: date }),
  assignments: z.object({ id, studyId: id, formId: id, userId: id, createdAt: date }),
  entries: z.object({
    id,
    studyId: id,
    formId: id,
    formVersionId: id,
    userId: id,
    values: entryValuesSchema,
    status: z.enum(EntryStatus),
    submittedAt: nullableDate,
    updatedAt: date,
    createdAt: date,
  }),
  consensus: z.object({
    id,
    studyId: id,
    formId: id,
    formVersionId: id,
    path: text,
    value: json,
    source: text,
    entered: json,
    decidedById: id.nullable(),
    decidedAt: date,
    note: text.nullable().default(null),
  }),
  analyses: z.object({ id, name: text, spec: analysisSpecSchema, position: z.number().int(), createdById: id, createdAt: date, updatedAt: date }),
  versions: z.object({
    id,
    number: z.number().int().positive(),
    notes: text,
    nextSearchDate: nullableDate,
    snapshot: json,
    publishedById: id,
    publishedAt: date,
  }),
  auditEvents: z.object({
    actorId: id.nullable(),
    action: text,
    entity: text,
    entityId: text.nullable(),
    before: json.nullable(),
    after: json.nullable(),
    createdAt: date,
  }),
} as const

export type BackupTableName = keyof typeof backupTables
export type BackupRow<T extends BackupTableName> = z.output<(typeof backupTables)[T]>
export type BackupTables = { [T in BackupTableName]: BackupRow<T>[] }

/** Tables added after format version 1 was first written: a file from before has none, and is read as having none. */
export const tablesAddedLater = new Set<BackupTableName>(['tags', 'recordTags'])

/** Table order in the file, which is also the order rows are inserted (each table after those it refers to). */
export const tableOrder = Object.keys(backupTables) as BackupTableName[]

export const backupHeader = z.object({
  format: z.literal(backupFormat, { error: `This is not a Ferrite review backup (expected "format": "${backupFormat}").` }),
  formatVersion: z.literal(backupFormatVersion, { error: `This backup's format version is not one this Ferrite reads (it reads version ${backupFormatVersion}).` }),
  ferriteVersion: z.string(),
  exportedAt: date,
  review: z.object({
    id,
    slug: z.string().min(1).max(120),
    ...reviewSettingsSchema.shape,
    isDemo: z.boolean(),
    // backups written before review types were recorded are diagnostic-accuracy reviews
    reviewType: z.enum(reviewTypes).default('diagnostic_accuracy'),
    inclusionKeywords: z.array(text),
    exclusionKeywords: z.array(text),
    createdAt: date,
  }),
})

export type BackupHeader = z.output<typeof backupHeader>

/** Which table each reference column points into; an import refuses a reference to a row the file lacks. */
export const references: { [T in BackupTableName]?: Record<string, BackupTableName> } = {
  memberships: { userId: 'users' },
  imports: { createdById: 'users' },
  records: { importId: 'imports', duplicateGroupId: 'duplicateGroups' },
  duplicateGroups: { primaryRecordId: 'records', resolvedById: 'users' },
  screeningItems: { recordId: 'records', resolvedById: 'users', exclusionReasonId: 'exclusionReasons' },
  votes: { itemId: 'screeningItems', reviewerId: 'users', exclusionReasonId: 'exclusionReasons' },
  fullTexts: { recordId: 'records', uploadedById: 'users' },
  tags: { createdById: 'users' },
  recordTags: { tagId: 'tags', recordId: 'records', userId: 'users' },
  studyReports: { studyId: 'studies', recordId: 'records' },
  formVersions: { formId: 'forms', createdById: 'users' },
  assignments: { studyId: 'studies', formId: 'forms', userId: 'users' },
  entries: { studyId: 'studies', formId: 'forms', formVersionId: 'formVersions', userId: 'users' },
  consensus: { studyId: 'studies', formId: 'forms', formVersionId: 'formVersions', decidedById: 'users' },
  analyses: { createdById: 'users' },
  versions: { publishedById: 'users' },
  auditEvents: { actorId: 'users' },
}

/** JSON columns, which may mention ids (an analysis names its form, a snapshot its studies): remapped deeply. */
export const jsonColumns: { [T in BackupTableName]?: { column: string; nullable: boolean }[] } = {
  imports: [{ column: 'warnings', nullable: false }],
  rankingRuns: [{ column: 'stopping', nullable: true }],
  formVersions: [{ column: 'definition', nullable: false }],
  entries: [{ column: 'values', nullable: false }],
  consensus: [
    { column: 'value', nullable: false },
    { column: 'entered', nullable: false },
  ],
  analyses: [{ column: 'spec', nullable: false }],
  versions: [{ column: 'snapshot', nullable: false }],
  auditEvents: [
    { column: 'before', nullable: true },
    { column: 'after', nullable: true },
  ],
}
