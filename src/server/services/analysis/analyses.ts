/**
 * Analyses: defined by leads, computed by the core from consensus values only, with the provenance of
 * every number (the studies and agreed values it came from, who entered and who agreed each).
 */
import 'server-only'
import type { EntryValues } from '@/core/forms/definition'
import { analysisSpecSchema, type AnalysisSpec } from '@/core/analysis/spec'
import crypto from 'node:crypto'
import { runAnalysis, type AnalysisResult } from '@/core/analysis/run-analysis'
import { prisma } from '@/server/db/client'
import { AppError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import { consensusValues } from '../extraction/consensus'
import { latestVersion } from '../extraction/forms'
import { publishChange } from '@/server/live/changes'
import type { ScreeningActor } from '../screening/types'

/** A stored analysis's settings, parsed by the one schema (a stored spec that does not fit is an error, not a cast). */
function readSpec(analysis: { name: string; spec: unknown }): AnalysisSpec {
  const parsed = analysisSpecSchema.safeParse(analysis.spec)
  if (!parsed.success) throw new AppError('PRECONDITION_FAILED', `The settings of the analysis "${analysis.name}" cannot be read: ${parsed.error.issues[0]!.message}. Edit and save it again.`)
  return parsed.data
}

export async function listAnalyses(reviewId: string) {
  const rows = await prisma().analysis.findMany({ where: { reviewId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, spec: true, updatedAt: true } })
  return rows.map((r) => ({ ...r, spec: readSpec(r) }))
}

async function checkSpec(reviewId: string, spec: AnalysisSpec) {
  const { form, definition } = await latestVersion(reviewId, spec.formId)
  if (form.kind !== 'EXTRACTION') throw new AppError('BAD_REQUEST', 'Analyses pool the data of an extraction form.')
  const field = definition.sections.find((s) => s.id === spec.source.sectionId)?.fields.find((f) => f.id === spec.source.fieldId)
  if (!field) throw new AppError('BAD_REQUEST', 'The data field is not part of the form.', { source: ['Choose a field of the form.'] })
  const dta = field.type === 'two_by_two' && spec.kind === 'dta'
  const fits = dta || (spec.kind === 'univariate' && ['correlation', 'mean_error', 'two_group', 'two_by_two', 'proportion'].includes(field.type))
  if (!fits)
    throw new AppError('BAD_REQUEST', `A ${field.type.replace(/_/g, ' ')} field cannot feed a ${spec.kind === 'dta' ? 'diagnostic accuracy' : 'univariate'} analysis.`, {
      source: ['Choose a field that fits the analysis.'],
    })
  if (spec.excludeRisk) {
    const q = await latestVersion(reviewId, spec.excludeRisk.qualityFormId)
    if (q.form.kind !== 'QUALITY' || !q.definition.sections.some((s) => s.id === spec.excludeRisk!.domainId))
      throw new AppError('BAD_REQUEST', 'Choose a domain of a quality-assessment tool.', { excludeRisk: ['Choose a domain of a quality-assessment tool.'] })
  }
}

export async function saveAnalysis(actor: ScreeningActor, input: { id?: string; name: string; spec: AnalysisSpec }) {
  await checkSpec(actor.reviewId, input.spec)
  const saved = await prisma().$transaction(async (tx) => {
    if (input.id) {
      const before = await tx.analysis.findFirst({ where: { id: input.id, reviewId: actor.reviewId } })
      if (!before) throw notFound('Analysis')
      const after = await tx.analysis.update({ where: { id: input.id }, data: { name: input.name, spec: input.spec as object } })
      await recordAudit(tx, {
        reviewId: actor.reviewId,
        actorId: actor.userId,
        action: 'analysis.updated',
        entity: 'Analysis',
        entityId: after.id,
        before: { name: before.name, spec: before.spec },
        after: { name: after.name, spec: input.spec },
      })
      return after
    }
    const count = await tx.analysis.count({ where: { reviewId: actor.reviewId } })
    const created = await tx.analysis.create({ data: { reviewId: actor.reviewId, name: input.name, spec: input.spec as object, position: count, createdById: actor.userId } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'analysis.created', entity: 'Analysis', entityId: created.id, after: { name: created.name, spec: input.spec } })
    return created
  })
  publishChange(actor.reviewId, 'analyses')
  return saved
}

export async function deleteAnalysis(actor: ScreeningActor, id: string) {
  await prisma().$transaction(async (tx) => {
    const before = await tx.analysis.findFirst({ where: { id, reviewId: actor.reviewId } })
    if (!before) throw notFound('Analysis')
    await tx.analysis.delete({ where: { id } })
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.userId, action: 'analysis.deleted', entity: 'Analysis', entityId: id, before: { name: before.name, spec: before.spec } })
  })
  publishChange(actor.reviewId, 'analyses')
}

