/**
 * The rows of a forest plot, top to bottom, and the checks on its input. With subgroups, studies are
 * listed under their group headings in order of first appearance, each group closed by its subgroup
 * summaries (RevMan's layout); overall summaries come last. A summary with a prediction interval is
 * followed by a "Prediction interval" row (RevMan Web draws the interval on its own line below the
 * diamond), and a summary's heterogeneity text by a note row.
 *
 * Example: forestRows([{ label: 'A', est: 1, lo: 0.5, hi: 2, weight: 50, group: 'Adults' }], [])
 * gives a heading row "Adults", the study row and a gap.
 */
import { InputError } from '../input-error'
import { requireFinite, requireInterval, requireLabel, requireNonEmpty, studyOwner } from './plot-input-checks'

export interface ForestStudy {
  label: string
  /** Estimate and confidence limits, on the scale the axis is drawn in (ratios for scale 'log'). */
  est: number
  lo: number
  hi: number
  /** Percent weight in the pooled estimate; null draws a medium square and leaves the column blank. */
  weight: number | null
  group?: string
}

export interface ForestSummary {
  label: string
  est: number
  lo: number
  hi: number
  /** Prediction interval [lo, hi], drawn on its own row below the diamond. */
  pi?: readonly [number, number]
  kind: 'overall' | 'subgroup'
  /** For kind 'subgroup': the group (as in ForestStudy.group) it closes. */
  group?: string
  /** Shown in the weight column, e.g. 100 for the overall total or a subgroup's share. */
  weight?: number | null
  /** A line of text under the summary, e.g. "Heterogeneity: τ² = 0.31; I² = 92%; p < 0.001". */
  heterogeneity?: string
}

export type ForestRow =
  | { kind: 'heading'; label: string }
  | { kind: 'study'; study: ForestStudy }
  | { kind: 'summary'; summary: ForestSummary }
  | { kind: 'prediction'; summary: ForestSummary; pi: readonly [number, number] }
  | { kind: 'note'; text: string }
  | { kind: 'gap' }

const PLOT = 'forest plot'

/** Throws an InputError naming the study or summary and field for anything the plot cannot draw. */
export function validateForest(studies: readonly ForestStudy[], summaries: readonly ForestSummary[], log: boolean): void {
  requireNonEmpty(PLOT, studies)
  if (!Array.isArray(summaries)) throw new InputError(`${PLOT}: summaries must be a list`)
  const grouped = studies.some((s) => s.group !== undefined)
  studies.forEach((s, i) => {
    const owner = studyOwner(s.label, i)
    requireLabel(PLOT, owner, s.label)
    requireInterval(PLOT, owner, s, log)
    if (s.weight !== null && (requireFinite(PLOT, owner, 'weight', s.weight) < 0 || s.weight > 100))
      throw new InputError(`${PLOT}: ${owner}: weight must be a percentage from 0 to 100 (got ${s.weight})`)
    if (grouped && (typeof s.group !== 'string' || s.group === '')) throw new InputError(`${PLOT}: ${owner}: group is missing while other studies have one`)
  })
  summaries.forEach((m, i) => {
    const owner = studyOwner(m.label, i, 'summary')
    requireLabel(PLOT, owner, m.label)
    requireInterval(PLOT, owner, m, log)
    if (m.kind !== 'overall' && m.kind !== 'subgroup') throw new InputError(`${PLOT}: ${owner}: kind must be 'overall' or 'subgroup'`)
    if (m.pi !== undefined) {
      const [lo, hi] = m.pi
      requireInterval(PLOT, owner, { lo, est: m.est, hi }, log, { lo: 'pi[0]', est: 'est', hi: 'pi[1]' })
    }
    if (m.weight !== undefined && m.weight !== null) requireFinite(PLOT, owner, 'weight', m.weight)
    if (m.kind === 'subgroup' && !studies.some((s) => s.group === m.group)) throw new InputError(`${PLOT}: ${owner}: group "${String(m.group)}" matches no study's group`)
  })
}

function summaryRows(summary: ForestSummary): ForestRow[] {
  const rows: ForestRow[] = [{ kind: 'summary', summary }]
  if (summary.pi) rows.push({ kind: 'prediction', summary, pi: summary.pi })
  if (summary.heterogeneity) rows.push({ kind: 'note', text: summary.heterogeneity })
  return rows
}

export function forestRows(studies: readonly ForestStudy[], summaries: readonly ForestSummary[]): ForestRow[] {
  const rows: ForestRow[] = []
  const groups = [...new Set(studies.map((s) => s.group).filter((g): g is string => g !== undefined))]
  if (groups.length === 0) {
    for (const study of studies) rows.push({ kind: 'study', study })
    rows.push({ kind: 'gap' })
  }
  for (const group of groups) {
    rows.push({ kind: 'heading', label: group })
    for (const study of studies) if (study.group === group) rows.push({ kind: 'study', study })
    for (const summary of summaries) if (summary.kind === 'subgroup' && summary.group === group) rows.push(...summaryRows(summary))
    rows.push({ kind: 'gap' })
  }
  for (const summary of summaries) if (summary.kind === 'overall') rows.push(...summaryRows(summary))
  return rows
}
