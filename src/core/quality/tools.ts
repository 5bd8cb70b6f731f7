/**
 * Quality-assessment tools as data: each domain is a form section whose fields are the signalling
 * questions and the domain's judgements, each answer with a support note. Reviews copy a tool into their
 * own form and tailor the questions (QUADAS-2's guidance asks for it, e.g. for AI index tests); the copy
 * is versioned like any form.
 *
 * QUADAS-2: Whiting PF et al. Ann Intern Med 2011;155:529-536.
 * RoB 2: Sterne JAC et al. BMJ 2019;366:l4898.
 */
import type { ChoiceOption, FieldDefinition, FormDefinition, SectionDefinition } from '../forms/definition'

const options = (pairs: [string, string][]): ChoiceOption[] => pairs.map(([value, label]) => ({ value, label }))
const yesNoUnclear = options([
  ['yes', 'Yes'],
  ['no', 'No'],
  ['unclear', 'Unclear'],
])
const lowHighUnclear = options([
  ['low', 'Low'],
  ['high', 'High'],
  ['unclear', 'Unclear'],
])

const question = (id: string, label: string, answers = yesNoUnclear): FieldDefinition => ({ id, type: 'single_choice', label, options: answers, role: 'signalling', withNote: true })
const judgement = (id: 'risk_of_bias' | 'applicability', label: string, scale = lowHighUnclear): FieldDefinition => ({
  id,
  type: 'single_choice',
  label,
  options: scale,
  role: id,
  withNote: true,
  required: true,
})

function quadasDomain(id: string, title: string, questions: [string, string][], risk: string, applicability?: string): SectionDefinition {
  return {
    id,
    title,
    fields: [...questions.map(([qid, label]) => question(qid, label)), judgement('risk_of_bias', risk), ...(applicability ? [judgement('applicability', applicability)] : [])],
  }
}

export const quadas2: FormDefinition = {
  sections: [
    quadasDomain(
      'd1',
      'Patient selection',
      [
        ['consecutive_or_random', 'Was a consecutive or random sample of patients enrolled?'],
        ['case_control_avoided', 'Was a case-control design avoided?'],
        ['inappropriate_exclusions_avoided', 'Did the study avoid inappropriate exclusions?'],
      ],
      'Could the selection of patients have introduced bias?',
      'Are there concerns that the included patients and setting do not match the review question?',
    ),
    quadasDomain(
      'd2',
      'Index test',
      [
        ['blinded_to_reference', 'Were the index test results interpreted without knowledge of the results of the reference standard?'],
        ['threshold_prespecified', 'If a threshold was used, was it pre-specified?'],
      ],
      'Could the conduct or interpretation of the index test have introduced bias?',
      'Are there concerns that the index test, its conduct, or interpretation differ from the review question?',
    ),
    quadasDomain(
      'd3',
      'Reference standard',
      [
        ['correctly_classifies', 'Is the reference standard likely to correctly classify the target condition?'],
        ['blinded_to_index', 'Were the reference standard results interpreted without knowledge of the results of the index test?'],
      ],
      'Could the reference standard, its conduct, or its interpretation have introduced bias?',
      'Are there concerns that the target condition as defined by the reference standard does not match the review question?',
    ),
    quadasDomain(
      'd4',
      'Flow and timing',
      [
        ['appropriate_interval', 'Was there an appropriate interval between index test(s) and reference standard?'],
        ['all_received_reference', 'Did all patients receive a reference standard?'],
        ['same_reference', 'Did patients receive the same reference standard?'],
        ['all_analysed', 'Were all patients included in the analysis?'],
      ],
      'Could the patient flow have introduced bias?',
    ),
  ],
}

const rob2Answers = options([
  ['y', 'Yes'],
  ['py', 'Probably yes'],
  ['pn', 'Probably no'],
  ['n', 'No'],
  ['ni', 'No information'],
  ['na', 'Not applicable'],
])
const rob2Scale = options([
  ['low', 'Low risk'],
  ['some_concerns', 'Some concerns'],
  ['high', 'High risk'],
])

function rob2Domain(id: string, title: string, questions: [string, string][]): SectionDefinition {
  return { id, title, fields: [...questions.map(([qid, label]) => question(qid, label, rob2Answers)), judgement('risk_of_bias', 'Risk-of-bias judgement', rob2Scale)] }
}

export const rob2: FormDefinition = {
  sections: [
    rob2Domain('d1', 'Randomisation process', [
      ['random_sequence', '1.1 Was the allocation sequence random?'],
      ['concealed', '1.2 Was the allocation sequence concealed until participants were enrolled and assigned to interventions?'],
      ['baseline_imbalance', '1.3 Did baseline differences between intervention groups suggest a problem with the randomisation process?'],
    ]),
    rob2Domain('d2', 'Deviations from intended interventions', [
      ['participants_aware', '2.1 Were participants aware of their assigned intervention during the trial?'],
      ['carers_aware', '2.2 Were carers and people delivering the interventions aware of participants’ assigned intervention during the trial?'],
      ['deviations_context', '2.3 Were there deviations from the intended intervention that arose because of the trial context?'],
      ['appropriate_analysis', '2.6 Was an appropriate analysis used to estimate the effect of assignment to intervention?'],
    ]),
    rob2Domain('d3', 'Missing outcome data', [
      ['all_available', '3.1 Were data for this outcome available for all, or nearly all, participants randomised?'],
      ['evidence_not_biased', '3.2 Is there evidence that the result was not biased by missing outcome data?'],
      ['missingness_depends', '3.3 Could missingness in the outcome depend on its true value?'],
    ]),
    rob2Domain('d4', 'Measurement of the outcome', [
      ['inappropriate_method', '4.1 Was the method of measuring the outcome inappropriate?'],
      ['differed_between_groups', '4.2 Could measurement or ascertainment of the outcome have differed between intervention groups?'],
      ['assessors_aware', '4.3 Were outcome assessors aware of the intervention received by study participants?'],
    ]),
    rob2Domain('d5', 'Selection of the reported result', [
      ['prespecified_plan', '5.1 Were the data analysed in accordance with a pre-specified analysis plan?'],
      ['multiple_measurements', '5.2 Is the result likely to have been selected from multiple eligible outcome measurements?'],
      ['multiple_analyses', '5.3 Is the result likely to have been selected from multiple eligible analyses of the data?'],
    ]),
    { id: 'overall', title: 'Overall', fields: [judgement('risk_of_bias', 'Overall risk-of-bias judgement', rob2Scale)] },
  ],
}

export const qualityTools = {
  quadas2: { name: 'QUADAS-2', definition: quadas2 },
  rob2: { name: 'RoB 2', definition: rob2 },
} as const

export type QualityToolKey = keyof typeof qualityTools
