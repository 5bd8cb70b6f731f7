import { InputError } from '../input-error'
import { defaultDoubleBalance, doubleBalanceWeights, type DoubleBalanceParameters } from './double-balance'
import type { FeatureMatrix } from './feature-matrix'
import { logOdds, sigmoid, type LinearModel, type TrainingSet } from './linear-model'
import { balancedWeights } from './balanced-weights'
import { linearSupportVectorMachine } from './linear-svm'
import { logisticRegression } from './logistic-regression'
import { asreviewNaiveBayesAlpha, multinomialNaiveBayes } from './naive-bayes'
import { mulberry32, type RandomSource } from './prng'

/**
 * 'nb' = multinomial Naive Bayes (ASReview 1's classifier), 'logistic' = L2 logistic regression,
 * 'svm' = linear SVM with squared hinge loss (ASReview 2's). screening-models.ts pairs each with features.
 */
export type ClassifierName = 'nb' | 'logistic' | 'svm'
export const classifierNames: readonly ClassifierName[] = ['nb', 'logistic', 'svm']

/**
 * 'double' = ASReview 1's random resampling (seeded by `seed` or `random`), 'double-expected' = its
 * expectation as sample weights (deterministic), 'balanced' = ASReview 2's class weights with
 * `balanceRatio`, 'none' = every label once.
 */
export type BalanceName = 'double' | 'double-expected' | 'balanced' | 'none'
export const balanceNames: readonly BalanceName[] = ['double', 'double-expected', 'balanced', 'none']

/** A screening decision used for training: a row of the feature matrix and 1 = relevant, 0 = irrelevant. */
export interface LabelledRecord {
  index: number
  label: 0 | 1
}

export interface TrainOptions {
  /** The classifier (default 'nb'); screening-models.ts names complete models (features + training). */
  model?: ClassifierName
  balance?: BalanceName
  doubleBalance?: DoubleBalanceParameters
  /** Total weight of the relevant over the irrelevant labels for balance 'balanced' (default 9.8). */
  balanceRatio?: number
  /** Seeds the 'double' resampling when `random` is not given. */
  seed?: number
  random?: RandomSource
  /** Naive Bayes smoothing (default 3.822, ASReview's; the 'nb' screening model uses 0.05 on word frequencies). */
  alpha?: number
  /** Inverse regularisation of logistic regression (default 1) and the SVM (default 0.11), ASReview's. */
  C?: number
  /** The previous model of the same kind: logistic regression and the SVM start from it (warm start). */
  previous?: Model
}

export interface Model extends LinearModel {
  name: ClassifierName
  relevant: number
  irrelevant: number
  converged: boolean
  iterations: number
  warnings: string[]
}

/**
 * Fits the chosen classifier to the labelled records, after rebalancing them (ASReview's "double"
 * strategy by default, see double-balance.ts). Throws RangeError when a label or index is invalid or
 * when the labels do not contain both classes.
 *
 * Example: train(buildFeatures(records), [{ index: 0, label: 1 }, { index: 5, label: 0 }], { seed: 1 })
 */
export function train(features: FeatureMatrix, labelled: readonly LabelledRecord[], options: TrainOptions = {}): Model {
  const name = options.model ?? 'nb'
  if (!classifierNames.includes(name)) throw new InputError(`unknown model '${String(name)}' (use ${classifierNames.join(', ')})`)
  const training = trainingSet(features, labelled, options)
  const relevant = training.labels.reduce((s, y) => s + y, 0)
  const irrelevant = training.labels.length - relevant
  if (relevant === 0 || irrelevant === 0) throw new InputError(`training needs at least one relevant and one irrelevant record (got ${relevant} and ${irrelevant})`)
  if (name === 'nb') {
    const fit = multinomialNaiveBayes(features, training, options.alpha ?? asreviewNaiveBayesAlpha)
    return { ...fit, name, relevant, irrelevant, converged: true, iterations: 1, warnings: [] }
  }
  const initial = options.previous?.name === name ? options.previous : undefined
  const fit = (name === 'logistic' ? logisticRegression : linearSupportVectorMachine)(features, training, { C: options.C, initial })
  const warnings = fit.converged ? [] : [`${name} stopped after ${fit.iterations} iterations without converging`]
  return { weights: fit.weights, intercept: fit.intercept, name, relevant, irrelevant, converged: fit.converged, iterations: fit.iterations, warnings }
}

