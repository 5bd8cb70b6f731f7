/**
 * An analysis as a lead defines it: which form field holds the data, how to pool it, which subgroups
 * and sensitivity analyses to run. The data themselves are the studies' consensus values.
 */
import { z } from 'zod'
import { effectMeasures, type EffectMeasure } from '../effect-sizes/escalc-study'
import { tau2Methods } from '../univariate/tau2-problem'

export const dtaModels = ['bivariate', 'glmm', 'univariate'] as const
export type DtaModel = (typeof dtaModels)[number]

/** The measures an analysis pools: escalc's (Peto's odds ratio is a pooling method here, not a measure). */
export type UnivariateMeasure = Exclude<EffectMeasure, 'PETO'>
export const univariateMeasures = effectMeasures.filter((m): m is UnivariateMeasure => m !== 'PETO') as [UnivariateMeasure, ...UnivariateMeasure[]]

/** The ways to pool: rma's estimators of τ² (and the common-effect model), Mantel–Haenszel and Peto. */
export const poolingMethods = ['FE', ...tau2Methods, 'MH', 'PETO'] as const
export type PoolingMethod = (typeof poolingMethods)[number]

/** What each measure is called in the editor and on the plots' axes. */
export const measureLabels: Record<UnivariateMeasure, string> = {
  ZCOR: 'Correlation (pooled via Fisher z)',
  COR: 'Correlation',
  GEN: 'Mean error',
  RR: 'Risk ratio',
  OR: 'Odds ratio',
  RD: 'Risk difference',
  MD: 'Mean difference',
  SMD: 'Standardised mean difference',
  PLO: 'Proportion (pooled on the logit scale)',
  PR: 'Proportion',
  PFT: 'Proportion (Freeman–Tukey)',
}

/**
 * What the analysis scale is for each measure (escalc's yi, on which the model pools and the funnel plot
 * is drawn): e.g. a log odds ratio, not an odds ratio; a logit, not a proportion.
 */
export const analysisScaleLabels: Record<UnivariateMeasure, string> = {
  ZCOR: 'Fisher z of the correlation',
  COR: 'Correlation',
  GEN: 'Mean error',
  RR: 'Log risk ratio',
  OR: 'Log odds ratio',
  RD: 'Risk difference',
  MD: 'Mean difference',
  SMD: 'Standardised mean difference',
  PLO: 'Logit of the proportion',
  PR: 'Proportion',
  PFT: 'Freeman–Tukey double arcsine of the proportion',
}

export const measureLabel = (spec: Pick<AnalysisSpec, 'kind' | 'measure'>) => (spec.kind === 'dta' ? 'Sensitivity and specificity' : measureLabels[spec.measure])

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

/** The settings a new analysis starts with: the schema's defaults. */
export const analysisSpecDefaults = analysisSpecSchema.omit({ kind: true, formId: true, source: true }).parse({})

export const poolingMethodLabels: Record<PoolingMethod, string> = {
  REML: 'REML (restricted maximum likelihood)',
  ML: 'Maximum likelihood',
  DL: 'DerSimonian–Laird',
  HE: 'Hedges',
  SJ: 'Sidik–Jonkman',
  PM: 'Paule–Mandel',
  FE: 'Common effect (no τ²)',
  MH: 'Mantel–Haenszel',
  PETO: 'Peto',
}

/**
 * The methods that fit an analysis: REML or ML for the bivariate models; otherwise every τ² estimator,
 * Mantel–Haenszel for risk ratios, odds ratios and risk differences, and Peto for odds ratios.
 */
export function methodsFor(spec: Pick<AnalysisSpec, 'kind' | 'model' | 'measure'>): PoolingMethod[] {
  if (spec.kind === 'dta' && spec.model !== 'univariate') return ['REML', 'ML']
  const binary = spec.kind === 'univariate' && ['RR', 'OR', 'RD'].includes(spec.measure)
  return poolingMethods.filter((m) => (m === 'MH' ? binary : m === 'PETO' ? binary && spec.measure === 'OR' : true))
}

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
    case 'proportion':
      return ['PLO', 'PR', 'PFT']
    default:
      return []
  }
}
