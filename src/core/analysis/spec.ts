/**
 * An analysis as a lead defines it: which form field holds the data, how to pool it, which subgroups
 * and sensitivity analyses to run. The data themselves are the studies' consensus values.
 */
import { z } from 'zod'

export const dtaModels = ['bivariate', 'glmm', 'univariate'] as const
export const univariateMeasures = ['ZCOR', 'COR', 'GEN', 'RR', 'OR', 'RD', 'MD', 'SMD', 'PLO', 'PR', 'PFT'] as const
export const poolingMethods = ['FE', 'DL', 'HE', 'SJ', 'ML', 'REML', 'PM', 'MH', 'PETO'] as const

export type DtaModel = (typeof dtaModels)[number]
export type UnivariateMeasure = (typeof univariateMeasures)[number]

const id = z.string().min(1).max(64)
const fieldRef = z.object({ sectionId: z.string().min(1).max(40), fieldId: z.string().min(1).max(40) })

/**
 * The shape of an analysis, declared once: the editor's input, the stored JSON (parsed on read), and a
 * published snapshot's analyses are all this. Unknown keys are dropped.
 */
export const analysisSpecSchema = z.object({
  kind: z.enum(['dta', 'univariate']),
  /** the extraction form whose consensus values are pooled */
  formId: id,
  /** the field holding each study's data: a 2x2 table, a correlation, a mean error or a two-group outcome */
  source: fieldRef,
  /** repeating sections: the first row of each study, or every row (each row then counts as a study) */
  rows: z.enum(['first', 'all']).default('first'),
  /** keep only rows whose field has this value (e.g. the threshold) */
  rowFilter: z
    .object({ fieldId: z.string().min(1).max(40), equals: z.string().min(1).max(200) })
    .nullable()
    .default(null),
  /** DTA */
  model: z.enum(dtaModels).default('bivariate'),
  /** univariate */
  measure: z.enum(univariateMeasures).default('ZCOR'),
  /** with a 2x2 table and a proportion measure: pool the sensitivity or the specificity */
  proportionOf: z.enum(['sensitivity', 'specificity']).default('sensitivity'),
  method: z.enum(poolingMethods).default('REML'),
  test: z.enum(['z', 'knha']).default('z'),
  /** a field whose value divides the studies into subgroups (a study-level field, or a field of the source's row) */
  subgroup: fieldRef.nullable().default(null),
  /** sensitivity analysis: leave out studies at high (or unclear) risk of bias in a quality-tool domain */
  excludeRisk: z
    .object({ qualityFormId: id, domainId: z.string().min(1).max(40), includeUnclear: z.boolean().default(false) })
    .nullable()
    .default(null),
  leaveOneOut: z.boolean().default(false),
})

export type FieldRef = z.output<typeof fieldRef>
export type AnalysisSpec = z.output<typeof analysisSpecSchema>

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
