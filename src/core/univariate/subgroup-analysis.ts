/**
 * Subgroup analysis as metafor users run it (one model per subgroup, each with its own tau2)
 * and the test for subgroup differences as RevMan and meta report it: the subgroup estimates
 * pooled with a common-effect model, Q_between = Σ(est_g − est_FE)²/se_g² ~ χ²(G − 1)
 * (metafor: rma(est_g, sei = se_g, method = "FE")$QE).
 * Reference: Borenstein et al. 2009, Introduction to Meta-Analysis, ch. 19; Cochrane Handbook §10.11.3.
 *
 * Example: subgroupAnalysis({ yi, vi, groups: ['random', 'alternate', ...] }).between.p
 */
import { InputError } from '../input-error'
import { pchisqUpper } from '../distributions/distributions'
import { cochranQ, inverseVarianceMean } from './inverse-variance'
import type { PooledFitSummary } from './pooled-summary'
import { rma, type RmaInput, type RmaResult } from './rma'

export interface SubgroupSummary extends PooledFitSummary {
  group: string
  ids: string[]
}

export interface SubgroupDifferenceTest {
  Q: number
  df: number
  p: number
}

export interface SubgroupAnalysisInput extends Omit<RmaInput, 'ids'> {
  /** The subgroup of each study, aligned with yi. */
  groups: readonly string[]
  ids?: readonly string[]
}

/**
 * Q test of the difference between subgroup estimates (common-effect pooling of est_g with se_g).
 * Subgroups without a finite estimate and a positive se are left out; with fewer than two left
 * there is nothing to compare: Q = 0, df = 0, p = NaN.
 */
export function testSubgroupDifferences(subgroups: readonly { est: number; se: number }[]): SubgroupDifferenceTest {
  const usable = subgroups.filter((s) => Number.isFinite(s.est) && s.se > 0 && Number.isFinite(s.se))
  if (usable.length < 2) return { Q: 0, df: 0, p: Number.NaN }
  const est = usable.map((s) => s.est)
  const variance = usable.map((s) => s.se * s.se)
  const Q = Math.max(0, cochranQ(est, variance, inverseVarianceMean(est, variance).mean))
  const df = usable.length - 1
  return { Q, df, p: pchisqUpper(Q, df) }
}

/** Summary fields of one pooled fit, as subgroup tables show them. */
export function summariseSubgroup(group: string, ids: string[], fit: Omit<SubgroupSummary, 'group' | 'ids'>): SubgroupSummary {
  const { k, est, se, zval, pval, ci_lb, ci_ub, pi_lb, pi_ub, tau2, I2, H2, Q, Qp, converged, warnings } = fit
  return { group, k, ids, est, se, zval, pval, ci_lb, ci_ub, pi_lb, pi_ub, tau2, I2, H2, Q, Qp, converged, warnings }
}

/** The group labels in order of first appearance, with the indices of their studies. */
export function splitByGroup(groups: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>()
  groups.forEach((g, i) => {
    const list = out.get(g)
    if (list) list.push(i)
    else out.set(g, [i])
  })
  return out
}

export function subgroupAnalysis(input: SubgroupAnalysisInput): { subgroups: SubgroupSummary[]; between: SubgroupDifferenceTest } {
  const { groups, yi, vi } = input
  if (groups.length !== yi.length) throw new InputError(`groups has ${groups.length} values but yi has ${yi.length}`)
  const ids = input.ids ?? yi.map((_, i) => String(i + 1))
  const subgroups: SubgroupSummary[] = []
  for (const [group, rows] of splitByGroup(groups)) {
    const fit: RmaResult = rma({
      ...input,
      yi: rows.map((i) => yi[i] as number),
      vi: rows.map((i) => vi[i] as number),
      ids: rows.map((i) => ids[i] as string),
    })
    subgroups.push(
      summariseSubgroup(
        group,
        rows.map((i) => ids[i] as string),
        fit,
      ),
    )
  }
  return { subgroups, between: testSubgroupDifferences(subgroups) }
}
