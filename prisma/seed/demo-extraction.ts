/**
 * The demo review's extraction and quality assessment: ten included studies, each extracted and rated
 * by the two demo reviewers independently (with a few honest disagreements, settled by the lead), with
 * 2x2 tables that pool (bivariate REML) to sensitivity 0.79 (0.67 to 0.88), specificity 0.77 (0.67 to
 * 0.85) and AUC 0.84, as in the motivating review. Built through the services the pages use.
 */
import { prisma } from '@/server/db/client'
import { createForm } from '@/server/services/extraction/forms'
import { assignStudy } from '@/server/services/extraction/assignments'
import { saveEntry } from '@/server/services/extraction/entries'
import { setConsensus } from '@/server/services/extraction/consensus'
import { saveAnalysis } from '@/server/services/analysis/analyses'
import { publishVersion } from '@/server/services/publication/versions'
import { liverIronForm } from './demo-form'

type Actor = { userId: string; reviewId: string; role: 'LEAD' | 'REVIEWER' | 'OWNER' }

/** Per study (in label order): positives, negatives, sensitivity, specificity, algorithm, validation, field strength. */
const accuracy: [number, number, number, number, string, string, string][] = [
  [40, 35, 0.92, 0.88, 'cnn', 'internal', '1.5'],
  [62, 58, 0.6, 0.58, 'cnn', 'external', 'both'],
  [25, 30, 0.52, 0.9, 'radiomics', 'internal', '1.5'],
  [33, 27, 0.94, 0.55, 'fuzzy_c_means', 'internal', '1.5'],
  [48, 52, 0.84, 0.88, 'cnn', 'internal', '3'],
  [20, 44, 0.5, 0.7, 'other', 'internal', '3'],
  [55, 30, 0.93, 0.62, 'cnn', 'internal', '1.5'],
  [30, 36, 0.68, 0.92, 'radiomics', 'internal', '1.5'],
  [75, 80, 0.86, 0.83, 'cnn', 'external', 'both'],
  [28, 22, 0.82, 0.64, 'radiomics', 'internal', '1.5'],
]

const quadasLow = { d1: 'low', d2: 'low', d3: 'low', d4: 'low' }
/** Agreed QUADAS-2 risk-of-bias judgements per study; applicability is low except where noted. */
const quadas: Record<string, string>[] = [
  quadasLow,
  { ...quadasLow, d1: 'high' },
  { ...quadasLow, d2: 'unclear' },
  { ...quadasLow, d1: 'high', d4: 'unclear' },
  quadasLow,
  { ...quadasLow, d2: 'high', d3: 'unclear' },
  { ...quadasLow, d4: 'high' },
  { ...quadasLow, d1: 'unclear' },
  quadasLow,
  { ...quadasLow, d1: 'high', d2: 'high' },
]

function extraction(i: number, disagree: boolean) {
  const [pos, neg, sens, spec, algorithm, validation, strength] = accuracy[i]!
  const tp = Math.round(sens * pos)
  const tn = Math.round(spec * neg)
  const table = { tp, fp: neg - tn, fn: pos - tp, tn }
  return {
    study: {
      country: ['Italy', 'Thailand', 'USA', 'Greece', 'China', 'UK', 'Iran', 'Germany', 'Canada', 'Egypt'][i],
      design: i % 3 === 0 ? 'prospective' : 'retrospective',
      n_participants: pos + neg,
    },
    population: {
      population: i % 4 === 1 ? 'Sickle cell disease, chronically transfused' : 'Transfusion-dependent thalassaemia',
      setting: validation === 'external' ? 'multicentre' : 'single_centre',
    },
    imaging: { field_strength: strength, sequence: 'Multi-echo gradient-echo (R2*)' },
    reference: { reference_standard: i % 5 === 2 ? 'biopsy' : 'r2_ferriscan', target_condition: 'LIC > 7 mg Fe/g dry weight' },
    index_tests: [
      {
        name: `${algorithm === 'cnn' ? 'CNN' : algorithm === 'radiomics' ? 'Radiomics model' : algorithm === 'fuzzy_c_means' ? 'Fuzzy C-means' : 'Gradient boosting'} ${i + 1}`,
        algorithm,
        validation,
        threshold: '7 mg Fe/g',
        two_by_two: disagree ? { ...table, fp: table.fp + 1, tn: table.tn - 1 } : table,
        correlation: { r: Number((0.86 + (i % 4) * 0.03).toFixed(2)), n: pos + neg },
        ...(i % 2 === 0 ? { mean_error: { kind: 'bias', mean: Number((0.1 * (i - 4)).toFixed(1)), sd: 1.2, n: pos + neg } } : {}),
        seconds_per_slice: Number((0.05 + 0.07 * i).toFixed(2)),
      },
    ],
  }
}

