import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sharedData } from '../../../helpers/shared-data'

/** Expected values written by tests/reference/screening.R. */
export interface ScreeningReference {
  tfidf: {
    docs: string[]
    unigrams: TfidfCase
    sublinear: TfidfCase
    bigrams: TfidfCase
  }
  naiveBayes: { labels: number[]; sampleWeights: number[]; alpha3822: LinearCase; alpha1: LinearCase }
  logistic: { C1: LinearCase; C10: LinearCase }
  svm: { C011: LinearCase; C1: LinearCase }
  stopping: { name: string; labels: number[]; N: number; tau: number; p: number; window: number }[]
  bounds: { k: number; population: number; n: number; level: number; bound: number }[]
  metrics: { labels: number[]; wss95: number; wss100: number; rrf10: number; rrf5: number }[]
}

export interface TfidfCase {
  vocabulary: string[]
  idf: number[]
  rows: Record<string, number>[]
}

export interface LinearCase {
  weights: number[]
  intercept: number
  logOdds?: number[]
  margins?: number[]
}

export const repoRoot = path.resolve(import.meta.dirname, '../../../..')
export const reference = JSON.parse(readFileSync(path.join(repoRoot, 'tests/reference/screening.json'), 'utf8')) as ScreeningReference

/** The labelled Cohen 2006 data sets, read at run time and never copied into the repository. */
export const screeningDataDir = path.join(sharedData, 'screening')
