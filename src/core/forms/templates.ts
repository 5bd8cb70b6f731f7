/**
 * The extraction forms Ferrite ships. The diagnostic-accuracy template follows what the motivating
 * liver-iron review extracted (2x2 tables per index test and threshold, correlation with the reference
 * standard, mean errors, processing time; population, setting, MRI field strength and sequence, algorithm
 * family, internal or external validation) and the Cochrane DTA handbook's items.
 */
import type { FieldDefinition, FormDefinition } from './definition'

const choice = (id: string, label: string, options: [string, string][], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id,
  type: 'single_choice',
  label,
  options: options.map(([value, label]) => ({ value, label })),
  ...extra,
})

const studyDetails: FieldDefinition[] = [
  { id: 'country', type: 'text', label: 'Country' },
  choice('design', 'Study design', [
    ['prospective', 'Prospective'],
    ['retrospective', 'Retrospective'],
    ['unclear', 'Unclear'],
  ]),
  { id: 'n_participants', type: 'integer', label: 'Participants analysed', min: 1 },
  { id: 'funding', type: 'text', label: 'Funding and conflicts of interest', multiline: true },
]

export const diagnosticAccuracyTemplate: FormDefinition = {
  sections: [
    { id: 'study', title: 'Study', fields: studyDetails },
    {
      id: 'population',
      title: 'Population and setting',
      fields: [
        { id: 'population', type: 'text', label: 'Population (condition, e.g. thalassaemia, sickle cell disease)', multiline: true, required: true },
        choice('setting', 'Setting', [
          ['single_centre', 'Single centre'],
          ['multicentre', 'Multicentre'],
        ]),
        { id: 'age_mean', type: 'number', label: 'Mean age', unit: 'years', min: 0, max: 120 },
      ],
    },
    {
      id: 'imaging',
      title: 'MRI',
      fields: [
        choice('field_strength', 'Field strength', [
          ['1.5', '1.5 T'],
          ['3', '3 T'],
          ['both', 'Both'],
          ['other', 'Other'],
        ]),
        { id: 'sequence', type: 'text', label: 'Sequence (e.g. multi-echo GRE R2*, SE R2)' },
        { id: 'vendor', type: 'text', label: 'Scanner vendor(s)' },
      ],
    },
    {
      id: 'reference',
      title: 'Reference standard',
      fields: [
        choice(
          'reference_standard',
          'Reference standard',
          [
            ['r2_ferriscan', 'R2 relaxometry (FerriScan)'],
            ['r2star', 'R2* relaxometry'],
            ['biopsy', 'Liver biopsy'],
            ['other', 'Other'],
          ],
          { required: true },
        ),
        { id: 'target_condition', type: 'text', label: 'Target condition and threshold (e.g. LIC > 7 mg Fe/g dw)' },
      ],
    },
    {
      id: 'index_tests',
      title: 'Index tests and thresholds',
      description: 'One row per index test and threshold.',
      repeat: { rowLabel: 'Index test', min: 1, max: 20 },
      fields: [
        { id: 'name', type: 'text', label: 'Index test (model name)', required: true },
        choice(
          'algorithm',
          'Algorithm family',
          [
            ['cnn', 'CNN / deep learning'],
            ['radiomics', 'Radiomics / classical ML'],
            ['fuzzy_c_means', 'Fuzzy C-means'],
            ['other', 'Other'],
          ],
          { required: true },
        ),
        choice('validation', 'Validation', [
          ['internal', 'Internal'],
          ['external', 'External'],
        ]),
        { id: 'threshold', type: 'text', label: 'Threshold' },
        { id: 'two_by_two', type: 'two_by_two', label: '2x2 table' },
        { id: 'correlation', type: 'correlation', label: 'Correlation with the reference standard' },
        { id: 'mean_error', type: 'mean_error', label: 'Mean error against the reference standard' },
        { id: 'seconds_per_slice', type: 'number', label: 'Processing time per slice', unit: 's', min: 0 },
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

export const extractionTemplates = {
  diagnostic_accuracy: { name: 'Diagnostic accuracy study', definition: diagnosticAccuracyTemplate },
  correlation: { name: 'Correlation study', definition: correlationTemplate },
  intervention: { name: 'Intervention study', definition: interventionTemplate },
} as const

export type ExtractionTemplateKey = keyof typeof extractionTemplates
