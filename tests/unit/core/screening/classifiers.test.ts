import { describe, expect, it } from 'vitest'
import type { FeatureMatrix } from '@/core/screening/feature-matrix'
import { logOdds, type TrainingSet } from '@/core/screening/linear-model'
import { linearSupportVectorMachine } from '@/core/screening/linear-svm'
import { logisticRegression } from '@/core/screening/logistic-regression'
import { multinomialNaiveBayes } from '@/core/screening/naive-bayes'
import { buildFeatures } from '@/core/screening/tfidf'
import { agrees } from '../../../reference/tolerances'
import { reference, type LinearCase } from './screening-reference'

// The reference fits use the unigram matrix of the four documents, columns in the R vocabulary order.
const features = buildFeatures(
  reference.tfidf.docs.map((title) => ({ title })),
  { stopWords: 'none' },
)
const rVocabulary = reference.tfidf.unigrams.vocabulary
const training: TrainingSet = {
  rows: Int32Array.from([0, 1, 2, 3]),
  labels: Uint8Array.from(reference.naiveBayes.labels),
  sampleWeights: Float64Array.from(reference.naiveBayes.sampleWeights),
}

function expectWeights(fit: { weights: Float64Array; intercept: number }, expected: LinearCase, rel: number) {
  rVocabulary.forEach((term, j) => {
    const actual = fit.weights[features.vocabulary.indexOf(term)]!
    expect(agrees(actual, expected.weights[j]!, rel), `${term}: ${actual} vs ${expected.weights[j]}`).toBe(true)
  })
  expect(agrees(fit.intercept, expected.intercept, rel)).toBe(true)
}

/** Two one-term records: (1, 0) relevant, (0, 1) irrelevant. */
const tiny: FeatureMatrix = {
  rows: 2,
  columns: 2,
  rowStart: Int32Array.from([0, 1, 2]),
  column: Int32Array.from([0, 1]),
  value: Float32Array.from([1, 1]),
  vocabulary: ['a', 'b'],
  idf: Float64Array.from([1, 1]),
}
const tinyTraining: TrainingSet = { rows: Int32Array.from([0, 1]), labels: Uint8Array.from([1, 0]), sampleWeights: Float64Array.from([1, 1]) }

describe('multinomial Naive Bayes (sklearn MultinomialNB formulas, screening.json)', () => {
  it('hand-checked: theta_1 = (2/3, 1/3), theta_0 = (1/3, 2/3) with alpha 1', () => {
    const fit = multinomialNaiveBayes(tiny, tinyTraining, 1)
    expect(fit.weights[0]).toBeCloseTo(Math.log(2), 14)
    expect(fit.weights[1]).toBeCloseTo(-Math.log(2), 14)
    expect(fit.intercept).toBe(0)
  })
  it('weighted fit with ASReview alpha 3.822 agrees with R, weights and log-odds', () => {
    const fit = multinomialNaiveBayes(features, training, 3.822)
    // Single-precision feature values limit agreement to about 1e-7.
    expectWeights(fit, reference.naiveBayes.alpha3822, 1e-6)
    const z = logOdds(fit, features)
    reference.naiveBayes.alpha3822.logOdds!.forEach((expected, i) => expect(agrees(z[i]!, expected, 1e-6)).toBe(true))
  })
  it('alpha 1 agrees with R', () => expectWeights(multinomialNaiveBayes(features, training, 1), reference.naiveBayes.alpha1, 1e-6))
  it('needs both classes and a positive alpha', () => {
    expect(() => multinomialNaiveBayes(tiny, { ...tinyTraining, labels: Uint8Array.from([1, 1]) })).toThrow(/at least one relevant and one irrelevant/)
    expect(() => multinomialNaiveBayes(tiny, tinyTraining, 0)).toThrow(RangeError)
  })
})

describe('L2 logistic regression (liblinear primal, optim in R)', () => {
  it('hand-checked symmetric case: w = (u, -u), u = sigma(-u)', () => {
    const fit = logisticRegression(tiny, tinyTraining, { tolerance: 1e-10 })
    const u = fit.weights[0]!
    expect(u).toBeCloseTo(1 / (1 + Math.exp(u)), 9)
    expect(u).toBeCloseTo(0.40106, 5)
    expect(fit.weights[1]).toBeCloseTo(-u, 9)
    expect(fit.intercept).toBeCloseTo(0, 9)
    expect(fit.converged).toBe(true)
  })
  for (const [name, C] of [
    ['C1', 1],
    ['C10', 10],
  ] as const) {
    it(`weighted fit with C = ${C} agrees with R`, () => {
      const fit = logisticRegression(features, training, { C, tolerance: 1e-10 })
      expect(fit.converged).toBe(true)
      expectWeights(fit, reference.logistic[name], 1e-5)
    })
  }
  it('a warm start converges to the same model in fewer iterations', () => {
    const cold = logisticRegression(features, training, { C: 10, tolerance: 1e-10 })
    const warm = logisticRegression(features, training, { C: 10, tolerance: 1e-10, initial: cold })
    expect(warm.iterations).toBeLessThan(cold.iterations)
    expectWeights(warm, reference.logistic.C10, 1e-5)
  })
})

describe('linear SVM, squared hinge (liblinear primal, optim in R)', () => {
  it('hand-checked symmetric case: u = 2C(1 - u), so u = 2/3 for C = 1', () => {
    const fit = linearSupportVectorMachine(tiny, tinyTraining, { C: 1, tolerance: 1e-10 })
    expect(fit.weights[0]).toBeCloseTo(2 / 3, 9)
    expect(fit.weights[1]).toBeCloseTo(-2 / 3, 9)
  })
  for (const [name, C] of [
    ['C011', 0.11],
    ['C1', 1],
  ] as const) {
    it(`weighted fit with C = ${C} agrees with R`, () => {
      const fit = linearSupportVectorMachine(features, training, { C, tolerance: 1e-10 })
      expect(fit.converged).toBe(true)
      expectWeights(fit, reference.svm[name], 1e-5)
    })
  }
})
