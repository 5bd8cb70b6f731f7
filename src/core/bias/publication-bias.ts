/**
 * The publication-bias panel of an analysis: Egger's test as metafor's regtest() runs it by
 * default (the analysis model with sei as moderator) and in its classic weighted-regression
 * form, Begg's rank correlation (ranktest), trim-and-fill and the funnel-plot coordinates, all
 * from the study-level yi and vi. A test that cannot be run (e.g. fewer than 3 studies) is null
 * and the reason is added to `warnings`.
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
  const egger = attempt("Egger's test", warnings, () => regtest({ yi, vi, ids, method, test, level, model: 'rma' }))
  const eggerClassic = attempt("Egger's classic test", warnings, () => regtest({ yi, vi, ids, level, model: 'lm' }))
  const begg = attempt("Begg's rank correlation test", warnings, () => ranktest({ yi, vi, ids }))
  const filled = attempt('trim-and-fill', warnings, () => trimfill({ yi, vi, ids, method, test, level, estimator: input.trimfillEstimator }))
  if (filled) warnings.push(...filled.warnings)
  const plot = attempt('the funnel plot', warnings, () => funnel({ yi, vi, ids, est: input.est, level }))
  return { egger, egger_classic: eggerClassic, begg, trimfill: filled, funnel: plot, warnings }
}
