/**
 * The pooling step of analyzeUnivariate: escalc + rma for the inverse-variance methods, or the
 * Mantel–Haenszel / Peto pooling of the 2x2 tables, behind one interface that can also refit any
 * subset of studies (for subgroups, leave-one-out and cumulative analyses).
 *
 * Example: poolOutcomes(parseAnalysisSpec(spec)).refit(['Aronson 1948', 'TPT Madras 1980']).est
 */
import { escalc } from '../effect-sizes/escalc'
import type { EffectSizeRow, SkippedStudy } from '../effect-sizes/escalc-study'
import { InputError } from '../input-error'
import type { AnalysisSpec, AnalysisStudy } from './analysis-spec'
import { rmaMantelHaenszel, type MantelHaenszelResult } from './mantel-haenszel'
import type { RmaMethod } from './mixed-effects-model'
import type { PooledFitSummary } from './pooled-summary'
import { rmaPeto } from './peto'
import { rma } from './rma'

/** The fields of a pooled fit that every method (rma, MH, Peto) provides. */
export interface PooledFit extends PooledFitSummary {
  crit: number
  Qdf: number
  logLik: number
  deviance: number
  AIC: number
  BIC: number
  AICc: number
}

/** The number of tables and, for OR, the CMH, Breslow–Day and Tarone tests. */
export interface MantelHaenszelTests {
  k_tables: number
  CMH: MantelHaenszelResult['CMH']
  BD: MantelHaenszelResult['BD']
  TA: MantelHaenszelResult['TA']
}

/** Pooling for any subset of study ids, plus what the full fit needs. */
export interface Pooling {
  rows: EffectSizeRow[]
  /** Studies not pooled, with the reason. */
  skipped: SkippedStudy[]
  /** MH/Peto: tables pooled without a study-level outcome (they have no row). */
  pooledWithoutOutcome: SkippedStudy[]
  correction: { value: number; to: string; drop00: boolean }
  fit: PooledFit & { df: number | null; se_tau2: number | null; vt: number | null; iterations: number; weights: number[] }
  /** Ids leave-one-out and cumulative analyses step through (tables for MH/Peto). */
  unitIds: string[]
  refit: (ids: readonly string[]) => PooledFit
  mantelHaenszel?: MantelHaenszelTests
}

export function poolTables(spec: AnalysisSpec): Pooling {
  const byIds = (ids: readonly string[]): AnalysisStudy[] => {
    const wanted = new Set(ids)
    return spec.studies.filter((s) => wanted.has(s.id))
  }
  const run = (studies: readonly AnalysisStudy[]) =>
    spec.method === 'MH'
      ? rmaMantelHaenszel({ measure: spec.measure as 'OR' | 'RR' | 'RD', studies, correction: spec.correction, level: spec.level })
      : rmaPeto({ studies, correction: spec.correction, level: spec.level })
  const full = run(spec.studies)
  // rma.mh and rma.peto default to drop00 = TRUE for the study-level outcomes
  const escalcCorrection = escalc(spec.method === 'MH' ? spec.measure : 'PETO', [], { correction: { drop00: true, ...spec.correction } }).correction
  return {
    rows: full.rows,
    skipped: full.skipped,
    pooledWithoutOutcome: full.pooledWithoutOutcome,
    correction: escalcCorrection,
    fit: { ...full, df: null, se_tau2: null, vt: null, iterations: 0 },
    unitIds: full.tableIds,
    refit: (ids) => run(byIds(ids)),
    mantelHaenszel: 'CMH' in full ? { k_tables: full.k, CMH: full.CMH, BD: full.BD, TA: full.TA } : { k_tables: full.k, CMH: null, BD: null, TA: null },
  }
}

export function poolOutcomes(spec: AnalysisSpec): Pooling {
  const effects = escalc(spec.measure, spec.studies, { correction: spec.correction, level: spec.level })
  if (effects.rows.length === 0) throw new InputError(`no study has a computable effect size (${effects.skipped.map((s) => `"${s.id}": ${s.reason}`).join('; ')})`)
  const method = spec.method as RmaMethod
  const fitRows = (rows: readonly EffectSizeRow[]) => rma({ yi: rows.map((r) => r.yi), vi: rows.map((r) => r.vi), ids: rows.map((r) => r.id), method, test: spec.test, level: spec.level })
  const full = fitRows(effects.rows)
  return {
    rows: effects.rows,
    skipped: effects.skipped,
    pooledWithoutOutcome: [],
    correction: effects.correction,
    fit: { ...full, warnings: [...effects.warnings, ...full.warnings] },
    unitIds: effects.rows.map((r) => r.id),
    refit: (ids) => {
      const wanted = new Set(ids)
      return fitRows(effects.rows.filter((r) => wanted.has(r.id)))
    },
  }
}
