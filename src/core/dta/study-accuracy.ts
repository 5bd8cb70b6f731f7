import { qnorm } from '../distributions/distributions'
import type { DtaStudy } from './dta-study'

export interface StudyAccuracy {
  id: string
  tp: number
  fp: number
  fn: number
  tn: number
  sens: number
  sens_ci: [number, number]
  spec: number
  spec_ci: [number, number]
  fpr: number
}

/**
 * Wilson score interval for a proportion x/n (Wilson, JASA 1927;22:209-212), the default of
 * mada's madad() and the interval of R's prop.test(x, n, correct = FALSE):
 * centre (x + z²/2)/(n + z²), half-width z·√n/(n + z²)·√(p̂(1 − p̂) + z²/(4n)).
 *
 * Example: wilsonInterval(9, 10) is [0.596, 0.982].
 */
export function wilsonInterval(x: number, n: number, level = 0.95): [number, number] {
  const z = qnorm(1 - (1 - level) / 2)
  const p = x / n
  const centre = (x + (z * z) / 2) / (n + z * z)
  const half = ((z * Math.sqrt(n)) / (n + z * z)) * Math.sqrt(p * (1 - p) + (z * z) / (4 * n))
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/** Each study's observed sensitivity and specificity with Wilson CIs, for paired forest plots (raw counts). */
export function studyAccuracy(studies: readonly DtaStudy[], level = 0.95): StudyAccuracy[] {
  return studies.map((s) => ({
    id: s.id,
    tp: s.tp,
    fp: s.fp,
    fn: s.fn,
    tn: s.tn,
    sens: s.tp / (s.tp + s.fn),
    sens_ci: wilsonInterval(s.tp, s.tp + s.fn, level),
    spec: s.tn / (s.tn + s.fp),
    spec_ci: wilsonInterval(s.tn, s.tn + s.fp, level),
    fpr: s.fp / (s.fp + s.tn),
  }))
}
