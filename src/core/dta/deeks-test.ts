import { InputError } from '../input-error'
import { weightedRegressionTest } from '../bias/weighted-regression-test'
import { applyContinuityCorrection, type ContinuityCorrection } from './continuity-correction'
import type { DtaStudy } from './dta-study'

export interface DeeksTest {
  intercept: number
  slope: number
  se: number
  t: number
  df: number
  p: number
  /** p < 0.10, the threshold Deeks et al. recommend. */
  asymmetry: boolean
  /** Studies whose ln DOR used corrected cells. */
  corrected: string[]
  warnings: string[]
}

/**
 * Deeks' funnel-plot asymmetry test (Deeks, Macaskill & Irwig, J Clin Epidemiol 2005;58:882-893):
 * weighted least squares of ln DOR on 1/√ESS with weights ESS, ESS = 4·n₁·n₀/(n₁ + n₀) from the
 * uncorrected numbers of diseased (n₁) and non-diseased (n₀); t test of the slope with k − 2 df
 * (R: summary(lm(lnDOR ~ I(1/sqrt(ESS)), weights = ESS)); the same weighted regression as Egger's
 * classic test, weightedRegressionTest). ln DOR uses the analysis' continuity
 * correction; where a zero cell would remain (scope "none"), the study's four cells get 0.5 as Deeks
 * et al. did, and a warning says so.
 *
 * Example: deeksFunnelTest(studies, { value: 0.5, scope: 'study' }).p
 */
export function deeksFunnelTest(studies: readonly DtaStudy[], correction: ContinuityCorrection): DeeksTest {
  const k = studies.length
  if (k < 3) throw new InputError(`Deeks' test needs at least 3 studies, got ${k}`)
  const warnings: string[] = []
  let corrected = applyContinuityCorrection(studies, correction)
  if (corrected.some((s) => s.tp === 0 || s.fp === 0 || s.fn === 0 || s.tn === 0)) {
    corrected = applyContinuityCorrection(studies, { value: correction.value > 0 ? correction.value : 0.5, scope: 'study' })
    warnings.push('zero cells remained under the chosen correction, so studies with a zero cell had 0.5 added to every cell for ln DOR')
  }
  const y = corrected.map((s) => Math.log((s.tp * s.tn) / (s.fp * s.fn)))
  const ess = studies.map((s) => {
    const n1 = s.tp + s.fn
    const n0 = s.fp + s.tn
    return (4 * n1 * n0) / (n1 + n0)
  })
  const x = ess.map((e) => 1 / Math.sqrt(e))
  const fit = weightedRegressionTest(x, y, ess)
  if (!fit) throw new InputError("Deeks' test needs studies of different effective sample sizes")
  const { intercept, slope, slope_se: se, t, df, p } = fit
  return { intercept, slope, se, t, df, p, asymmetry: p < 0.1, corrected: corrected.filter((s) => s.corrected).map((s) => s.id), warnings }
}
