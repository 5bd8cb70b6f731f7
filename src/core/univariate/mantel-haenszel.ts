/**
 * Mantel–Haenszel common-effect pooling of 2x2 tables (OR, RR, RD), as metafor's rma.mh:
 *   OR  ψ = ΣRi/ΣSi, Ri = ai·di/Ni, Si = bi·ci/Ni (Mantel & Haenszel 1959, J Natl Cancer Inst 22:719);
 *       Var(log ψ) by Robins, Breslow & Greenland 1986 (Biometrics 42:311):
 *       ½[ΣPiRi/R² + Σ(PiSi + QiRi)/(RS) + ΣQiSi/S²], Pi = (ai + di)/Ni, Qi = (bi + ci)/Ni
 *   RR  ψ = Σai·n2i/Ni / Σci·n1i/Ni, Var(log ψ) = Σ(n1i·n2i·(ai + ci)/Ni² − ai·ci/Ni)/(R·S) (Greenland & Robins 1985, Biometrics 41:55)
 *   RD  Σ(ai·n2i − ci·n1i)/Ni / Σn1i·n2i/Ni with the variance of Sato, Greenland & Robins 1989 (Biometrics 45:1323)
 * For OR also the Cochran–Mantel–Haenszel test of ψ = 1 (Cochran 1954, Biometrics 10:417; Mantel &
 * Haenszel 1959; continuity-corrected by default), the Breslow–Day test of a common OR (Breslow &
 * Day 1980, Statistical Methods in Cancer Research I, IARC, §4.4, eq. 4.30) and Tarone's correction
 * of it (Tarone 1985, Biometrika 72:91).
 * The tables enter uncorrected (metafor: add = c(1/2, 0), to = c("only0", "none"), drop00 = c(TRUE, FALSE)),
 * so tables without events in both groups still count in the sums (they shift RD towards 0) and are
 * listed in `pooledWithoutOutcome`; a table with a group without participants cannot be pooled and
 * is `skipped`. The Q test of heterogeneity uses the escalc outcomes (corrected, drop00) around ψ.
 *
 * Example: rmaMantelHaenszel({ measure: 'OR', studies }) for dat.bcg gives est = log ψ ≈ −0.4734.
 */
import { InputError } from '../input-error'
import { pchisqUpper } from '../distributions/distributions'
import { escalc } from '../effect-sizes/escalc'
import { readUsableTable, type TwoByTwoTable } from '../effect-sizes/binary-outcomes'
import type { CorrectionOptions, SkippedStudy, StudyData } from '../effect-sizes/escalc-study'
import { parseLevel } from '../spec-fields'
import { commonEffectHeterogeneity, commonEffectInference, studyLevelParts, type CommonEffectPooling } from './common-effect-summary'

export interface MantelHaenszelInput {
  measure: 'OR' | 'RR' | 'RD'
  studies: readonly StudyData[]
  /** Correction of the study-level outcomes (for Q and the forest plot); default 0.5 to "only0", drop00 true (rma.mh). */
  correction?: CorrectionOptions
  /** 0.95 or 95 (default 0.95). */
  level?: number
  /** Continuity correction of the CMH test (metafor: correct = TRUE). */
  correct?: boolean
}

export interface MantelHaenszelResult extends CommonEffectPooling {
  method: 'MH'
  measure: 'OR' | 'RR' | 'RD'
  /** Cochran–Mantel–Haenszel test (OR only). */
  CMH: { statistic: number; p: number } | null
  /** Breslow–Day and Tarone homogeneity tests (OR only), df = tables with both outcomes − 1. */
  BD: { statistic: number; df: number; p: number } | null
  TA: { statistic: number; df: number; p: number } | null
}

interface PooledTables {
  est: number
  se: number
  /** Each table's Mantel–Haenszel weight (metafor's weights.rma.mh before scaling to 100). */
  weights: Float64Array
  warning: string | null
}

