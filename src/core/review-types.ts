/**
 * The kinds of review Ferrite is set up for. The type chosen at creation decides the exclusion reasons
 * the review starts with and the extraction form and quality tool the Forms page suggests first; the
 * wording stays generic (the team names its index test, intervention or condition in the entries).
 */
import type { ExtractionTemplateKey } from './forms/templates'
import type { QualityToolKey } from './quality/tools'

export const reviewTypes = ['diagnostic_accuracy', 'intervention', 'prevalence', 'correlation', 'other'] as const
export type ReviewType = (typeof reviewTypes)[number]

const common = ['Wrong study design', 'Not a primary study (review, editorial, letter)', 'Conference abstract only', 'Duplicate report of an included study', 'Not in a language the team reads']

export const reviewTypeInfo: Record<ReviewType, { label: string; about: string; template: ExtractionTemplateKey | null; qualityTool: QualityToolKey | null; exclusionReasons: string[] }> = {
  diagnostic_accuracy: {
    label: 'Diagnostic test accuracy',
    about: 'Index tests against a reference standard: 2x2 tables, bivariate pooling of sensitivity and specificity, QUADAS-2.',
    template: 'diagnostic_accuracy',
    qualityTool: 'quadas2',
    exclusionReasons: ['Wrong population', 'Wrong index test', 'Wrong reference standard', 'No 2x2 data (accuracy not reported)', ...common],
  },
  intervention: {
    label: 'Intervention (effects)',
    about: 'Interventions against comparators: risk ratios, odds ratios, mean differences; RoB 2.',
    template: 'intervention',
    qualityTool: 'rob2',
    exclusionReasons: ['Wrong population', 'Wrong intervention', 'Wrong comparator', 'Wrong outcomes (no usable data)', ...common],
  },
  prevalence: {
    label: 'Prevalence or proportion',
    about: 'How common a condition or characteristic is: cases out of participants, pooled on the logit scale.',
    template: 'prevalence',
    qualityTool: null,
    exclusionReasons: ['Wrong population', 'Wrong condition or case definition', 'No prevalence data (no numerator or denominator)', ...common],
  },
  correlation: {
    label: 'Correlation or agreement',
    about: 'Two measures of the same thing: correlation coefficients pooled on Fisher z.',
    template: 'correlation',
    qualityTool: null,
    exclusionReasons: ['Wrong population', 'Wrong measures', 'No correlation reported', ...common],
  },
  other: {
    label: 'Other',
    about: 'Start from the general exclusion reasons and build the forms you need.',
    template: null,
    qualityTool: null,
    exclusionReasons: ['Wrong population', 'Wrong index test or intervention', 'Wrong reference standard or comparator', 'Wrong outcomes (no usable data)', ...common],
  },
}
