/**
 * An analysis as a lead defines it: which form field holds the data, how to pool it, which subgroups
 * and sensitivity analyses to run. The data themselves are the studies' consensus values.
 */
export type DtaModel = 'bivariate' | 'glmm' | 'univariate'
export type UnivariateMeasure = 'ZCOR' | 'COR' | 'GEN' | 'RR' | 'OR' | 'RD' | 'MD' | 'SMD' | 'PLO' | 'PR' | 'PFT'

export interface FieldRef {
  sectionId: string
  fieldId: string
}

export interface AnalysisSpec {
  kind: 'dta' | 'univariate'
  /** the extraction form whose consensus values are pooled */
  formId: string
  /** the field holding each study's data: a 2x2 table, a correlation, a mean error or a two-group outcome */
  source: FieldRef
  /** repeating sections: the first row of each study, or every row (each row then counts as a study) */
  rows: 'first' | 'all'
  /** keep only rows whose field has this value (e.g. the threshold) */
  rowFilter: { fieldId: string; equals: string } | null
  /** DTA */
  model: DtaModel
  /** univariate */
  measure: UnivariateMeasure
  /** with a 2x2 table and a proportion measure: pool the sensitivity or the specificity */
  proportionOf: 'sensitivity' | 'specificity'
  method: string
  test: 'z' | 'knha'
  /** a field whose value divides the studies into subgroups (a study-level field, or a field of the source's row) */
  subgroup: FieldRef | null
  /** sensitivity analysis: leave out studies at high (or unclear) risk of bias in a quality-tool domain */
  excludeRisk: { qualityFormId: string; domainId: string; includeUnclear: boolean } | null
  leaveOneOut: boolean
}

export const defaultSpec = (formId: string, source: FieldRef, kind: AnalysisSpec['kind']): AnalysisSpec => ({
  kind,
  formId,
  source,
  rows: 'first',
  rowFilter: null,
  model: 'bivariate',
  measure: 'ZCOR',
  proportionOf: 'sensitivity',
  method: 'REML',
  test: 'z',
  subgroup: null,
  excludeRisk: null,
  leaveOneOut: false,
})

/** Which measures a source field can feed. */
export function measuresFor(fieldType: string, outcome?: 'dichotomous' | 'continuous'): UnivariateMeasure[] {
  switch (fieldType) {
    case 'correlation':
      return ['ZCOR', 'COR']
    case 'mean_error':
      return ['GEN']
    case 'two_group':
      return outcome === 'continuous' ? ['MD', 'SMD'] : ['RR', 'OR', 'RD']
    case 'two_by_two':
      return ['PLO', 'PR', 'PFT']
    default:
      return []
  }
}
