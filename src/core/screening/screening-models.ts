import { InputError } from '../input-error'
import type { TrainOptions } from './ranking'
import type { FeatureOptions } from './tfidf'

/** A screening model: how to build the features and how to train on them. */
export interface ScreeningModel {
  description: string
  features: FeatureOptions
  training: TrainOptions
}

/**
 * The models the app and `ferrite simulate` offer, by name. Build the features once with `features`,
 * then train/rank with `training`:
 *   const { features: options, training } = screeningModels.nb
 *   rankUnlabelled(buildFeatures(records, options), labelled, training)
 * 'nb' is the default, chosen by measurement (tests/bench/simulate.bench.ts, seeds 1–10): multinomial
 * Naive Bayes on each record's word frequencies (its word counts divided by its length, so long abstracts
 * do not outweigh short ones; idf and l2 scaling did worse), with light smoothing. Mean WSS@95 on
 * Cohen 2006 ACE inhibitors 84.3 % and ADHD 47.3 %, against 76.6 % and 46.2 % for ASReview 1's own
 * Naive Bayes on TF-IDF ('nb-tfidf'); RRF@10 rose on ACE (91 % against 80 %) but fell on ADHD (69 %
 * against 81 %). ASReview's double balance is used as expected weights: as good as the random
 * resampling here and deterministic, so the app's ranking does not jump between runs.
 */
export const screeningModels = {
  nb: {
    description: 'multinomial Naive Bayes (alpha 0.05) on word frequencies of title + abstract (+ keywords), words in 2+ records; double balance (expected)',
    features: { ngramMax: 1, stopWords: 'none', useIdf: false, norm: 'l1', minDf: 2 },
    training: { model: 'nb', alpha: 0.05, balance: 'double-expected' },
  },
  'nb-tfidf': {
    description: "ASReview 1's default: multinomial Naive Bayes (alpha 3.822) on TF-IDF with English stop words; double balance",
    features: { ngramMax: 1, stopWords: 'english' },
    training: { model: 'nb', alpha: 3.822, balance: 'double' },
  },
  logistic: {
    description: "ASReview's logistic regression (L2, C = 1) on TF-IDF with English stop words; double balance",
    features: { ngramMax: 1, stopWords: 'english' },
    training: { model: 'logistic', C: 1, balance: 'double' },
  },
  svm: {
    description: "ASReview 2's ELAS u4: linear SVM (squared hinge, C = 0.11) on sublinear TF-IDF of unigrams and bigrams (max_df 0.95); balanced weights 9.8",
    features: { ngramMax: 2, stopWords: 'none', sublinearTf: true, maxDf: 0.95 },
    training: { model: 'svm', C: 0.11, balance: 'balanced', balanceRatio: 9.8 },
  },
} satisfies Record<string, ScreeningModel>

export type ScreeningModelName = keyof typeof screeningModels
export const screeningModelNames = Object.keys(screeningModels) as ScreeningModelName[]

/** The named model, or a RangeError listing the names. */
export function screeningModel(name: string): ScreeningModel {
  if (!Object.hasOwn(screeningModels, name)) throw new InputError(`unknown model '${name}' (use ${screeningModelNames.join(', ')})`)
  return screeningModels[name as ScreeningModelName]
}
