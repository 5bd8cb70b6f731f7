/**
 * Per-study input and output of escalc(), with metafor's argument names, and the field
 * readers that turn unknown JSON values into numbers or an InputError naming study and field.
 * A field that is absent (undefined or null) is "missing": the study is skipped and reported,
 * never silently dropped; a field that is present but invalid is an input error.
 */
import { InputError } from '../input-error'
import type { ZeroCellScope } from './zero-cell-correction'

/** Measures escalc() computes (metafor's names). PETO is the per-study Peto log odds ratio. */
export const effectMeasures = ['RR', 'OR', 'RD', 'PETO', 'MD', 'SMD', 'ZCOR', 'COR', 'PLO', 'PR', 'PFT', 'GEN'] as const
export type EffectMeasure = (typeof effectMeasures)[number]

type Field = number | null | undefined

/** One study's data: ai,bi,ci,di | ai,n1i,ci,n2i | m1i,sd1i,n1i,m2i,sd2i,n2i | ri,ni | xi,ni | yi,vi | yi,sei. */
export interface StudyData {
  id: string
  ai?: Field
  bi?: Field
  ci?: Field
  di?: Field
  n1i?: Field
  n2i?: Field
  m1i?: Field
  sd1i?: Field
  m2i?: Field
  sd2i?: Field
  ri?: Field
  ni?: Field
  xi?: Field
  mi?: Field
  yi?: Field
  vi?: Field
  sei?: Field
}

/** metafor's add, to and drop00: the value added to cells, which studies receive it, and double-zero tables. */
export interface CorrectionOptions {
  /** metafor's add: default 0.5 (0 for PFT, as metafor). */
  value?: number
  /** metafor's to: default "only0" (the studies with a zero cell). */
  to?: ZeroCellScope
  /**
   * metafor's drop00: leave out the study-level outcome of tables with no events (or only events)
   * in both groups. Default false, as metafor's escalc and rma.uni (such tables get the correction
   * and are pooled); rma.mh and rma.peto default to true (rmaMantelHaenszel and rmaPeto do too).
   */
  drop00?: boolean
}

export interface EffectSizeRow {
  id: string
  yi: number
  vi: number
  sei: number
  /** Normal-theory CI of the study, yi ± qnorm(1 − α/2)·sei. */
  ci_lb: number
  ci_ub: number
  /** Total sample size where the measure has one (metafor's attr(yi, "ni")), else null. */
  ni: number | null
  /** True when a zero-cell correction was added to this study. */
  corrected: boolean
}

export interface SkippedStudy {
  id: string
  reason: string
}

/** What a measure computes for one study before the CI is added, or why it cannot. */
export type RawEffect = { yi: number; vi: number; ni: number | null; corrected: boolean; note?: string } | { skip: string }

const fieldError = (id: string, field: string, what: string): InputError => new InputError(`study "${id}": ${field} must be ${what}`)

function read(study: StudyData, field: keyof StudyData): unknown {
  return (study as unknown as Record<string, unknown>)[field]
}

/** A finite number, or undefined when absent. */
export function readNumber(study: StudyData, field: keyof StudyData): number | undefined {
  const v = read(study, field)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isFinite(v)) throw fieldError(study.id, field, 'a finite number')
  return v
}

/** A number >= 0 (counts, standard deviations), or undefined when absent. */
export function readNonNegative(study: StudyData, field: keyof StudyData): number | undefined {
  const v = read(study, field)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw fieldError(study.id, field, 'a non-negative number')
  return v
}

/** A number > 0 (group sizes), or undefined when absent. */
export function readPositive(study: StudyData, field: keyof StudyData): number | undefined {
  const v = read(study, field)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) throw fieldError(study.id, field, 'a positive number')
  return v
}

/** The reason text for missing fields, e.g. "missing ai, ci". */
export function missingReason(fields: readonly string[]): string {
  return `missing ${fields.join(', ')}`
}

/**
 * Skip reasons shared by the measures. A sampling variance of 0 is kept (e.g. r = 1 is not finite
 * anyway, but a mean difference with sd = 0 in both groups is): the models that can pool it do, as
 * metafor does, and the others refuse with a message naming the study. A negative variance
 * (possible only when vi is given) leaves the study out; metafor 3.8 would set it to 0 instead.
 */
export function checkComputed(yi: number, vi: number): string | null {
  if (!Number.isFinite(yi)) return 'the effect size is not finite (a zero cell without a correction?)'
  if (!Number.isFinite(vi)) return 'the sampling variance is not finite'
  if (vi < 0) return `the sampling variance is negative (vi = ${vi})`
  return null
}