function oddsRatio(tables: readonly TwoByTwoTable[]): PooledTables & { psi: number } {
  const weights = new Float64Array(tables.length)
  let sumR = 0
  let sumS = 0
  let sumPR = 0
  let sumPSplusQR = 0
  let sumQS = 0
  tables.forEach((t, i) => {
    const N = t.ai + t.bi + t.ci + t.di
    const R = (t.ai / N) * t.di
    const S = (t.bi / N) * t.ci
    const P = t.ai / N + t.di / N
    const Q = t.bi / N + t.ci / N
    sumR += R
    sumS += S
    sumPR += P * R
    sumPSplusQR += P * S + Q * R
    sumQS += Q * S
    weights[i] = S
  })
  if (!(sumR > 0 && sumS > 0)) return { est: NaN, se: NaN, psi: NaN, weights, warning: 'the Mantel–Haenszel odds ratio is undefined (no events, or no non-events, in one group across all tables)' }
  const se = Math.sqrt(0.5 * (sumPR / (sumR * sumR) + sumPSplusQR / (sumR * sumS) + sumQS / (sumS * sumS)))
  return { est: Math.log(sumR / sumS), se, psi: sumR / sumS, weights, warning: null }
}

function riskRatio(tables: readonly TwoByTwoTable[]): PooledTables {
  const weights = new Float64Array(tables.length)
  let sR = 0
  let sS = 0
  let sumA = 0
  let sumC = 0
  let numerator = 0
  tables.forEach((t, i) => {
    const n1 = t.ai + t.bi
    const n2 = t.ci + t.di
    const N = n1 + n2
    sR += t.ai * (n2 / N)
    sS += t.ci * (n1 / N)
    sumA += t.ai
    sumC += t.ci
    numerator += (n1 / N) * (n2 / N) * (t.ai + t.ci) - (t.ai / N) * t.ci
    weights[i] = (t.ci / N) * n1
  })
  if (!(sumA > 0 && sumC > 0)) return { est: NaN, se: NaN, weights, warning: 'the Mantel–Haenszel risk ratio is undefined (no events in one group across all tables)' }
  return { est: Math.log(sR / sS), se: Math.sqrt(numerator / (sR * sS)), weights, warning: null }
}

function riskDifference(tables: readonly TwoByTwoTable[]): PooledTables {
  const weights = new Float64Array(tables.length)
  let denominator = 0
  let numerator = 0
  // Sato, Greenland & Robins: Var = (est·Σ varianceSlope + Σ varianceConstant / 2) / denominator²
  let varianceSlope = 0
  let varianceConstant = 0
  tables.forEach((t, i) => {
    const n1 = t.ai + t.bi
    const n2 = t.ci + t.di
    const N = n1 + n2
    const f1 = n1 / N
    const f2 = n2 / N
    denominator += n1 * f2
    numerator += t.ai * f2 - t.ci * f1
    varianceSlope += t.ci * f1 * f1 - t.ai * f2 * f2 + (f1 * f2 * (n2 - n1)) / 2
    varianceConstant += (t.ai * (n2 - t.ci)) / N + (t.ci * (n1 - t.ai)) / N
    weights[i] = f1 * n2
  })
  const est = numerator / denominator
  return { est, se: Math.sqrt((est * varianceSlope + varianceConstant / 2) / (denominator * denominator)), weights, warning: null }
}

/** Breslow–Day test of a common OR (with Tarone's correction), as metafor's rma.mh computes it. */
function breslowDayTarone(tables: readonly TwoByTwoTable[], psi: number): { BD: number; TA: number; kPos: number } {
  let bd = 0
  let diffSum = 0
  let varianceSum = 0
  let kPos = 0
  for (const { ai, bi, ci, di } of tables) {
    const n1 = ai + bi
    const n2 = ci + di
    const xt = ai + ci
    const yt = bi + di
    // n11: the count in cell a expected under the common OR ψ, the root of a quadratic in n11
    let n11: number
    if (psi === 1) n11 = (n1 / (n1 + n2)) * xt
    else {
      const linear = psi * (n1 + xt) + (n2 - xt)
      const root = Math.sqrt(linear * linear - 4 * n1 * xt * psi * (psi - 1))
      n11 = (linear - root) / (2 * (psi - 1))
    }
    if (!(n11 > 0 && xt > 0 && yt > 0)) continue
    kPos++
    const n12 = n1 - n11
    const n21 = xt - n11
    const n22 = n11 - n1 - xt + (n1 + n2)
    const variance = 1 / (1 / n11 + 1 / n12 + 1 / n21 + 1 / n22)
    bd += (ai - n11) ** 2 / variance
    diffSum += ai - n11
    varianceSum += variance
  }
  const BD = Math.max(0, bd)
  return { BD, TA: Math.max(0, BD - (diffSum * diffSum) / varianceSum), kPos }
}

