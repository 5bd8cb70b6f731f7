/**
 * Back-transformations of pooled estimates to the scale readers use, as metafor's predict(...,
 * transf = ...) applies them: exp for RR/OR/PETO (ratios), tanh for ZCOR (transf.ztor), the
 * inverse logit for PLO (transf.ilogit), and the inverse Freeman–Tukey transformation with the
 * harmonic mean of the sample sizes for PFT (Miller 1978, Am Stat 32:138; transf.ipft.hm).
 * The other measures (RD, MD, SMD, COR, PR, GEN) are already on their natural scale.
 *
 * Example: backTransform('PFT', 0.8, { ni: [17, 12, 8] }) ≈ 0.5158.
 */
import { expit } from '../distributions/logistic'
import { freemanTukey } from './proportions'
import type { EffectMeasure } from './escalc-study'

export type BackTransformKind = 'exp' | 'tanh' | 'expit' | 'ipft-hm' | 'identity'

export function backTransformKind(measure: EffectMeasure): BackTransformKind {
  switch (measure) {
    case 'RR':
    case 'OR':
    case 'PETO':
      return 'exp'
    case 'ZCOR':
      return 'tanh'
    case 'PLO':
      return 'expit'
    case 'PFT':
      return 'ipft-hm'
    default:
      return 'identity'
  }
}

/** Harmonic mean of the sample sizes: 1/mean(1/ni). */
export function harmonicMean(ni: readonly number[]): number {
  let s = 0
  for (const n of ni) s += 1 / n
  return 1 / (s / ni.length)
}

/**
 * metafor's transf.ipft: the proportion whose Freeman–Tukey value from n is x,
 * clamped to 0 and 1 outside the attainable range.
 */
export function inverseFreemanTukey(x: number, n: number): number {
  if (x > freemanTukey(1, n)) return 1
  if (x < freemanTukey(0, n)) return 0
  const s = Math.sin(2 * x)
  const z = 0.5 * (1 - Math.sign(Math.cos(2 * x)) * Math.sqrt(1 - (s + (s - 1 / s) / n) ** 2))
  return Number.isNaN(z) ? Number.NaN : z
}

/** Back-transform `value` of `measure`; PFT needs the studies' sample sizes `ni`. */
export function backTransform(measure: EffectMeasure, value: number, context: { ni?: readonly number[] } = {}): number {
  switch (backTransformKind(measure)) {
    case 'exp':
      return Math.exp(value)
    case 'tanh':
      return Math.tanh(value)
    case 'expit':
      return expit(value)
    case 'ipft-hm': {
      const ni = context.ni ?? []
      if (ni.length === 0) return Number.NaN
      return inverseFreemanTukey(value, harmonicMean(ni))
    }
    case 'identity':
      return value
  }
}
