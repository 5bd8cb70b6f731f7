import { describe, expect, it } from 'vitest'
import { prepareRecords } from '@/core/screening/prepare-records'
import { rankUnlabelled, score, train } from '@/core/screening/ranking'
import { rankUnlabelledByMembers } from '@/core/screening/committee'
import { logOdds } from '@/core/screening/linear-model'
import { modelMembers, screeningModel, screeningModelNames, screeningModels } from '@/core/screening/screening-models'
import { buildFeatures } from '@/core/screening/tfidf'

const records = [
  { title: 'Captopril after myocardial infarction: randomised trial', abstract: 'Mortality fell with captopril after infarction.' },
  { title: 'Enalapril in heart failure', abstract: 'A randomised trial of enalapril in chronic heart failure.' },
  { title: 'Knee surgery outcomes', abstract: 'Arthroscopic surgery of the knee in athletes.' },
  { title: 'Ramipril after myocardial infarction', abstract: 'Ramipril reduced mortality after infarction in a randomised trial.' },
  { title: 'Dental caries in children', abstract: 'Fluoride varnish and caries in school children.' },
  { title: 'Hip fracture surgery', abstract: 'Surgery for hip fracture in older athletes and others.' },
]
const features = buildFeatures(records)

describe('train, score and rankUnlabelled', () => {
  for (const model of ['nb', 'logistic', 'svm'] as const) {
    it(`${model}: ranks the unlabelled cardiology record above the unrelated ones`, () => {
      const ranking = rankUnlabelled(
        features,
        [
          { index: 0, label: 1 },
          { index: 2, label: 0 },
        ],
        { model, seed: 1 },
      )
      expect(ranking.model?.name).toBe(model)
      expect(Array.from(ranking.order).sort()).toEqual([1, 3, 4, 5])
      expect(ranking.order[0]).toBe(3)
      for (let k = 1; k < ranking.probability.length; k++) expect(ranking.probability[k]!).toBeLessThanOrEqual(ranking.probability[k - 1]!)
    })
  }
  it('score gives a probability per record, higher for the relevant-looking ones', () => {
    const model = train(
      features,
      [
        { index: 0, label: 1 },
        { index: 2, label: 0 },
        { index: 4, label: 0 },
      ],
      { balance: 'double-expected' },
    )
    const p = score(model, features)
    expect(p).toHaveLength(6)
    expect(p.every((x) => x > 0 && x < 1)).toBe(true)
    expect(p[3]!).toBeGreaterThan(p[5]!)
    expect(model.relevant).toBe(1)
    expect(model.irrelevant).toBe(2)
  })
  it('the same seed gives the same model with the random double balance', () => {
    const labelled = [
      { index: 0, label: 1 as const },
      { index: 2, label: 0 as const },
      { index: 4, label: 0 as const },
      { index: 5, label: 0 as const },
    ]
    expect(Array.from(train(features, labelled, { seed: 5 }).weights)).toEqual(Array.from(train(features, labelled, { seed: 5 }).weights))
  })
  it('returns the input order and no model until both classes are labelled', () => {
    const ranking = rankUnlabelled(features, [{ index: 4, label: 0 }])
    expect(ranking.model).toBeNull()
    expect(Array.from(ranking.order)).toEqual([0, 1, 2, 3, 5])
    expect(Number.isNaN(ranking.probability[0]!)).toBe(true)
  })
  it('every named screening model builds its features and ranks with its training options', () => {
    expect(screeningModelNames).toEqual(['nb', 'nb-bigram', 'nb-tfidf', 'logistic', 'svm', 'nb-committee'])
    const labelled = [
      { index: 0, label: 1 as const },
      { index: 2, label: 0 as const },
    ]
    for (const name of screeningModelNames) {
      const members = modelMembers(name)
      const ranking = rankUnlabelledByMembers(
        members.map((m) => buildFeatures(records, m.features)),
        labelled,
        members,
      )
      expect(ranking.order[0], name).toBe(3)
    }
    expect(screeningModels.nb.training).toMatchObject({ model: 'nb', alpha: 0.05, balance: 'double-expected' })
    expect(screeningModels['nb-tfidf'].training).toMatchObject({ model: 'nb', alpha: 3.822, balance: 'double' })
    expect(modelMembers('nb-committee')).toEqual([screeningModels.nb, screeningModels['nb-tfidf']])
    expect(() => screeningModel('rf')).toThrow(/unknown model 'rf' \(use nb, nb-bigram, nb-tfidf, logistic, svm, nb-committee\)/)
    expect(() => modelMembers('rf')).toThrow(/unknown model 'rf'/)
  })
  it('a committee ranks by the sum of its members’ log-odds; a single model as rankUnlabelled does', () => {
    const labelled = [
      { index: 0, label: 1 as const },
      { index: 2, label: 0 as const },
      { index: 4, label: 0 as const },
    ]
    const members = modelMembers('nb-committee')
    const featureSets = members.map((m) => buildFeatures(records, m.features))
    const fits = members.map((m, k) => train(featureSets[k]!, labelled, { ...m.training, seed: 0 }))
    const committee = rankUnlabelledByMembers(featureSets, labelled, members)
    const unlabelled = [1, 3, 5]
    const sums = unlabelled.map((row) => fits.reduce((s, fit, k) => s + logOdds(fit, featureSets[k]!, [row])[0]!, 0))
    const expected = unlabelled.map((row, k) => ({ row, z: sums[k]! })).sort((a, b) => b.z - a.z || a.row - b.row)
    expect(Array.from(committee.order)).toEqual(expected.map((e) => e.row))
    expect(committee.probability[0]).toBeCloseTo(1 / (1 + Math.exp(-expected[0]!.z)), 12)
    // one member: the same order and probabilities as rankUnlabelled
    const single = rankUnlabelledByMembers([featureSets[0]!], labelled, [members[0]!])
    const direct = rankUnlabelled(featureSets[0]!, labelled, members[0]!.training)
    expect(Array.from(single.order)).toEqual(Array.from(direct.order))
    expect(Array.from(single.probability)).toEqual(Array.from(direct.probability))
  })
  it('rejects bad labels and indices, naming the record', () => {
    expect(() =>
      train(features, [
        { index: 0, label: 1 },
        { index: 0, label: 0 },
      ]),
    ).toThrow(/record 0 is labelled twice/)
    expect(() => train(features, [{ index: 9, label: 1 }])).toThrow(/record 9: index/)
    expect(() => train(features, [{ index: 1, label: 2 as 1 }])).toThrow(/record 1: label/)
    expect(() => train(features, [{ index: 1, label: 1 }])).toThrow(/at least one relevant and one irrelevant/)
    expect(() =>
      train(
        features,
        [
          { index: 0, label: 1 },
          { index: 2, label: 0 },
        ],
        { model: 'rf' as 'nb' },
      ),
    ).toThrow(/unknown model/)
  })
})

describe('prepareRecords (ASReview simulation cleaning)', () => {
  it('doc example: drops the duplicate and the record without abstract', () => {
    const prepared = prepareRecords(
      [
        { title: 'A trial.', abstract: 'x' },
        { title: 'a TRIAL', abstract: 'X!' },
        { title: 'b', abstract: '' },
      ],
      [0, 1, 0],
    )
    expect(prepared.kept).toEqual([0])
    expect(prepared.duplicates).toEqual([1])
    expect(prepared.withoutAbstract).toEqual([2])
    // The duplicate was relevant: the kept copy becomes relevant.
    expect(Array.from(prepared.labels)).toEqual([1])
  })
  it('can keep everything, and checks the labels', () => {
    const prepared = prepareRecords(
      [
        { title: 'a', abstract: '' },
        { title: 'a', abstract: '' },
      ],
      [1, 0],
      { removeWithoutAbstract: false, removeDuplicates: false },
    )
    expect(prepared.kept).toEqual([0, 1])
    expect(() => prepareRecords([{ id: 'x9', title: 'a' }], [2])).toThrow(/record x9: label/)
    expect(() => prepareRecords([{ title: 'a' }], [1, 0])).toThrow(/1 records but 2 labels/)
  })
})