/** Cochran–Mantel–Haenszel test of a common OR of 1 (metafor's MH, MHp). */
function cochranMantelHaenszel(tables: readonly TwoByTwoTable[], correct: boolean): { statistic: number; p: number } | null {
  let sumXt = 0
  let sumYt = 0
  let deviation = 0
  let variance = 0
  for (const t of tables) {
    const n1 = t.ai + t.bi
    const n2 = t.ci + t.di
    const N = n1 + n2
    const xt = t.ai + t.ci
    const yt = t.bi + t.di
    sumXt += xt
    sumYt += yt
    deviation += t.ai - (n1 / N) * xt
    variance += (n1 / N) * (n2 / N) * (xt * (yt / (N - 1)))
  }
  if (!(sumXt > 0 && sumYt > 0)) return null
  const statistic = (Math.abs(deviation) - (correct ? 0.5 : 0)) ** 2 / variance
  return { statistic, p: pchisqUpper(statistic, 1) }
}

export function rmaMantelHaenszel(input: MantelHaenszelInput): MantelHaenszelResult {
  const { measure } = input
  if (measure !== 'OR' && measure !== 'RR' && measure !== 'RD') throw new InputError('the Mantel–Haenszel method needs measure OR, RR or RD')
  const level = parseLevel(input.level)
  const effects = escalc(measure, input.studies, { correction: { drop00: true, ...input.correction }, level })
  const tableIds: string[] = []
  const tables: TwoByTwoTable[] = []
  const notPooled: SkippedStudy[] = []
  for (const study of input.studies) {
    const table = readUsableTable(study)
    if ('skip' in table) notPooled.push({ id: study.id, reason: table.skip })
    else {
      tableIds.push(study.id)
      tables.push(table)
    }
  }
  if (tables.length === 0) throw new InputError('no study has a complete 2x2 table with participants in both groups')
  const pooled = measure === 'OR' ? oddsRatio(tables) : measure === 'RR' ? riskRatio(tables) : riskDifference(tables)
  const { est, se } = pooled
  const warnings = [...effects.warnings]
  if (pooled.warning) warnings.push(pooled.warning)
  let CMH: MantelHaenszelResult['CMH'] = null
  let BD: MantelHaenszelResult['BD'] = null
  let TA: MantelHaenszelResult['TA'] = null
  if (measure === 'OR') {
    CMH = cochranMantelHaenszel(tables, input.correct !== false)
    const psi = (pooled as ReturnType<typeof oddsRatio>).psi
    if (Number.isFinite(psi)) {
      const tests = breslowDayTarone(tables, psi)
      const df = tests.kPos - 1
      BD = { statistic: tests.BD, df, p: df > 0 ? pchisqUpper(tests.BD, df) : Number.NaN }
      TA = { statistic: tests.TA, df, p: df > 0 ? pchisqUpper(tests.TA, df) : Number.NaN }
    }
  }

  let totalWeight = 0
  for (const w of pooled.weights) totalWeight += w
  const percent = Array.from(pooled.weights, (w) => (100 * w) / totalWeight)
  return {
    method: 'MH',
    measure,
    level,
    k: tables.length,
    k_yi: effects.rows.length,
    ...commonEffectInference(est, se, level),
    ...commonEffectHeterogeneity(effects.rows, est),
    ...studyLevelParts(effects, est, tableIds, notPooled, percent),
    CMH,
    BD,
    TA,
    converged: Number.isFinite(est) && Number.isFinite(se),
    warnings,
  }
}
