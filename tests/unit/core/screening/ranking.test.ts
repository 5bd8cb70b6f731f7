import { describe, expect, it } from 'vitest'
import { prepareRecords } from '@/core/screening/prepare-records'
import { rankUnlabelled, score, train } from '@/core/screening/ranking'
import { screeningModel, screeningModelNames, screeningModels } from '@/core/screening/screening-models'
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
    expect(screeningModelNames).toEqual(['nb', 'nb-tfidf', 'logistic', 'svm'])
    for (const name of screeningModelNames) {
      const model = screeningModels[name]
      const ranking = rankUnlabelled(
        buildFeatures(records, model.features),
        [
          { index: 0, label: 1 },
          { index: 2, label: 0 },
        ],
        { ...model.training, seed: 1 },
      )
      expect(ranking.order[0], name).toBe(3)
    }
    expect(screeningModels.nb.training).toMatchObject({ model: 'nb', alpha: 0.05, balance: 'double-expected' })
    expect(screeningModels['nb-tfidf'].training).toMatchObject({ model: 'nb', alpha: 3.822, balance: 'double' })
    expect(() => screeningModel('rf')).toThrow(/unknown model 'rf' \(use nb, nb-tfidf, logistic, svm\)/)
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