/**
 * Predicted relevance of every record (row of the feature matrix): the probability for 'nb' and
 * 'logistic'; for 'svm' the logistic function of the decision value, which orders records the same
 * way but is not a calibrated probability.
 */
export function score(model: Model, features: FeatureMatrix): Float64Array {
  return logOdds(model, features).map(sigmoid)
}

export interface Ranking {
  /** Unlabelled record indices, most likely relevant first. */
  order: Int32Array
  /** Probability of relevance of order[k]; NaN when no model could be trained yet. */
  probability: Float64Array
  /** null until both a relevant and an irrelevant label exist: the order is then the input order. */
  model: Model | null
}

/**
 * Ranks the unlabelled records for screening ("max" query: most likely relevant first). Ties keep the
 * input order. Before both classes have a label no model can be fitted and the input order is returned.
 */
export function rankUnlabelled(features: FeatureMatrix, labelled: readonly LabelledRecord[], options: TrainOptions = {}): Ranking {
  for (const { index, label } of labelled) checkLabel(features, index, label)
  return rankBy(features.rows, labelled, (unlabelled) => {
    const model = train(features, labelled, options)
    return { model, z: logOdds(model, features, unlabelled) }
  })
}

/**
 * The ranking step shared by single models and committees: the unlabelled rows ordered by the log-odds
 * `fit` returns for them, best first (ties keep the input order), with their probabilities; the input
 * order and no model until both classes have a label.
 */
export function rankBy<M extends Model>(rows: number, labelled: readonly LabelledRecord[], fit: (unlabelled: number[]) => { model: M; z: Float64Array }): Ranking & { model: M | null } {
  const isLabelled = new Uint8Array(rows)
  let relevant = 0
  for (const { index, label } of labelled) {
    if (index >= 0 && index < rows) isLabelled[index] = 1
    relevant += label
  }
  const unlabelled: number[] = []
  for (let i = 0; i < rows; i++) if (isLabelled[i] === 0) unlabelled.push(i)
  if (relevant === 0 || relevant === labelled.length) return { order: Int32Array.from(unlabelled), probability: new Float64Array(unlabelled.length).fill(Number.NaN), model: null }
  const { model, z } = fit(unlabelled)
  const positions = Array.from(unlabelled.keys()).sort((a, b) => z[b]! - z[a]! || a - b)
  return {
    order: Int32Array.from(positions, (k) => unlabelled[k]!),
    probability: Float64Array.from(positions, (k) => sigmoid(z[k]!)),
    model,
  }
}

function trainingSet(features: FeatureMatrix, labelled: readonly LabelledRecord[], options: TrainOptions): TrainingSet {
  const seen = new Set<number>()
  const rows = new Int32Array(labelled.length)
  const labels = new Uint8Array(labelled.length)
  labelled.forEach(({ index, label }, k) => {
    checkLabel(features, index, label)
    if (seen.has(index)) throw new InputError(`record ${index} is labelled twice`)
    seen.add(index)
    rows[k] = index
    labels[k] = label
  })
  const balance = options.balance ?? 'double'
  let sampleWeights: Float64Array
  if (balance === 'none') sampleWeights = new Float64Array(labels.length).fill(1)
  else if (balance === 'balanced') sampleWeights = balancedWeights(labels, options.balanceRatio ?? 9.8)
  else if (balance === 'double-expected') sampleWeights = doubleBalanceWeights(labels, undefined, options.doubleBalance ?? defaultDoubleBalance)
  else if (balance === 'double') {
    const random = options.random ?? mulberry32(options.seed ?? 0)
    sampleWeights = doubleBalanceWeights(labels, random, options.doubleBalance ?? defaultDoubleBalance)
  } else throw new InputError(`unknown balance '${String(balance)}' (use ${balanceNames.join(', ')})`)
  return { rows, labels, sampleWeights }
}

function checkLabel(features: FeatureMatrix, index: number, label: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= features.rows) throw new InputError(`record ${index}: index must be an integer row of the feature matrix (0..${features.rows - 1})`)
  if (label !== 0 && label !== 1) throw new InputError(`record ${index}: label must be 0 or 1 (got ${String(label)})`)
}
