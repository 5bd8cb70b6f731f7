/**
 * Consensus data out of Ferrite: JSON (every study with its values and their provenance), and CSV with
 * one row per study and repeating-group row (study-level fields repeated on each row; compound fields
 * spread over one column per part, e.g. two_by_two.tp).
 */
import Papa from 'papaparse'
import type { EntryValues, FieldDefinition, RowValues, SectionDefinition } from '@/core/forms/definition'
import { prisma } from '@/server/db/client'
import { consensusValues } from './consensus'
import { latestVersion } from './forms'

function cells(section: SectionDefinition, field: FieldDefinition, value: unknown): [string, unknown][] {
  const name = `${section.id}.${field.id}`
  const inner = field.withNote ? (value as { value?: unknown } | undefined)?.value : value
  const note: [string, unknown][] = field.withNote ? [[`${name}.note`, (value as { note?: string } | undefined)?.note ?? '']] : []
  if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) return [...Object.entries(inner).map(([k, v]) => [`${name}.${k}`, v] as [string, unknown]), ...note]
  return [[name, Array.isArray(inner) ? inner.join('; ') : (inner ?? '')], ...note]
}

export async function exportConsensus(reviewId: string, formId: string) {
  const { form, version, definition } = await latestVersion(reviewId, formId)
  const studies = await prisma().study.findMany({ where: { reviewId }, orderBy: { label: 'asc' }, select: { id: true, label: true, reports: { select: { record: { select: { doi: true, pmid: true, title: true } } } } } })
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
  const single = definition.sections.filter((s) => !s.repeat)
  const repeating = definition.sections.filter((s) => s.repeat)
  const records: Record<string, unknown>[] = []
  for (const s of studies) {
    const values: EntryValues = byStudy.get(s.id) ?? {}
    const base: Record<string, unknown> = { study_id: s.id, study: s.label, dois: s.reports.map((r) => r.record.doi).filter(Boolean).join('; ') }
    for (const section of single) for (const field of section.fields) for (const [k, v] of cells(section, field, (values[section.id] as RowValues | undefined)?.[field.id])) base[k] = v
    const groupRows = repeating.flatMap((section) => ((values[section.id] as RowValues[] | undefined) ?? []).map((row, i) => ({ section, row, i })))
    if (!groupRows.length) records.push(base)
    for (const { section, row, i } of groupRows) {
      const r: Record<string, unknown> = { ...base, group: section.id, row: i + 1 }
      for (const field of section.fields) for (const [k, v] of cells(section, field, row[field.id])) r[k] = v
      records.push(r)
    }
  }
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))]
  const csv = Papa.unparse({ fields: columns, data: records.map((r) => columns.map((c) => r[c] ?? '')) })
  return { json, csv, fileBase: `${form.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-v${version}` }
}
