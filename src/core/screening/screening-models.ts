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
 * The single models the app and `ferrite simulate` offer, by name (committees of them below). Build
 * the features once with `features`, then train/rank with `training`:
 *   const { features: options, training } = screeningModels.nb
 *   rankUnlabelled(buildFeatures(records, options), labelled, training)
 * 'nb' is multinomial Naive Bayes on each record's word frequencies (its word counts divided by its
 * length, so long abstracts do not outweigh short ones), with light smoothing; ASReview's double balance
 * as expected weights (deterministic, so the app's ranking does not jump between runs). The default is
 * the committee 'nb-committee', chosen on 14 reviews (`screeningBenchmark`, README "Screening models").
 */
export const screeningModels = {
  nb: {
    description: 'multinomial Naive Bayes (alpha 0.05) on word frequencies of title + abstract (+ keywords), words in 2+ records; double balance (expected)',
    features: { ngramMax: 1, stopWords: 'none', useIdf: false, norm: 'l1', minDf: 2 },
    training: { model: 'nb', alpha: 0.05, balance: 'double-expected' },
  },
  'nb-bigram': {
    description: "'nb' with word pairs as well as words (unigrams + bigrams in 2+ records)",
    features: { ngramMax: 2, stopWords: 'none', useIdf: false, norm: 'l1', minDf: 2 },
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

export type ClassifierModelName = keyof typeof screeningModels

/**
 * Committees of the models above (query by committee, as ASReview's ensembles): each member is trained
 * on its own features and the records are ranked by the sum of the members' log-odds, a product of
 * experts in which a record ranks high only when the members agree it looks relevant.
 */
export const screeningCommittees = {
  'nb-committee': {
    description: "committee of 'nb' (word frequencies) and 'nb-tfidf' (TF-IDF, ASReview 1's default): records ranked by the sum of their log-odds",
    members: ['nb', 'nb-tfidf'],
  },
} satisfies Record<string, { description: string; members: readonly ClassifierModelName[] }>

/** The model that ranks every review's title/abstract queue, chosen on `screeningBenchmark` by `chooseDefault` (benchmark.ts). */
export const defaultScreeningModel: ScreeningModelName = 'nb-committee'

/**
 * The benchmark the default was chosen on (tests/bench/simulate.bench.ts, or `ferrite simulate
 * <folder> --model ... --seeds 5`; the full per-review table is in the README): every model on the 14
 * reviews, 5 seeds each, and the stopping rule replayed along the default's simulations. Shown to leads
 * on the screening statistics page and /help/screening.
 */
export const screeningBenchmark = {
  source: 'Cohen et al. 2006, JAMIA 13:206: the 14 drug-class reviews, final inclusions as relevant',
  measured: '2026-12-06',
  topics: 14,
  seeds: 5,
  models: [
    {
      model: 'svm',
      wss95: 40.6,
      wss100: 26.6,
      rrf10: 49.6,
      worstWss95: -1.4,
      worstTopic: 'Antihistamines',
      meanRank: 2.29,
      msPerTraining: 94.4,
    },
    {
      model: 'nb',
      wss95: 39,
      wss100: 23.5,
      rrf10: 46.7,
      worstWss95: -1.8,
      worstTopic: 'Antihistamines',
      meanRank: 3.07,
      msPerTraining: 0.87,
    },
    {
      model: 'nb-committee',
      wss95: 37.9,
      wss100: 24.6,
      rrf10: 48.8,
      worstWss95: -0.7,
      worstTopic: 'Antihistamines',
      meanRank: 3.71,
      msPerTraining: 1.32,
    },
    {
      model: 'nb-bigram',
      wss95: 37.4,
      wss100: 25.3,
      rrf10: 45.5,
      worstWss95: -3.9,
      worstTopic: 'Antihistamines',
      meanRank: 3.71,
      msPerTraining: 2.39,
    },
    {
      model: 'nb-tfidf',
      wss95: 36.6,
      wss100: 23.8,
      rrf10: 47.7,
      worstWss95: -0.3,
      worstTopic: 'Antihistamines',
      meanRank: 4.07,
      msPerTraining: 0.73,
    },
    {
      model: 'logistic',
      wss95: 36.4,
      wss100: 23.2,
      rrf10: 46.6,
      worstWss95: -1.7,
      worstTopic: 'Antihistamines',
      meanRank: 4.14,
      msPerTraining: 7.9,
    },
  ],
  stopping: {
    model: 'nb-committee',
    recallTarget: 0.95,
    confidence: 0.95,
    runs: 70,
    reachedTarget: 70,
    lowestRecall: 0.975,
    lowestRecallRun: 'ACEInhibitors seed 1',
    meanWorkSaved: 12,
    topics: [
      {
        topic: 'ACEInhibitors',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 0.975,
        minRecall: 0.975,
        meanWorkSaved: 30.6,
      },
      {
        topic: 'ADHD',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 11.5,
      },
      {
        topic: 'Antihistamines',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 0.7,
      },
      {
        topic: 'AtypicalAntipsychotics',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 0.979,
        minRecall: 0.979,
        meanWorkSaved: 9.6,
      },
      {
        topic: 'BetaBlockers',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 0.976,
        minRecall: 0.976,
        meanWorkSaved: 18.1,
      },
      {
        topic: 'CalciumChannelBlockers',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 14.2,
      },
      {
        topic: 'Estrogens',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 12.7,
      },
      {
        topic: 'NSAIDS',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 25.9,
      },
      {
        topic: 'Opiods',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 1.6,
      },
      {
        topic: 'OralHypoglycemics',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 0.986,
        minRecall: 0.985,
        meanWorkSaved: 9.7,
      },
      {
        topic: 'ProtonPumpInhibitors',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 8,
      },
      {
        topic: 'SkeletalMuscleRelaxants',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 1.3,
      },
      {
        topic: 'Triptans',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 10.2,
      },
      {
        topic: 'UrinaryIncontinence',
        runs: 5,
        reachedTarget: 5,
        meanRecall: 1,
        minRecall: 1,
        meanWorkSaved: 13.5,
      },
    ],
  },
} as const

export type ScreeningModelName = ClassifierModelName | keyof typeof screeningCommittees
export const screeningModelNames = [...Object.keys(screeningModels), ...Object.keys(screeningCommittees)] as ScreeningModelName[]

/** The named single model, or an InputError listing the names. */
export function screeningModel(name: string): ScreeningModel {
  if (!Object.hasOwn(screeningModels, name)) throw new InputError(`unknown model '${name}' (use ${screeningModelNames.join(', ')})`)
  return screeningModels[name as ClassifierModelName]
}

/** The single models a named model trains: itself, or a committee's members. */
export function modelMembers(name: string): ScreeningModel[] {
  if (Object.hasOwn(screeningCommittees, name)) return screeningCommittees[name as keyof typeof screeningCommittees].members.map((m) => screeningModels[m])
  return [screeningModel(name)]
}

export function modelDescription(name: ScreeningModelName): string {
  return Object.hasOwn(screeningCommittees, name) ? screeningCommittees[name as keyof typeof screeningCommittees].description : screeningModels[name as ClassifierModelName].description
}
