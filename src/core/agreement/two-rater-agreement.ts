import { agreementTable, type AgreementTable, type Rating } from './agreement-table'
import { cohensKappa, type CohenKappa } from './cohen-kappa'
import { gwetAc1, type GwetAc1 } from './gwet-ac1'

export interface TwoRaterAgreement {
  table: AgreementTable
  cohen: CohenKappa
  gwet: GwetAc1
}

/**
 * Agreement of two reviewers' decisions on the same items (screening: include / exclude / maybe):
 * the cross-table, Cohen's kappa with PABAK, and Gwet's AC1, all at the same confidence level
 * (0.95 or 95, default 0.95; see parseLevel).
 *
 * Example: twoRaterAgreement(['in', 'out', 'out'], ['in', 'out', 'in']).cohen.kappa
 */
export function twoRaterAgreement(
  rater1: readonly (Rating | null | undefined)[],
  rater2: readonly (Rating | null | undefined)[],
  options: { categories?: readonly Rating[]; level?: number } = {},
): TwoRaterAgreement {
  const table = agreementTable(rater1, rater2, options.categories)
  return { table, cohen: cohensKappa(table, options.level), gwet: gwetAc1(table, options.level) }
}