/** A copy of an analysis, named "<name> (copy)" (or "(copy 2)", ...), placed last; audited as a duplicate of the original. */
export async function duplicateAnalysis(actor: ScreeningActor, id: string) {
  const copy = await prisma().$transaction(async (tx) => {
    const original = await tx.analysis.findFirst({ where: { id, reviewId: actor.reviewId } })
    if (!original) throw notFound('Analysis')
    const names = new Set((await tx.analysis.findMany({ where: { reviewId: actor.reviewId }, select: { name: true } })).map((a) => a.name))
    let name = `${original.name} (copy)`.slice(0, 200)
    for (let n = 2; names.has(name); n++) name = `${original.name} (copy ${n})`.slice(0, 200)
    const created = await tx.analysis.create({
      data: { reviewId: actor.reviewId, name, spec: original.spec as object, position: names.size, createdById: actor.userId },
    })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'analysis.duplicated',
      entity: 'Analysis',
      entityId: created.id,
      before: { from: original.id, name: original.name },
      after: { name, spec: original.spec },
    })
    return created
  })
  publishChange(actor.reviewId, 'analyses')
  return { id: copy.id, name: copy.name }
}

/** An analysis's results from the current consensus data, with the provenance of each study's values. */
export async function computeAnalysis(reviewId: string, analysisId: string) {
  const analysis = await prisma().analysis.findFirst({ where: { id: analysisId, reviewId } })
  if (!analysis) throw notFound('Analysis')
  const spec = readSpec(analysis)
  return { id: analysis.id, name: analysis.name, spec, ...(await computeSpec(reviewId, spec)) }
}

/**
 * Results by their inputs: the same settings and the same agreed data give the same result, so many
 * pages (or one caller asking many times) cost one computation per change of the data. The key is a hash
 * of everything the computation reads; the most recently used 200 results are kept.
 */
const results = new Map<string, AnalysisResult>()
const keep = 200

function cachedAnalysis(...args: Parameters<typeof runAnalysis>): AnalysisResult {
  const key = crypto.createHash('sha256').update(JSON.stringify(args)).digest('base64')
  const hit = results.get(key)
  if (hit) {
    results.delete(key)
    results.set(key, hit)
    return hit
  }
  const result = runAnalysis(...args)
  results.set(key, result)
  if (results.size > keep) results.delete(results.keys().next().value!)
  return result
}

export async function computeSpec(reviewId: string, spec: AnalysisSpec) {
  const { definition, version } = await latestVersion(reviewId, spec.formId)
  const [studies, data, quality, qualityForm] = await Promise.all([
    prisma().study.findMany({ where: { reviewId }, orderBy: [{ label: 'asc' }, { id: 'asc' }], select: { id: true, label: true } }),
    consensusValues(reviewId, spec.formId),
    spec.excludeRisk ? consensusValues(reviewId, spec.excludeRisk.qualityFormId) : null,
    spec.excludeRisk ? latestVersion(reviewId, spec.excludeRisk.qualityFormId) : null,
  ])
  const domain = qualityForm?.definition.sections.find((s) => s.id === spec.excludeRisk?.domainId)?.title
  const result = cachedAnalysis(
    spec,
    definition,
    studies.map((s) => ({ studyId: s.id, label: s.label, values: data.byStudy.get(s.id) ?? ({} as EntryValues), quality: quality?.byStudy.get(s.id) })),
    domain && `${qualityForm!.form.name}: ${domain}`,
  )
  const provenance = new Map(data.rows.map((r) => [`${r.studyId}|${r.path}`, r]))
  return {
    formVersion: version,
    computedAt: new Date(),
    ...result,
    rows: result.rows.map((r) => {
      const p = provenance.get(`${r.studyId}|${r.path}`)
      return {
        ...r,
        provenance: p ? { source: p.source, decidedBy: p.decidedBy?.name ?? null, decidedAt: p.decidedAt, entered: p.entered as { name: string; value: unknown }[] } : null,
      }
    }),
  }
}
