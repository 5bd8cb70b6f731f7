/**
 * The publication-bias panel of an analysis: Egger's test as metafor's regtest() runs it by
 * default (the analysis model with sei as moderator) and in its classic weighted-regression
 * form, Begg's rank correlation (ranktest), trim-and-fill and the funnel-plot coordinates, all
 * from the study-level yi and vi. A test that cannot be run (e.g. fewer than 3 studies) is null
 * and the reason is added to `warnings`. A study with a sampling variance of 0 has infinite
 * precision, off every funnel and regression on precision: then nothing is computed, with a warning.
 *
 * Example: publicationBias({ yi, vi, ids, method: 'REML', test: 'z', est }).egger.p
 */
import { InputError } from '../input-error'
import type { RmaMethod, RmaTest } from '../univariate/mixed-effects-model'
import { funnel, type FunnelPlot } from './funnel'
import type { KendallTest } from './kendall-tau'
import { ranktest } from './ranktest'
import { regtest, type RegtestResult } from './regtest'
import { trimfill, type TrimfillResult } from './trimfill'

export interface PublicationBiasInput {
  yi: readonly number[]
  vi: readonly number[]
  ids: readonly string[]
  method: RmaMethod
  test: RmaTest
  level?: number
  /** The pooled estimate the funnel plot is centred on. */
  est: number
  trimfillEstimator?: 'L0' | 'R0'
}

export interface PublicationBias {
  egger: RegtestResult | null
  egger_classic: RegtestResult | null
  begg: KendallTest | null
  trimfill: TrimfillResult | null
  funnel: FunnelPlot | null
  warnings: string[]
}

/** Runs one test; a test the data do not allow (an InputError) becomes null and a warning, a crash propagates. */
function attempt<T>(what: string, warnings: string[], run: () => T): T | null {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    warnings.push(`${what} not computed: ${error.message}`)
    return null
  }
}

export function publicationBias(input: PublicationBiasInput): PublicationBias {
  const { yi, vi, ids, method, test, level } = input
  const warnings: string[] = []
  const exact = ids.filter((_, i) => !((vi[i] as number) > 0))
  if (exact.length > 0) {
    const named = exact
      .slice(0, 5)
      .map((id) => `"${id}"`)
      .join(', ')
    warnings.push(
      `publication bias tests and the funnel plot not computed: ${exact.length === 1 ? 'study' : 'studies'} ${named}${exact.length > 5 ? ' and more' : ''} ${exact.length === 1 ? 'has' : 'have'} a sampling variance of 0 (infinite precision)`,
    )
    return { egger: null, egger_classic: null, begg: null, trimfill: null, funnel: null, warnings }
  }
  const egger = attempt("Egger's test", warnings, () => regtest({ yi, vi, ids, method, test, level, model: 'rma' }))
  const eggerClassic = attempt("Egger's classic test", warnings, () => regtest({ yi, vi, ids, level, model: 'lm' }))
  const begg = attempt("Begg's rank correlation test", warnings, () => ranktest({ yi, vi, ids }))
  const filled = attempt('trim-and-fill', warnings, () => trimfill({ yi, vi, ids, method, test, level, estimator: input.trimfillEstimator }))
  if (filled) warnings.push(...filled.warnings)
  const plot = attempt('the funnel plot', warnings, () => funnel({ yi, vi, ids, est: input.est, level }))
  return { egger, egger_classic: eggerClassic, begg, trimfill: filled, funnel: plot, warnings }
}
