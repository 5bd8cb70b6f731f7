/**
 * Search results for the demo review (liver-iron machine learning): invented records, labelled as demo
 * data in every abstract and given DOIs under the 10.5555 test prefix, spread over the six databases the
 * motivating review searched, with some records found in several databases.
 */

export interface DemoRecord {
  key: string
  title: string
  authors: string[]
  year: number
  journal: string
  abstract: string
  keywords: string[]
  /** what the demo team decides */
  fate: 'included' | 'excluded-fulltext' | 'excluded-abstract' | 'conflict' | 'open'
  databases: string[]
}

const surnames = [
  'Rossi',
  'Nguyen',
  'Haddad',
  'Kowalski',
  'Okafor',
  'Lindqvist',
  'Tanaka',
  'Moreau',
  'Schmidt',
  'Papadopoulos',
  'Costa',
  'Ahmed',
  'Fischer',
  'Ivanova',
  'Murphy',
  'Yilmaz',
  'Santos',
  'Chen',
  'Bianchi',
  'Novak',
]
const initials = ['A.', 'B.', 'C.', 'D.', 'E.', 'F.', 'G.', 'H.', 'J.', 'K.', 'L.', 'M.']

let seed = 20260115
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
const authors = () => Array.from({ length: 3 + Math.floor(random() * 4) }, () => `${pick(surnames)}, ${pick(initials)}`)

const included: [string, string, number, string][] = [
  ['Deep learning estimation of liver iron concentration from multi-echo gradient-echo MRI in transfusion-dependent thalassaemia', 'CNN', 2019, 'Radiology'],
  ['A convolutional neural network for automated R2* liver iron quantification: a multicentre validation', 'CNN', 2020, 'European Radiology'],
  ['Radiomics of T2*-weighted MRI for classifying hepatic iron overload', 'radiomics', 2018, 'Journal of Magnetic Resonance Imaging'],
  ['Fuzzy C-means clustering for robust liver R2* measurement in iron overload', 'fuzzy C-means', 2017, 'Magnetic Resonance in Medicine'],
  ['U-Net whole-liver segmentation improves R2*-based liver iron estimates', 'CNN', 2021, 'Abdominal Radiology'],
  ['Machine learning classification of liver iron overload at 3 T compared with R2 relaxometry', 'other', 2020, 'Haematologica'],
  ['Automated liver iron quantification with a three-dimensional CNN in sickle cell disease', 'CNN', 2022, 'Blood Advances'],
  ['Random forest prediction of liver iron concentration from signal intensity ratios', 'radiomics', 2016, 'European Journal of Radiology'],
  ['External validation of a deep-learning liver iron model across MRI vendors', 'CNN', 2023, 'Radiology: Artificial Intelligence'],
  ['Texture analysis and support vector machines for grading hepatic iron deposition', 'radiomics', 2019, 'Academic Radiology'],
]

const excludedFullText: [string, string][] = [
  ['Deep learning for cardiac T2* measurement in thalassaemia major', 'Wrong index test or intervention'],
  ['Liver iron quantification with R2* relaxometry: a review of techniques', 'Not a primary study (review, editorial, letter)'],
  ['Neural network segmentation of the liver on CT for volumetry before hepatectomy', 'Wrong population'],
  ['Automated liver iron estimation from MRI: conference abstract', 'Conference abstract only'],
  ['Quantitative susceptibility mapping of liver iron without a reference standard', 'Wrong reference standard or comparator'],
]

const excludedAbstract = [
  'Ultrasound elastography for liver fibrosis staging in chronic hepatitis B',
  'Brain iron accumulation measured by susceptibility-weighted imaging in Parkinson disease',
  'Serum ferritin trajectories in transfusion-dependent patients treated with deferasirox',
  'Deep learning detection of hepatocellular carcinoma on contrast-enhanced CT',
  'Proton density fat fraction in non-alcoholic fatty liver disease: a cohort study',
  'Iron chelation adherence and quality of life in thalassaemia',
  'Splenic iron on MRI in myelodysplastic syndromes',
  'Radiomics prediction of microvascular invasion in liver cancer',
  'Convolutional networks for kidney segmentation on T2-weighted MRI',
  'Pancreatic iron and diabetes risk in thalassaemia',
  'Dual-energy CT for hepatic iron: a phantom study',
  'Transient elastography and liver stiffness in sickle cell disease',
]

const conflicts = ['Machine learning on MRI texture to predict response to iron chelation', 'Artificial intelligence for liver segmentation in iron overload: a pilot study']

const open = [
  'Self-supervised learning of relaxation maps for hepatic iron estimation',
  'Liver iron concentration by MRI in haemochromatosis: a cross-sectional study',
  'Graph neural networks for multi-organ iron mapping',
  'Hepatic R2* reference values in healthy volunteers',
  'Transformer models for quantitative MRI reconstruction',
  'Iron overload in chronic kidney disease assessed with MRI',
]

