/**
 * What a published version holds, computed once when it is published: the review's question, searches,
 * included studies with their reports, the agreed extraction and quality data, every analysis with its
 * settings, result and summary of findings, and the PRISMA 2020 counts. The public page reads only this,
 * so a version looks the same forever, whatever changes later.
 *
 * A snapshot is built in two steps: its data are read from the database (gatherSnapshotData), then
 * everything else is derived from those data alone (deriveSnapshot, no database). A backup's versions go
 * through the same derivation from their parsed data, so what is stored is always what Ferrite computed.
 * Snapshots hold consensus data only: no person's name, id or own value.
 */
import 'server-only'
import type { EntryValues } from '@/core/forms/definition'
import { runAnalysis, type AnalysisResult } from '@/core/analysis/run-analysis'
import { measureLabel } from '@/core/analysis/spec'
import { judgementShares, qualityDomains, studyJudgements } from '@/core/quality/summary'
import { prisma } from '@/server/db/client'
import { AppError } from '@/server/errors'
import { listAnalyses } from '../analysis/analyses'
import { consensusValues } from '../extraction/consensus'
import { listForms, latestVersion } from '../extraction/forms'
import { prismaFlowCounts, type PreviousVersion } from './prisma-flow-counts'
import { summaryOfFindings } from './summary-of-findings'
import { describeSnapshotIssue, snapshotDataSchema, withCurrentKeys, type Headline, type QualitySummary, type Snapshot, type SnapshotData, type VersionChanges } from './snapshot-schema'
import { settingChanges, valueChanges } from '@/core/forms/version-diff'

export const ferriteVersion = '0.1.0'

/** The data of a snapshot of the review as it is now, read from the database (JSON-ready). */
export async function gatherSnapshotData(reviewId: string, previous?: PreviousVersion): Promise<unknown> {
  const db = prisma()
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { title: true, question: true, slug: true, isDemo: true, citeAs: true } })
  const [searches, studies, forms, analyses, flow] = await Promise.all([
    db.importBatch.findMany({ where: { reviewId }, orderBy: { searchDate: 'asc' }, select: { source: true, sourceKind: true, searchDate: true, recordCount: true, searchQuery: true } }),
    db.study.findMany({
      where: { reviewId },
      orderBy: [{ label: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        label: true,
        reports: { select: { record: { select: { title: true, authors: true, year: true, journal: true, volume: true, issue: true, pages: true, doi: true, pmid: true, abstract: true } } } },
      },
    }),
    listForms(reviewId),
    listAnalyses(reviewId),
    prismaFlowCounts(reviewId, previous),
  ])
  const formData = await Promise.all(
    forms.map(async (f) => {
      const [{ definition, version }, values] = await Promise.all([latestVersion(reviewId, f.id), consensusValues(reviewId, f.id)])
      return { id: f.id, name: f.name, kind: f.kind, version, definition, consensus: Object.fromEntries(values.byStudy) }
    }),
  )
  // through JSON, as it is stored: dates become text, and the schema parses exactly what a backup would hold
  return JSON.parse(
    JSON.stringify({
      ferriteVersion,
      review,
      searches,
      studies: studies.map((s) => ({ id: s.id, label: s.label, reports: s.reports.map((r) => r.record) })),
      forms: formData,
      analyses: analyses.map((a) => ({ id: a.id, name: a.name, spec: a.spec })),
      prismaFlow: flow,
    }),
  )
}

/** Parses a snapshot's data (from the database or a backup); refuses with the place at fault. */
export function parseSnapshotData(raw: unknown, where = 'snapshot'): SnapshotData {
  const parsed = snapshotDataSchema.safeParse(withCurrentKeys(raw))
  if (!parsed.success) throw new AppError('BAD_REQUEST', describeSnapshotIssue(where, parsed.error))
  return parsed.data
}

function qualityOf(form: SnapshotData['forms'][number], studies: SnapshotData['studies']): QualitySummary | null {
  const rated = studies.filter((s) => form.consensus[s.id]).map((s) => ({ id: s.id, label: s.label, values: form.consensus[s.id] as EntryValues }))
  if (form.kind !== 'QUALITY' || !rated.length) return null
  const rows = studyJudgements(form.definition, rated)
  return {
    domains: qualityDomains(form.definition),
    studies: rated.map((s, i) => ({ id: s.id, ...rows[i]! })),
    risk: judgementShares(form.definition, rows, 'risk'),
    applicability: judgementShares(form.definition, rows, 'applicability'),
  }
}

