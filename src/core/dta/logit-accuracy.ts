import type { CorrectedStudy } from './continuity-correction'

/**
 * Logit sensitivity and logit specificity of each study with their within-study variances
 * (Reitsma et al. 2005): y = (logit(tp/(tp+fn)), logit(tn/(tn+fp))), S = diag(1/tp + 1/fn, 1/tn + 1/fp).
 * Stored as parallel arrays so the bivariate fit stays O(k) without per-study objects.
 */
export interface BivariateLogitData {
  ids: string[]
  ySens: Float64Array
  ySpec: Float64Array
  vSens: Float64Array
  vSpec: Float64Array
}

export interface ExcludedStudy {
  id: string
  reason: string
}

/**
 * Studies whose (corrected) table still has a zero cell have an infinite logit and are left out,
 * and reported in `excluded`. Example: tp 9, fn 1, fp 2, tn 18 gives ySens = log 9, vSens = 1/9 + 1.
 */
export function toLogitData(studies: readonly CorrectedStudy[]): { data: BivariateLogitData; excluded: ExcludedStudy[] } {
  const kept = studies.filter((s) => s.tp > 0 && s.fp > 0 && s.fn > 0 && s.tn > 0)
  const excluded = studies
    .filter((s) => !(s.tp > 0 && s.fp > 0 && s.fn > 0 && s.tn > 0))
    .map((s) => ({ id: s.id, reason: 'a zero cell remains after the continuity correction, so a logit is infinite' }))
  const k = kept.length
  const data: BivariateLogitData = {
    ids: kept.map((s) => s.id),
    ySens: new Float64Array(k),
    ySpec: new Float64Array(k),
    vSens: new Float64Array(k),
    vSpec: new Float64Array(k),
  }
  kept.forEach((s, i) => {
    data.ySens[i] = Math.log(s.tp / s.fn)
    data.ySpec[i] = Math.log(s.tn / s.fp)
    data.vSens[i] = 1 / s.tp + 1 / s.fn
    data.vSpec[i] = 1 / s.tn + 1 / s.fp
  })
  return { data, excluded }
}
