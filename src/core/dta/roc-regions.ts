import { qchisq } from '../distributions/distributions'
import { expit } from '../distributions/logistic'

export interface RocRegion {
  /** [fpr, tpr] points of the closed curve, for plotting (the last point is not repeated). */
  points: [number, number][]
  /** c in (y − μ)' C⁻¹ (y − μ) = c² on the logit scale: √qchisq(level, 2), as mada's ROCellipse. */
  critical_value: number
  level: number
}

/**
 * The ellipse {y : (y − μ)' C⁻¹ (y − μ) = c²} on the (logit sens, logit spec) scale, c = √χ²₂(level),
 * drawn as μ + c·L(cos t, sin t) with C = LL', and mapped to ROC space (FPR = 1 − spec, TPR = sens).
 * The 95 % confidence region of the summary point uses C = Var(μ̂); the 95 % prediction region for a
 * new study's true accuracy uses C = Σ + Var(μ̂) (Harbord et al. 2007; mada's plot(predict = TRUE)).
 *
 * Example: rocEllipse([2.1, 1.26], [[0.114, -0.046], [-0.046, 0.030]]) is the AuditC confidence region.
 */
export function rocEllipse(mu: readonly [number, number], c: readonly (readonly number[])[], level = 0.95, count = 100): RocRegion {
  const critical = Math.sqrt(qchisq(level, 2))
  const c11 = c[0]![0]!
  const c12 = c[0]![1]!
  const c22 = c[1]![1]!
  const l11 = Math.sqrt(Math.max(c11, 0))
  const l21 = l11 > 0 ? c12 / l11 : 0
  const l22 = Math.sqrt(Math.max(c22 - l21 * l21, 0))
  const points = Array.from({ length: count }, (_, j) => {
    const t = (2 * Math.PI * j) / count
    const yA = mu[0] + critical * l11 * Math.cos(t)
    const yB = mu[1] + critical * (l21 * Math.cos(t) + l22 * Math.sin(t))
    return [expit(-yB), expit(yA)] as [number, number]
  })
  return { points, critical_value: critical, level }
}
