/**
 * Peto's one-step odds ratio (metafor's rma.peto): with Ei = (ai + ci)·n1i/Ni and
 * Vi = (ai + ci)(bi + di)·n1i·n2i/(Ni²(Ni − 1)), log OR = Σ(ai − Ei)/ΣVi, se = 1/√ΣVi.
 * Heterogeneity: Q = Σ(ai − Ei)²/Vi − (Σ(ai − Ei))²/ΣVi over tables with Vi > 0, df = k_yi − 1.
 * Tables enter uncorrected; the study-level outcomes are escalc(measure = "PETO") values (with
 * rma.peto's defaults: 1/2 added where a cell is zero, drop00 true), used for the forest plot and
 * the fit statistics. Tables without a study-level outcome are listed in `pooledWithoutOutcome`,
 * tables that cannot be pooled (a group without participants) in `skipped`.
 * Reference: Yusuf et al. 1985 (Prog Cardiovasc Dis 27:335); metafor 3.8 rma.peto.
 *
 * Example: rmaPeto({ studies }) for dat.bcg gives est ≈ −0.4744 (log OR).
 */
import { InputError } from '../input-error'
import { escalc } from '../effect-sizes/escalc'
import { readUsableTable } from '../effect-sizes/binary-outcomes'
import type { CorrectionOptions, SkippedStudy, StudyData } from '../effect-sizes/escalc-study'
import { parseLevel } from '../spec-fields'
import { commonEffectInference, studyLevelParts, type CommonEffectPooling } from './common-effect-summary'
import { heterogeneityFromQ } from './inverse-variance'

export interface PetoInput {
  studies: readonly StudyData[]
  /** Correction of the study-level outcomes; default 0.5 to "only0", drop00 true (metafor's rma.peto). */
  correction?: CorrectionOptions
  /** 0.95 or 95 (default 0.95). */
  level?: number
}

export interface PetoResult extends CommonEffectPooling {
  method: 'PETO'
  measure: 'OR'
}

export function rmaPeto(input: PetoInput): PetoResult {
  const level = parseLevel(input.level)
  const effects = escalc('PETO', input.studies, { correction: { drop00: true, ...input.correction }, level })
  const tableIds: string[] = []
  const notPooled: SkippedStudy[] = []
  const observedMinusExpected: number[] = []
  const hypergeometricVariance: number[] = []
  for (const study of input.studies) {
    const t = readUsableTable(study)
    if ('skip' in t) {
      notPooled.push({ id: study.id, reason: t.skip })
      continue
    }
    const n1 = t.ai + t.bi
    const n2 = t.ci + t.di
    const N = n1 + n2
    tableIds.push(study.id)
    observedMinusExpected.push(t.ai - ((t.ai + t.ci) * n1) / N)
    hypergeometricVariance.push(((t.ai + t.ci) * (t.bi + t.di) * (n1 / N) * (n2 / N)) / (N - 1))
  }
  let sumV = 0
  let sumOE = 0
  let sumOE2V = 0
  let kPos = 0
  hypergeometricVariance.forEach((v, i) => {
    const oe = observedMinusExpected[i] as number
    if (!(v > 0)) return
    kPos++
    sumV += v
    sumOE += oe
    sumOE2V += (oe * oe) / v
  })
  if (!(sumV > 0)) throw new InputError("Peto's method needs at least one table in which both outcomes occur")
  const est = sumOE / sumV
  const se = Math.sqrt(1 / sumV)
  const kYi = effects.rows.length
  // Q of the tables' one-step log ORs around est (Σ(O − E)²/V − (Σ(O − E))²/ΣV), on k_yi − 1 df as metafor
  const Q = Math.max(0, sumOE2V - (sumOE * sumOE) / sumV)
  const heterogeneity = kPos > 1 ? heterogeneityFromQ(Q, kYi - 1) : { Q, Qdf: Math.max(0, kYi - 1), Qp: 1, I2: 0, H2: 1 }
  const percent = hypergeometricVariance.map((v) => (100 * Math.max(0, v)) / sumV)
  return {
    method: 'PETO',
    measure: 'OR',
    level,
    k: tableIds.length,
    k_yi: kYi,
    ...commonEffectInference(est, se, level),
    ...heterogeneity,
    ...studyLevelParts(effects, est, tableIds, notPooled, percent),
    converged: true,
    warnings: effects.warnings,
  }
}
