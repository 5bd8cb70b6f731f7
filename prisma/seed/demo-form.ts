/**
 * The demo review's extraction form: the diagnostic-accuracy template as the liver-iron review
 * specialised it (an MRI section; FerriScan, R2* or biopsy as reference standards; CNN, radiomics and
 * fuzzy C-means as algorithm families; processing time per slice). Demo data, not a template: a new
 * review starts from the generic templates in src/core/forms/templates.ts.
 */
import type { FormDefinition } from '@/core/forms/definition'
import { choice, studyDetails } from '@/core/forms/templates'

export const liverIronForm: FormDefinition = {
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
