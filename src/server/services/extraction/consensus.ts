/**
 * Consensus: the agreed value of every field of a study. Once all assigned entries are in, the values
 * the entries agree on are recorded as consensus at once (source "agreement"); a lead settles each
 * difference by choosing one person's value or typing the right one. No extractor settles a difference
 * alone, as no reviewer settles a screening conflict alone. Only consensus values feed analyses; each
 * records who decided and what every person had entered.
 */
import 'server-only'
import type { EntryValues } from '@/core/forms/definition'
import { compareEntries, parsePath } from '@/core/forms/compare'
import { checkFieldValue, isEmptyValue } from '@/core/forms/validate-value'
import { prisma, type Tx } from '@/server/db/client'
import { AppError, fieldError, notFound } from '@/server/errors'
import { recordAudit } from '../audit'
import type { ScreeningActor } from '../screening/types'
import { latestVersion } from './forms'
import { publishChange } from '@/server/live/changes'

/**
 * Locks a study of the review (or refuses: not found). Every change to a study's entries and consensus
 * takes it first, so two extractors submitting at the same moment are serialised and the second sees
 * the first's entry (and the agreed values are recorded).
 */
export async function lockStudy(tx: Tx, reviewId: string, studyId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Study" WHERE id = ${studyId} AND "reviewId" = ${reviewId} FOR UPDATE`
  if (!rows.length) throw notFound('Study')
}

async function submittedEntries(tx: Tx, studyId: string, formId: string) {
  const assigned = await tx.studyAssignment.findMany({ where: { studyId, formId }, select: { userId: true, user: { select: { name: true } } }, orderBy: { createdAt: 'asc' } })
  const entries = await tx.formEntry.findMany({ where: { studyId, formId, status: 'SUBMITTED', userId: { in: assigned.map((a) => a.userId) } } })
  if (!assigned.length || entries.length < assigned.length) return null
  return assigned.map((a) => ({ userId: a.userId, name: a.user.name, values: entries.find((e) => e.userId === a.userId)!.values as EntryValues }))
}

/** Records the agreeing fields as consensus (called when the last entry is submitted). */
export async function recordAgreements(tx: Tx, actor: ScreeningActor, studyId: string, formId: string) {
  const entries = await submittedEntries(tx, studyId, formId)
  if (!entries) return 0
  const form = await latestVersion(actor.reviewId, formId, tx)
  const existing = new Set((await tx.consensusValue.findMany({ where: { studyId, formId }, select: { path: true } })).map((c) => c.path))
  const agreed = compareEntries(
    form.definition,
    entries.map((e) => e.values),
  ).filter((c) => c.state === 'agree' && !existing.has(c.path))
  if (!agreed.length) return 0
  await tx.consensusValue.createMany({
    data: agreed.map((c) => ({
      studyId,
      formId,
      formVersionId: form.versionId,
      path: c.path,
      value: c.values[0] as object,
      source: 'agreement',
      entered: entries.map((e, i) => ({ userId: e.userId, name: e.name, value: c.values[i] ?? null })) as object,
      decidedById: null,
    })),
  })
  await recordAudit(tx, {
    reviewId: actor.reviewId,
    actorId: actor.userId,
    action: 'consensus.agreements_recorded',
    entity: 'Study',
    entityId: studyId,
    after: { formId, paths: agreed.map((c) => c.path) },
  })
  return agreed.length
}

export type ConsensusChoice = { source: 'entry'; userId: string } | { source: 'manual'; value: unknown }

