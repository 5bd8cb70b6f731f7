/**
 * From studies' consensus values to the rows a model pools: one row per study (or per repeating-group
 * row), with the values the model needs, and every study left out listed with the reason.
 */
import type { EntryValues, FormDefinition, RowValues } from '../forms/definition'
import { InputError } from '../input-error'
import type { AnalysisSpec } from './spec'

export interface StudyValues {
  studyId: string
  label: string
  values: EntryValues
  /** the study's agreed quality-tool judgements, when a sensitivity analysis needs them */
  quality?: EntryValues
}

export interface AnalysisRow {
  /** unique label used as the study id in the model */
  id: string
  studyId: string
  /** section[row].field of the value pooled */
  path: string
  value: Record<string, number | string>
  group: string | null
}

export interface LeftOut {
  studyId: string
  label: string
  reason: string
}

const asText = (v: unknown): string | null => {
  const x = typeof v === 'object' && v !== null && 'value' in (v as object) ? (v as { value: unknown }).value : v
  return x === null || x === undefined || x === '' ? null : String(x)
}

function riskOf(study: StudyValues, domainId: string): string | null {
  const domain = study.quality?.[domainId] as RowValues | undefined
  return asText(domain?.risk_of_bias)
}

/** `riskDomain` names the quality domain of a risk-of-bias sensitivity analysis in the reasons studies are left out. */
export function analysisRows(spec: AnalysisSpec, definition: FormDefinition, studies: StudyValues[], riskDomain?: string): { rows: AnalysisRow[]; leftOut: LeftOut[] } {
  const section = definition.sections.find((s) => s.id === spec.source.sectionId)
  const field = section?.fields.find((f) => f.id === spec.source.fieldId)
  if (!section || !field) throw new InputError(`the form has no field ${spec.source.sectionId}.${spec.source.fieldId}`)
  const rows: AnalysisRow[] = []
  const leftOut: LeftOut[] = []
  const used = new Set<string>()
  const uniqueId = (label: string) => {
    let id = label
    for (let i = 2; used.has(id); i++) id = `${label} (${i})`
    used.add(id)
    return id
  }
  for (const study of studies) {
    if (spec.excludeRisk) {
      const risk = riskOf(study, spec.excludeRisk.domainId)
      if (risk === 'high' || (spec.excludeRisk.includeUnclear && (risk === 'unclear' || risk === null))) {
        leftOut.push({ studyId: study.studyId, label: study.label, reason: `${risk ?? 'no agreed'} risk of bias in ${riskDomain ?? 'the chosen domain'}` })
        continue
      }
    }
    const content = study.values[section.id]
    let candidates: { row: RowValues; index: number | null }[] = section.repeat
      ? (Array.isArray(content) ? content : []).map((row, index) => ({ row, index }))
      : [{ row: (content as RowValues | undefined) ?? {}, index: null }]
    if (section.repeat && spec.rowFilter) candidates = candidates.filter((c) => asText(c.row[spec.rowFilter!.fieldId])?.toLowerCase() === spec.rowFilter!.equals.toLowerCase())
    candidates = candidates.filter((c) => c.row[field.id] !== undefined && c.row[field.id] !== null)
    if (!candidates.length) {
      leftOut.push({ studyId: study.studyId, label: study.label, reason: `no agreed ${field.label.toLowerCase()}${spec.rowFilter ? ` for ${spec.rowFilter.equals}` : ''}` })
      continue
    }
    for (const c of spec.rows === 'all' ? candidates : candidates.slice(0, 1)) {
      const name = section.repeat && spec.rows === 'all' ? (asText(c.row.name) ?? `row ${c.index! + 1}`) : null
      let group: string | null = null
      if (spec.subgroup) {
        const sub = spec.subgroup
        const holder = sub.sectionId === section.id ? c.row : (study.values[sub.sectionId] as RowValues | undefined)
        const subField = definition.sections.find((s) => s.id === sub.sectionId)?.fields.find((f) => f.id === sub.fieldId)
        const raw = asText(Array.isArray(holder) ? undefined : holder?.[sub.fieldId])
        group = raw === null ? 'not reported' : (subField?.options?.find((o) => o.value === raw)?.label ?? raw)
      }
      rows.push({
        id: uniqueId(name ? `${study.label} · ${name}` : study.label),
        studyId: study.studyId,
        path: c.index === null ? `${section.id}.${field.id}` : `${section.id}[${c.index}].${field.id}`,
        value: c.row[field.id] as Record<string, number | string>,
        group,
      })
    }
  }
  return { rows, leftOut }
}