/** An analysis of a snapshot, computed from the snapshot's own data, as the review's pages compute it from the database. */
function analysisOf(data: SnapshotData, a: SnapshotData['analyses'][number], where: string) {
  const form = data.forms.find((f) => f.id === a.spec.formId)
  if (!form) throw new AppError('BAD_REQUEST', `${where}.spec.formId: the form is not in this version.`)
  const quality = a.spec.excludeRisk ? data.forms.find((f) => f.id === a.spec.excludeRisk!.qualityFormId) : undefined
  if (a.spec.excludeRisk && !quality) throw new AppError('BAD_REQUEST', `${where}.spec.excludeRisk.qualityFormId: the quality tool is not in this version.`)
  const domain = quality?.definition.sections.find((s) => s.id === a.spec.excludeRisk?.domainId)?.title
  const studies = data.studies.map((s) => ({ studyId: s.id, label: s.label, values: (form.consensus[s.id] ?? {}) as EntryValues, quality: quality?.consensus[s.id] as EntryValues | undefined }))
  let result: AnalysisResult
  try {
    result = runAnalysis(a.spec, form.definition, studies, domain && `${quality!.name}: ${domain}`)
  } catch (e) {
    throw new AppError('BAD_REQUEST', `${where}: the analysis cannot be computed from this version's data (${e instanceof Error ? e.message : String(e)}).`)
  }
  return { ...a, measure: measureLabel(a.spec), result, summary: summaryOfFindings(a.spec, result) }
}

const headline = (a: Snapshot['analyses'][number] | undefined): Headline => {
  const s = a?.summary
  if (!s) return null
  return s.kind === 'dta' ? { kind: 'dta', sens: s.sens, spec: s.spec, studies: s.studies } : { kind: 'univariate', estimate: s.estimate, studies: s.studies }
}

/** What changed from one version to the next: studies added and removed, and each analysis's estimates before and after. */
export function versionChanges(before: Pick<Snapshot, 'studies' | 'analyses' | 'forms'> | null, after: Pick<Snapshot, 'studies' | 'analyses' | 'forms'>): VersionChanges | null {
  if (!before) return null
  const ids = new Set(before.studies.map((s) => s.id))
  const nowIds = new Set(after.studies.map((s) => s.id))
  const values = valueChanges(before, after)
  return {
    values: values.changes,
    moreValues: values.more,
    settings: after.analyses.flatMap((a) => {
      const old = before.analyses.find((b) => b.id === a.id)
      const changes = old ? settingChanges(old.spec as Record<string, unknown>, a.spec as Record<string, unknown>) : []
      return changes.length ? [{ analysis: a.name, changes }] : []
    }),
    studiesAdded: after.studies.filter((s) => !ids.has(s.id)).map((s) => s.label),
    studiesRemoved: before.studies.filter((s) => !nowIds.has(s.id)).map((s) => s.label),
    estimates: after.analyses.map((a) => ({ analysis: a.name, before: headline(before.analyses.find((b) => b.id === a.id)), after: headline(a) })),
  }
}

/** Everything a snapshot derives from its data: results, summaries, quality views, changes since `previous`. */
export function deriveSnapshot(data: SnapshotData, previous: Pick<Snapshot, 'studies' | 'analyses' | 'forms'> | null, where = 'snapshot'): Snapshot {
  const analyses = data.analyses.map((a, i) => analysisOf(data, a, `${where}.analyses[${i}]`))
  const forms = data.forms.map((f) => ({ ...f, quality: qualityOf(f, data.studies) }))
  const snapshot = { ...data, forms, analyses, changes: null }
  return { ...snapshot, changes: versionChanges(previous, snapshot) }
}

/** The snapshot of the review as it is now (what publishing would store). */
export async function buildSnapshot(reviewId: string, previous?: { counts: PreviousVersion; snapshot: Snapshot; number: number }): Promise<Snapshot> {
  const data = parseSnapshotData(await gatherSnapshotData(reviewId, previous?.counts))
  return deriveSnapshot({ ...data, previousNumber: previous?.number ?? null }, previous?.snapshot ?? null)
}

/**
 * A version as the public sees it (the page and its JSON download): consensus data and results only.
 * Snapshots written before this rule could carry who entered and who agreed each value, and drawn
 * figures; neither is passed on.
 */
export function publicSnapshot(s: Snapshot) {
  return {
    ...s,
    forms: s.forms.map((f) => ({ ...f, quality: f.quality && { domains: f.quality.domains, studies: f.quality.studies, risk: f.quality.risk, applicability: f.quality.applicability } })),
    analyses: s.analyses.map((a) => ({
      ...a,
      result: {
        ...a.result,
        rows: (a.result.rows ?? []).map((r) => ({ id: r.id, studyId: r.studyId, path: r.path, value: r.value, group: r.group })),
      },
    })),
  }
}
