/**
 * Plot inputs shared by the plot tests: metafor's BCG vaccine trials (dat.bcg; risk ratios, weights and
 * the REML summary as metafor 3.8 prints them) and the 14 AUDIT-C studies of tests/reference/dta-datasets.R
 * with Wilson intervals, the bivariate REML fit (rma.mv, struct = "UN") and the SROC curve and regions
 * derived from it. These are inputs to draw, not expected values of a computation.
 */
import type { ForestStudy, ForestSummary } from '@/core/plots/forest-plot'
import type { PairedForestStudy } from '@/core/plots/paired-forest-plot'
import type { RocPoint, SrocStudy } from '@/core/plots/sroc-plot'

export const bcgStudies: ForestStudy[] = [
  { label: 'Aronson, 1948', est: 0.4109, lo: 0.1343, hi: 1.2574, weight: 5.06, group: 'Random allocation' },
  { label: 'Ferguson & Simes, 1949', est: 0.2049, lo: 0.0863, hi: 0.4864, weight: 6.36, group: 'Random allocation' },
  { label: 'Rosenthal et al, 1960', est: 0.2597, lo: 0.0734, hi: 0.9186, weight: 4.44, group: 'Random allocation' },
  { label: 'Hart & Sutherland, 1977', est: 0.2366, lo: 0.1793, hi: 0.3121, weight: 9.7, group: 'Random allocation' },
  { label: 'Frimodt-Moller et al, 1973', est: 0.8045, lo: 0.5163, hi: 1.2536, weight: 8.87, group: 'Alternate allocation' },
  { label: 'Stein & Aronson, 1953', est: 0.4556, lo: 0.3871, hi: 0.5362, weight: 10.1, group: 'Alternate allocation' },
  { label: 'Vandiviere et al, 1973', est: 0.1977, lo: 0.0784, hi: 0.4989, weight: 6.03, group: 'Random allocation' },
  { label: 'TPT Madras, 1980', est: 1.012, lo: 0.8946, hi: 1.1449, weight: 10.19, group: 'Random allocation' },
  { label: 'Coetzee & Berjak, 1968', est: 0.6254, lo: 0.3926, hi: 0.9962, weight: 8.74, group: 'Random allocation' },
  { label: 'Rosenthal et al, 1961', est: 0.2538, lo: 0.1494, hi: 0.431, weight: 8.37, group: 'Systematic allocation' },
  { label: 'Comstock et al, 1974', est: 0.7122, lo: 0.5725, hi: 0.886, weight: 9.93, group: 'Systematic allocation' },
  { label: 'Comstock & Webster, 1969', est: 1.5619, lo: 0.3737, hi: 6.5284, weight: 3.82, group: 'Systematic allocation' },
  { label: 'Comstock et al, 1976', est: 0.9828, lo: 0.5821, hi: 1.6593, weight: 8.4, group: 'Systematic allocation' },
]

/** The studies without their allocation group. */
export const bcgUngrouped: ForestStudy[] = bcgStudies.map(({ group: _group, ...study }) => study)

export const bcgOverall: ForestSummary = {
  label: 'Random-effects model',
  est: 0.4894,
  lo: 0.3441,
  hi: 0.6962,
  pi: [0.1546, 1.549],
  kind: 'overall',
  weight: 100,
  heterogeneity: 'Heterogeneity: τ² = 0.31; I² = 92%; Q = 152.23, df = 12 (p < 0.001)',
}

export const bcgSubgroups: ForestSummary[] = [
  { label: 'Subtotal', est: 0.3787, lo: 0.2205, hi: 0.6504, kind: 'subgroup', group: 'Random allocation', heterogeneity: 'Heterogeneity: I² = 90%' },
  { label: 'Subtotal', est: 0.5823, lo: 0.3353, hi: 1.0112, kind: 'subgroup', group: 'Alternate allocation' },
  { label: 'Subtotal', est: 0.6543, lo: 0.3233, hi: 1.3243, kind: 'subgroup', group: 'Systematic allocation' },
]

