/**
 * The shape of a published version's snapshot, declared once. A snapshot is its data (the review's
 * question, searches, included studies, each form's definition and agreed values, the analyses'
 * settings, the PRISMA counts) and what Ferrite derives from that data (each analysis's result and
 * summary of findings, the quality summaries, the changes since the version before). The data are parsed
 * with this schema whenever they come from outside (a backup) and whenever a version is read; the
 * derived part is always computed by Ferrite from parsed data (./snapshot.ts), never taken from a file.
 * Nothing in a snapshot is markup: figures are drawn from it when a page is served.
 */
import 'server-only'
import { z } from 'zod'
import { analysisSpecSchema } from '@/core/analysis/spec'
import type { AnalysisResult } from '@/core/analysis/run-analysis'
import type { DomainShares, QualityDomain, StudyJudgements } from '@/core/quality/summary'
import { entryValuesSchema, formDefinitionSchema } from '@/core/forms/definition-schema'
import type { ValueChange } from '@/core/forms/version-diff'

const id = z.string().min(1).max(64)
const text = (max: number) => z.string().max(max)
const count = z.number().int().nonnegative()
const isoDate = z.union([z.string().max(40), z.date()]).transform((v) => (typeof v === 'string' ? v : v.toISOString()))

const report = z.object({
  title: text(4000),
  authors: z.array(text(500)).max(5000),
  year: z.number().int().nullable(),
  journal: text(1000),
  volume: text(100),
  issue: text(100),
  pages: text(100),
  doi: text(500),
  pmid: text(50),
  abstract: text(100_000),
})

const namedCount = z.object({ name: text(200), n: count })
const reasonCount = z.object({ reason: text(500), n: count })
const studiesAndReports = z.object({ studies: count, reports: count })

export const prismaCountsSchema = z.object({
  identification: z.object({ databases: z.array(namedCount).max(200), registers: z.array(namedCount).max(200), duplicatesRemoved: count, automationRemoved: count, otherRemoved: count }),
  screening: z.object({ recordsScreened: count, recordsExcluded: count, reportsSought: count, reportsNotRetrieved: count, reportsAssessed: count, reportsExcluded: z.array(reasonCount).max(200) }),
  included: studiesAndReports,
  previous: studiesAndReports.optional(),
  total: studiesAndReports.optional(),
  otherMethods: z
    .object({ sources: z.array(namedCount).max(200), reportsSought: count, reportsNotRetrieved: count, reportsAssessed: count, reportsExcluded: z.array(reasonCount).max(200) })
    .optional(),
})

/** What a snapshot holds as data: everything else in it is derived from this. */
export const snapshotDataSchema = z.object({
  ferriteVersion: text(40),
  // citeAs: versions published before it was kept have none
  review: z.object({ title: text(300), question: text(4000), slug: text(120), isDemo: z.boolean(), citeAs: text(500).default('') }),
  searches: z.array(z.object({ source: text(100), sourceKind: z.enum(['database', 'register', 'other']), searchDate: isoDate, recordCount: count, searchQuery: text(20_000).nullable() })).max(1000),
  studies: z.array(z.object({ id, label: text(200), reports: z.array(report).max(200) })).max(50_000),
  forms: z
    .array(
      z.object({ id, name: text(200), kind: z.enum(['EXTRACTION', 'QUALITY']), version: z.number().int().positive(), definition: formDefinitionSchema, consensus: z.record(id, entryValuesSchema) }),
    )
    .max(100),
  analyses: z.array(z.object({ id, name: text(200), spec: analysisSpecSchema })).max(200),
  prismaFlow: z.object({
    counts: prismaCountsSchema,
    problems: z.array(text(1000)).max(100),
    pending: z.object({ titleAbstract: count, fullText: count, suspectedDuplicates: count }),
  }),
  previousNumber: z.number().int().positive().nullable().default(null),
})

export type SnapshotData = z.output<typeof snapshotDataSchema>

export interface QualitySummary {
  domains: QualityDomain[]
  studies: (StudyJudgements & { id: string })[]
  risk: DomainShares[]
  applicability: DomainShares[]
}

export type Headline = { kind: 'dta'; sens: readonly number[]; spec: readonly number[]; studies: number } | { kind: 'univariate'; estimate: readonly number[]; studies: number } | null

export interface VersionChanges {
  studiesAdded: string[]
  studiesRemoved: string[]
  estimates: { analysis: string; before: Headline; after: Headline }[]
  /** agreed values that changed for studies in both versions (snapshots before this was kept lack it) */
  values?: ValueChange[]
  /** changed values beyond those listed */
  moreValues?: number
  /** analyses whose settings changed: "method: REML → DL" */
  settings?: { analysis: string; changes: string[] }[]
}

/** Derived parts, as stored: produced by Ferrite (./snapshot.ts) from the data above. */
const derived = <T>() => z.custom<T>((v) => v === null || (typeof v === 'object' && !Array.isArray(v)))

/** A snapshot as stored in a published version (and read back). */
export const snapshotSchema = snapshotDataSchema.extend({
  forms: z.array(snapshotDataSchema.shape.forms.element.extend({ quality: derived<QualitySummary | null>().default(null) })).max(100),
  analyses: z
    .array(
      snapshotDataSchema.shape.analyses.element.extend({
        measure: text(200),
        result: derived<AnalysisResult>(),
        summary: derived<SummaryOfFindings | null>().default(null),
      }),
    )
    .max(200),
  changes: derived<VersionChanges | null>().default(null),
})

export type Snapshot = z.output<typeof snapshotSchema>
export type SnapshotAnalysis = Snapshot['analyses'][number]

export type SummaryOfFindings = ReturnType<typeof import('./summary-of-findings').summaryOfFindings>

/** Snapshots written before the PRISMA diagram's data were called `prismaFlow` kept them as `prisma`. */
export function withCurrentKeys(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !('prisma' in raw) || 'prismaFlow' in raw) return raw
  const { prisma, ...rest } = raw as Record<string, unknown>
  return { ...rest, prismaFlow: prisma }
}

/** Where a snapshot does not fit the schema, as one line (for a backup being imported). */
export function describeSnapshotIssue(where: string, error: z.ZodError): string {
  const issue = error.issues[0]!
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
  return `${where}${path}: ${issue.message}`
}