const databasesFor = (i: number) => {
  const all = ['PubMed', 'Embase', 'Scopus', 'Web of Science', 'IEEE Xplore', 'Cochrane Library']
  const first = all[i % 4]!
  const extra = i % 3 === 0 ? [all[(i + 1) % 5]!] : i % 5 === 0 ? [all[(i + 2) % 6]!] : []
  if (i % 7 === 2) extra.push('Cochrane Library')
  if (i % 8 === 1) extra.push('IEEE Xplore')
  return [...new Set([first, ...extra])]
}

const abstractFor = (title: string, relevant: boolean, method = 'machine learning') =>
  relevant
    ? `Purpose: To evaluate ${method} for quantifying liver iron concentration (LIC) on MRI. Methods: Patients with suspected iron overload underwent multi-echo gradient-echo MRI at 1.5 T or 3 T; R2 relaxometry (FerriScan) or biopsy served as the reference standard. The index test was trained and tested on separate sets. Results: Diagnostic accuracy for LIC above 7 mg Fe/g dry weight, correlation with the reference standard and processing time per slice are reported. Conclusion: ${title} is feasible and accurate. [Demo record invented for Ferrite's demonstration review.]`
    : `Background: ${title}. Methods: A retrospective study of patients at a single centre. Results: Outcomes differed between groups. Conclusion: Further studies are needed. [Demo record invented for Ferrite's demonstration review.]`

export function demoRecords(): DemoRecord[] {
  seed = 20260115
  const out: DemoRecord[] = []
  included.forEach(([title, method, year, journal], i) =>
    out.push({
      key: `inc${i}`,
      title,
      authors: authors(),
      year,
      journal,
      abstract: abstractFor(title, true, method === 'other' ? 'gradient boosting' : method),
      keywords: ['liver iron', 'MRI', 'machine learning', method],
      fate: 'included',
      databases: databasesFor(i),
    }),
  )
  excludedFullText.forEach(([title], i) =>
    out.push({
      key: `ft${i}`,
      title,
      authors: authors(),
      year: 2015 + i,
      journal: pick(['Radiology', 'Magnetic Resonance Imaging', 'Clinical Radiology']),
      abstract: abstractFor(title, true),
      keywords: ['MRI', 'iron'],
      fate: 'excluded-fulltext',
      databases: databasesFor(i + 10),
    }),
  )
  excludedAbstract.forEach((title, i) =>
    out.push({
      key: `ta${i}`,
      title,
      authors: authors(),
      year: 2012 + (i % 12),
      journal: pick(['Hepatology', 'Journal of Hepatology', 'American Journal of Hematology', 'Radiology']),
      abstract: abstractFor(title, false),
      keywords: ['liver'],
      fate: 'excluded-abstract',
      databases: databasesFor(i + 15),
    }),
  )
  conflicts.forEach((title, i) =>
    out.push({
      key: `cf${i}`,
      title,
      authors: authors(),
      year: 2021 + i,
      journal: 'Insights into Imaging',
      abstract: abstractFor(title, true),
      keywords: ['MRI', 'artificial intelligence'],
      fate: 'conflict',
      databases: databasesFor(i + 27),
    }),
  )
  open.forEach((title, i) =>
    out.push({
      key: `op${i}`,
      title,
      authors: authors(),
      year: 2022 + (i % 4),
      journal: pick(['Magnetic Resonance in Medicine', 'NMR in Biomedicine', 'Medical Image Analysis']),
      abstract: abstractFor(title, i % 2 === 0),
      keywords: ['MRI'],
      fate: 'open',
      databases: databasesFor(i + 29),
    }),
  )
  return out
}

/**
 * The demo records of one database as an RIS export, so the seed imports them the way a user would.
 * Web of Science also lists one paper under a slightly different title and without its DOI: a suspected
 * duplicate for the lead to check.
 */
export function risFor(database: string, records: DemoRecord[]): string {
  const variant = records.find((r) => r.key === 'inc1')!
  const listed = records.filter((r) => r.databases.includes(database))
  if (database === 'Web of Science') listed.push({ ...variant, key: 'inc1-wos', title: 'A convolutional neural-network for automated R2* liver iron quantification: multicenter validation' })
  return listed
    .map((r, i) =>
      [
        'TY  - JOUR',
        `TI  - ${r.title}`,
        ...r.authors.map((a) => `AU  - ${a}`),
        `PY  - ${r.year}`,
        `T2  - ${r.journal}`,
        `VL  - ${10 + (r.year % 30)}`,
        `SP  - ${100 + i * 7}`,
        `EP  - ${108 + i * 7}`,
        ...(r.key.endsWith('-wos') ? [] : [`DO  - 10.5555/ferrite-demo.${r.key}`]),
        `AB  - ${r.abstract}`,
        ...r.keywords.map((k) => `KW  - ${k}`),
        `DB  - ${database}`,
        'ER  - ',
        '',
      ].join('\r\n'),
    )
    .join('\r\n')
}