function rating(i: number, disagree: boolean) {
  const agreed = quadas[i]!
  const values: Record<string, Record<string, unknown>> = {}
  for (const d of ['d1', 'd2', 'd3', 'd4']) {
    const risk = disagree && d === 'd1' ? (agreed.d1 === 'low' ? 'unclear' : 'low') : agreed[d]!
    values[d] = {
      risk_of_bias: { value: risk, note: risk === 'low' ? 'Methods describe this clearly.' : 'Not reported or problematic.' },
      ...(d !== 'd4' ? { applicability: { value: i === 5 && d === 'd2' ? 'high' : 'low', note: '' } } : {}),
    }
  }
  values.d1!.consecutive_or_random = { value: agreed.d1 === 'low' ? 'yes' : 'unclear', note: '' }
  return values
}

export async function seedDemoExtraction(reviewId: string, ids: { lead: string; rita: string; ravi: string }) {
  const lead: Actor = { userId: ids.lead, reviewId, role: 'LEAD' }
  const rita: Actor = { userId: ids.rita, reviewId, role: 'REVIEWER' }
  const ravi: Actor = { userId: ids.ravi, reviewId, role: 'REVIEWER' }
  const dta = await createForm(lead, { kind: 'EXTRACTION', templateKey: 'diagnostic_accuracy', name: 'Liver iron: diagnostic accuracy', definition: liverIronForm })
  const q2 = await createForm(lead, { kind: 'QUALITY', templateKey: 'quadas2' })
  const studies = await prisma().study.findMany({ where: { reviewId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
  for (const [i, study] of studies.slice(0, accuracy.length).entries()) {
    for (const form of [dta, q2]) {
      await assignStudy(lead, study.id, form.id, [ids.rita, ids.ravi])
      const make = form.id === dta.id ? extraction : rating
      await saveEntry(rita, study.id, form.id, make(i, false), true)
      // Ravi disagrees now and then (a miscounted 2x2 cell, a different judgement); one study's patient
      // selection judgement is left for the lead to settle, to show the consensus page at work.
      const disagree = i % 3 === 1
      await saveEntry(ravi, study.id, form.id, make(i, disagree), true)
      if (disagree && !(form.id === q2.id && i === 7)) {
        const path = form.id === dta.id ? 'index_tests[0].two_by_two' : 'd1.risk_of_bias'
        await setConsensus(lead, study.id, form.id, path, { source: 'entry', userId: ids.rita })
      }
    }
  }
  return { extractionFormId: dta.id, qualityFormId: q2.id }
}

/** The demo's analyses, as the motivating review ran them, and its first published version. */
export async function seedDemoAnalyses(reviewId: string, leadId: string, forms: { extractionFormId: string; qualityFormId: string }) {
  const lead: Actor = { userId: leadId, reviewId, role: 'LEAD' }
  const base = {
    formId: forms.extractionFormId,
    rows: 'first' as const,
    rowFilter: null,
    proportionOf: 'sensitivity' as const,
    test: 'z' as const,
    subgroup: null,
    excludeRisk: null,
    leaveOneOut: false,
  }
  const twoByTwo = { sectionId: 'index_tests', fieldId: 'two_by_two' }
  await saveAnalysis(lead, {
    name: 'Accuracy for LIC > 7 mg Fe/g (bivariate model)',
    spec: { ...base, kind: 'dta', source: twoByTwo, model: 'bivariate', measure: 'PLO', method: 'REML', leaveOneOut: true },
  })
  await saveAnalysis(lead, {
    name: 'Accuracy by algorithm family',
    spec: { ...base, kind: 'dta', source: twoByTwo, model: 'bivariate', measure: 'PLO', method: 'REML', subgroup: { sectionId: 'index_tests', fieldId: 'algorithm' } },
  })
  await saveAnalysis(lead, {
    name: 'Sensitivity analysis: low risk of bias in patient selection',
    spec: { ...base, kind: 'dta', source: twoByTwo, model: 'bivariate', measure: 'PLO', method: 'REML', excludeRisk: { qualityFormId: forms.qualityFormId, domainId: 'd1', includeUnclear: false } },
  })
  await saveAnalysis(lead, {
    name: 'Correlation of ML estimates with the reference standard',
    spec: { ...base, kind: 'univariate', source: { sectionId: 'index_tests', fieldId: 'correlation' }, model: 'bivariate', measure: 'ZCOR', method: 'REML' },
  })
  await saveAnalysis(lead, {
    name: 'Mean error against the reference standard (mg Fe/g)',
    spec: { ...base, kind: 'univariate', source: { sectionId: 'index_tests', fieldId: 'mean_error' }, model: 'bivariate', measure: 'GEN', method: 'REML' },
  })
  await publishVersion(lead, { notes: 'First version (demo): searches of six databases to September 2025; 10 studies included.', nextSearchDate: new Date('2026-09-01T00:00:00Z') })
}
