/**
 * The extraction forms Ferrite ships, one per kind of review, worded for any topic: the lead names the
 * index test, reference standard, intervention or condition in the entries (or edits the form), and
 * the compound fields carry what the analyses pool. The diagnostic-accuracy template follows the Cochrane
 * Handbook for DTA reviews (ch. 9, "Collecting data"): participants and setting, index test(s) and
 * threshold(s), reference standard, target condition, and a 2x2 table per index test and threshold.
 * (The demo review's liver-iron form, with its MRI section and algorithm families, is demo data:
 * prisma/seed/demo-form.ts.)
 */
import type { FieldDefinition, FormDefinition } from './definition'

/** A single-choice field from [value, label] pairs. */
export const choice = (id: string, label: string, options: [string, string][], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id,
  type: 'single_choice',
  label,
  options: options.map(([value, label]) => ({ value, label })),
  ...extra,
})

export const studyDetails: FieldDefinition[] = [
  { id: 'country', type: 'text', label: 'Country' },
  choice('design', 'Study design', [
    ['prospective', 'Prospective'],
    ['retrospective', 'Retrospective'],
    ['unclear', 'Unclear'],
  ]),
  { id: 'n_participants', type: 'integer', label: 'Participants analysed', min: 1 },
  { id: 'funding', type: 'text', label: 'Funding and conflicts of interest', multiline: true },
]

const setting = choice('setting', 'Setting', [
  ['single_centre', 'Single centre'],
  ['multicentre', 'Multicentre'],
])

export const diagnosticAccuracyTemplate: FormDefinition = {
  sections: [
    { id: 'study', title: 'Study', fields: studyDetails },
    {
      id: 'population',
      title: 'Participants and setting',
      fields: [
        { id: 'population', type: 'text', label: 'Participants (presenting condition, prior tests, inclusion criteria)', multiline: true, required: true },
        setting,
        { id: 'age_mean', type: 'number', label: 'Mean age', unit: 'years', min: 0, max: 120 },
      ],
    },
    {
      id: 'reference',
      title: 'Reference standard and target condition',
      fields: [
        { id: 'reference_standard', type: 'text', label: 'Reference standard', required: true },
        { id: 'target_condition', type: 'text', label: 'Target condition (and its threshold on the reference standard)' },
      ],
    },
    {
      id: 'index_tests',
      title: 'Index tests and thresholds',
      description: 'One row per index test and threshold.',
      repeat: { rowLabel: 'Index test', min: 1, max: 20 },
      fields: [
        { id: 'name', type: 'text', label: 'Index test', required: true },
        { id: 'algorithm', type: 'text', label: 'Category (the group it belongs to in subgroup analyses)' },
        choice('validation', 'Validation (prediction models)', [
          ['internal', 'Internal'],
          ['external', 'External'],
        ]),
        { id: 'threshold', type: 'text', label: 'Threshold (positivity criterion)' },
        { id: 'two_by_two', type: 'two_by_two', label: '2x2 table' },
        { id: 'correlation', type: 'correlation', label: 'Correlation with the reference standard' },
        { id: 'mean_error', type: 'mean_error', label: 'Mean difference from the reference standard' },
      ],
    },
    { id: 'notes', title: 'Notes', fields: [{ id: 'notes', type: 'text', label: 'Notes', multiline: true }] },
  ],
}

export const correlationTemplate: FormDefinition = {
  sections: [
    { id: 'study', title: 'Study', fields: studyDetails },
    {
      id: 'measures',
      title: 'Measures compared',
      fields: [
        { id: 'measure_x', type: 'text', label: 'Measure (index)', required: true },
        { id: 'measure_y', type: 'text', label: 'Measure (reference)', required: true },
      ],
    },
    {
      id: 'correlations',
      title: 'Correlations',
      repeat: { rowLabel: 'Correlation', min: 1, max: 20 },
      fields: [
        { id: 'subgroup', type: 'text', label: 'Subgroup or condition' },
        choice('coefficient', 'Coefficient', [
          ['pearson', 'Pearson'],
          ['spearman', 'Spearman'],
          ['icc', 'Intraclass'],
        ]),
        { id: 'correlation', type: 'correlation', label: 'Correlation', required: true },
      ],
    },
  ],
}

export const interventionTemplate: FormDefinition = {
  sections: [
    { id: 'study', title: 'Study', fields: studyDetails },
    {
      id: 'arms',
      title: 'Arms',
      fields: [
        { id: 'intervention', type: 'text', label: 'Intervention', required: true },
        { id: 'comparator', type: 'text', label: 'Comparator', required: true },
      ],
    },
    {
      id: 'dichotomous',
      title: 'Dichotomous outcomes',
      repeat: { rowLabel: 'Outcome', max: 20 },
      fields: [
        { id: 'outcome', type: 'text', label: 'Outcome', required: true },
        { id: 'time_point', type: 'text', label: 'Time point' },
        { id: 'data', type: 'two_group', label: 'Events / total (intervention, comparator)', outcome: 'dichotomous' },
      ],
    },
    {
      id: 'continuous',
      title: 'Continuous outcomes',
      repeat: { rowLabel: 'Outcome', max: 20 },
      fields: [
        { id: 'outcome', type: 'text', label: 'Outcome', required: true },
        { id: 'time_point', type: 'text', label: 'Time point' },
        { id: 'data', type: 'two_group', label: 'Mean, SD, n (intervention, comparator)', outcome: 'continuous' },
      ],
    },
  ],
}

export const prevalenceTemplate: FormDefinition = {
  sections: [
    { id: 'study', title: 'Study', fields: studyDetails },
    {
      id: 'population',
      title: 'Population and setting',
      fields: [
        { id: 'population', type: 'text', label: 'Population (who was sampled, where, when)', multiline: true, required: true },
        setting,
        choice('sampling', 'Sampling', [
          ['random', 'Random or consecutive'],
          ['convenience', 'Convenience'],
          ['unclear', 'Unclear'],
        ]),
      ],
    },
    {
      id: 'condition',
      title: 'Condition',
      fields: [
        { id: 'condition', type: 'text', label: 'Condition or characteristic counted', required: true },
        { id: 'case_definition', type: 'text', label: 'How it was ascertained (case definition, instrument)', multiline: true },
      ],
    },
    {
      id: 'estimates',
      title: 'Prevalence estimates',
      description: 'One row per subgroup or time point.',
      repeat: { rowLabel: 'Estimate', min: 1, max: 20 },
      fields: [
        { id: 'subgroup', type: 'text', label: 'Subgroup or time point' },
        { id: 'proportion', type: 'proportion', label: 'Cases / participants', required: true },
      ],
    },
    { id: 'notes', title: 'Notes', fields: [{ id: 'notes', type: 'text', label: 'Notes', multiline: true }] },
  ],
}

export const extractionTemplates = {
  diagnostic_accuracy: { name: 'Diagnostic accuracy study', definition: diagnosticAccuracyTemplate },
  correlation: { name: 'Correlation study', definition: correlationTemplate },
  intervention: { name: 'Intervention study', definition: interventionTemplate },
  prevalence: { name: 'Prevalence study', definition: prevalenceTemplate },
} as const

export type ExtractionTemplateKey = keyof typeof extractionTemplates