export async function setConsensus(actor: ScreeningActor, studyId: string, formId: string, path: string, choice: ConsensusChoice) {
  const form = await latestVersion(actor.reviewId, formId)
  const parsed = parsePath(path)
  const section = parsed && form.definition.sections.find((s) => s.id === parsed.sectionId)
  const field = section?.fields.find((f) => f.id === parsed!.fieldId)
  if (!parsed || !section || !field || Boolean(section.repeat) !== (parsed.row !== null)) throw fieldError('path', `"${path}" is not a field of this form.`)
  const saved = await prisma().$transaction(async (tx) => {
    await lockStudy(tx, actor.reviewId, studyId)
    const entries = await submittedEntries(tx, studyId, formId)
    if (!entries) throw new AppError('PRECONDITION_FAILED', 'Consensus is set once every assigned person has submitted.')
    const read = (values: EntryValues) => {
      const s = values[parsed.sectionId]
      const row = parsed.row === null ? s : Array.isArray(s) ? s[parsed.row] : undefined
      return (row as Record<string, unknown> | undefined)?.[parsed.fieldId] ?? null
    }
    let value: unknown
    if (choice.source === 'entry') {
      const chosen = entries.find((e) => e.userId === choice.userId)
      if (!chosen) throw fieldError('userId', 'Choose the value of one of the assigned people.')
      value = read(chosen.values)
    } else {
      if (isEmptyValue(choice.value)) value = null
      else {
        const checked = checkFieldValue(field, choice.value)
        if (!checked.ok) throw fieldError('value', `${field.label}: ${checked.message}`)
        value = checked.value
      }
    }
    const before = await tx.consensusValue.findUnique({ where: { studyId_formId_path: { studyId, formId, path } } })
    const data = {
      value: value as object,
      source: choice.source,
      formVersionId: form.versionId,
      entered: entries.map((e) => ({ userId: e.userId, name: e.name, value: read(e.values) })) as object,
      decidedById: actor.userId,
      decidedAt: new Date(),
    }
    const upserted = await tx.consensusValue.upsert({ where: { studyId_formId_path: { studyId, formId, path } }, create: { studyId, formId, path, ...data }, update: data })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'consensus.set',
      entity: 'ConsensusValue',
      entityId: upserted.id,
      before: before && { value: before.value, source: before.source },
      after: { studyId, formId, path, value, source: choice.source },
    })
    return upserted
  })
  publishChange(actor.reviewId, 'consensus')
  return saved
}

/** A lead's note on an agreed value (why it was decided so); a blank note removes it. Audited. */
export async function noteConsensus(actor: ScreeningActor, studyId: string, formId: string, path: string, note: string) {
  const text = note.trim() || null
  return prisma().$transaction(async (tx) => {
    await lockStudy(tx, actor.reviewId, studyId)
    const value = await tx.consensusValue.findFirst({ where: { studyId, formId, path, study: { reviewId: actor.reviewId } } })
    if (!value) throw new AppError('PRECONDITION_FAILED', 'Agree the value first, then add a note to it.')
    const updated = await tx.consensusValue.update({ where: { id: value.id }, data: { note: text } })
    await recordAudit(tx, {
      reviewId: actor.reviewId,
      actorId: actor.userId,
      action: 'consensus.noted',
      entity: 'ConsensusValue',
      entityId: value.id,
      before: { note: value.note },
      after: { studyId, formId, path, note: text },
    })
    return { note: updated.note }
  })
}

/** The consensus of every study for a form, as entry-shaped values (section -> field -> value). */
export async function consensusValues(reviewId: string, formId: string) {
  const rows = await prisma().consensusValue.findMany({
    where: { formId, study: { reviewId } },
    select: { studyId: true, path: true, value: true, source: true, decidedAt: true, entered: true, decidedBy: { select: { name: true } } },
  })
  const byStudy = new Map<string, EntryValues>()
  for (const r of rows) {
    const p = parsePath(r.path)
    if (!p || r.value === null) continue
    const values = byStudy.get(r.studyId) ?? {}
    if (p.row === null) values[p.sectionId] = { ...((values[p.sectionId] as object) ?? {}), [p.fieldId]: r.value }
    else {
      const list = (Array.isArray(values[p.sectionId]) ? values[p.sectionId] : []) as Record<string, unknown>[]
      while (list.length <= p.row) list.push({})
      list[p.row] = { ...list[p.row], [p.fieldId]: r.value }
      values[p.sectionId] = list
    }
    byStudy.set(r.studyId, values)
  }
  return { byStudy, rows }
}
