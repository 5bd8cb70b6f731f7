/**
 * Which studies receive a zero-cell correction, decided in one place for the 2x2 tables and single
 * proportions of escalc and for the DTA continuity correction. The scopes are metafor's `to`:
 *   only0   the studies (tables, or proportions) that have a zero cell;
 *   all     every study, zero cell or not;
 *   if0all  every study, as soon as any study has a zero cell;
 *   none    no study.
 * Reference: metafor escalc (add, to); Cochrane Handbook §10.4.4.2.
 *
 * Example: zeroCellAddition('only0', 0.5, false, true) === 0; zeroCellAddition('if0all', 0.5, false, true) === 0.5
 */

/** metafor's `to`: note that "all" means every study, with or without a zero cell. */
export type ZeroCellScope = 'only0' | 'all' | 'if0all' | 'none'
export const zeroCellScopes: readonly ZeroCellScope[] = ['only0', 'all', 'if0all', 'none']

/** The value to add to every cell of one study (0 when the scope does not select it). */
export function zeroCellAddition(scope: ZeroCellScope, value: number, studyHasZero: boolean, anyStudyHasZero: boolean): number {
  const selected = scope === 'all' || (scope === 'only0' && studyHasZero) || (scope === 'if0all' && anyStudyHasZero)
  return selected ? value : 0
}