const auditc = {
  tp: [47, 126, 19, 36, 130, 84, 68, 752, 59, 142, 137, 57, 34, 152],
  fn: [9, 51, 10, 3, 19, 2, 0, 0, 5, 50, 24, 3, 1, 51],
  fp: [101, 272, 12, 78, 211, 68, 112, 3226, 55, 571, 107, 103, 21, 88],
  tn: [738, 1543, 192, 276, 959, 89, 423, 2977, 136, 2788, 358, 437, 56, 264],
}

const Z = 1.959963984540054

/** Wilson score interval of x successes in n. */
function wilson(x: number, n: number): [number, number, number] {
  const p = x / n
  const centre = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n)
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / (1 + (Z * Z) / n)
  return [p, Math.max(0, centre - half), Math.min(1, centre + half)]
}

export const auditcStudies: PairedForestStudy[] = auditc.tp.map((tp, i) => {
  const fn = auditc.fn[i] as number
  const fp = auditc.fp[i] as number
  const tn = auditc.tn[i] as number
  const [sens, sensLo, sensHi] = wilson(tp, tp + fn)
  const [spec, specLo, specHi] = wilson(tn, tn + fp)
  return { label: `AuditC ${String(i + 1).padStart(2, '0')}`, tp, fp, fn, tn, sens, sensLo, sensHi, spec, specLo, specHi }
})

export const auditcSroc: SrocStudy[] = auditcStudies.map((s) => ({ label: s.label, fpr: 1 - s.spec, tpr: s.sens, n: s.tp + s.fp + s.fn + s.tn }))

// Bivariate REML fit of the AuditC data (rma.mv on logit sens and logit spec, 0.5 added to every cell).
const mu = [2.099742, 1.263691] as const
const varMu = [
  [0.114143, -0.045858],
  [-0.045858, 0.030391],
] as const
const tau2 = [1.379585, 0.407208] as const
const rho = -0.854275
const expit = (v: number): number => 1 / (1 + Math.exp(-v))

export const auditcSummary = {
  sens: expit(mu[0]),
  sensLo: expit(mu[0] - Z * Math.sqrt(varMu[0][0])),
  sensHi: expit(mu[0] + Z * Math.sqrt(varMu[0][0])),
  spec: expit(mu[1]),
  specLo: expit(mu[1] - Z * Math.sqrt(varMu[1][1])),
  specHi: expit(mu[1] + Z * Math.sqrt(varMu[1][1])),
}

/** The ellipse (y − μ)'C⁻¹(y − μ) = χ²₂(0.95) on the logit scale, mapped to (FPR, TPR). */
function rocEllipse(c11: number, c12: number, c22: number, count = 72): RocPoint[] {
  const critical = Math.sqrt(5.991464547107979)
  const l11 = Math.sqrt(c11)
  const l21 = c12 / l11
  const l22 = Math.sqrt(c22 - l21 * l21)
  return Array.from({ length: count }, (_, j) => {
    const t = (2 * Math.PI * j) / count
    const a = mu[0] + critical * l11 * Math.cos(t)
    const b = mu[1] + critical * (l21 * Math.cos(t) + l22 * Math.sin(t))
    return [expit(-b), expit(a)] as RocPoint
  })
}

export const auditcConfidenceRegion = rocEllipse(varMu[0][0], varMu[0][1], varMu[1][1])
const sigma12 = rho * Math.sqrt(tau2[0] * tau2[1])
export const auditcPredictionRegion = rocEllipse(tau2[0] + varMu[0][0], sigma12 + varMu[0][1], tau2[1] + varMu[1][1])

/** Rutter–Gatsonis SROC curve from the bivariate fit (Harbord et al. 2007). */
export const auditcCurve: RocPoint[] = (() => {
  const sa = Math.sqrt(tau2[0])
  const sb = Math.sqrt(tau2[1])
  const beta = Math.log(sb / sa)
  const lambda = Math.sqrt(sb / sa) * mu[0] + Math.sqrt(sa / sb) * mu[1]
  return Array.from({ length: 99 }, (_, j) => {
    const fpr = (j + 1) / 100
    return [fpr, expit(lambda * Math.exp(-beta / 2) + Math.exp(-beta) * Math.log(fpr / (1 - fpr)))] as RocPoint
  })
})()
