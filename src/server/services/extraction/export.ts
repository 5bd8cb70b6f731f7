/**
 * Consensus data out of Ferrite: JSON (every study with its values and their provenance), and CSV with
 * one row per study and repeating-group row (study-level fields repeated on each row; compound fields
 * spread over one column per part, e.g. two_by_two.tp).
 */
import 'server-only'
import { consensusCsv } from '@/core/forms/consensus-table'
import { prisma } from '@/server/db/client'
import { consensusValues } from './consensus'
import { latestVersion } from './forms'

export async function exportConsensus(reviewId: string, formId: string) {
  const { form, version, definition } = await latestVersion(reviewId, formId)
  const studies = await prisma().study.findMany({
    where: { reviewId },
    orderBy: { label: 'asc' },
    select: { id: true, label: true, reports: { select: { record: { select: { doi: true, pmid: true, title: true } } } } },
  })
  const { byStudy, rows } = await consensusValues(reviewId, formId)
  const json = {
    form: { id: form.id, name: form.name, kind: form.kind, version },
    studies: studies.map((s) => ({
      id: s.id,
      label: s.label,
      reports: s.reports.map((r) => r.record),
      values: byStudy.get(s.id) ?? {},
      provenance: rows.filter((r) => r.studyId === s.id).map((r) => ({ path: r.path, source: r.source, decidedBy: r.decidedBy?.name ?? null, decidedAt: r.decidedAt, entered: r.entered })),
    })),
  }
  const csv = consensusCsv(
    definition,
    studies.map((s) => ({ id: s.id, label: s.label, dois: s.reports.map((r) => r.record.doi), values: byStudy.get(s.id) ?? {} })),
  )
  return { json, csv, fileBase: `${form.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-v${version}` }
}
