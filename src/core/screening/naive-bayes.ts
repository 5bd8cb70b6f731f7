import { InputError } from '../input-error'
import { addRow, type FeatureMatrix } from './feature-matrix'
import type { LinearModel, TrainingSet } from './linear-model'

/** ASReview's default smoothing for its Naive Bayes classifier (asreview/models/classifiers/nb.py). */
export const asreviewNaiveBayesAlpha = 3.822

/**
 * Multinomial Naive Bayes as sklearn's `MultinomialNB(alpha, fit_prior=True)` fits it, with sample
 * weights (so a record copied k times by the balance strategy counts k times):
 *   N_cj = Σ_{i in class c} s_i·x_ij,   θ_cj = (N_cj + α) / (Σ_j N_cj + α·V),   V = number of columns,
 *   prior_c = Σ_{i in c} s_i / Σ_i s_i,
 *   log-odds(x) = Σ_j x_j (ln θ_1j − ln θ_0j) + ln prior_1 − ln prior_0,
 * which is sklearn's predict_proba[:, 1] on the logit scale. Reference: Manning, Raghavan & Schütze,
 * Introduction to Information Retrieval (2008), section 13.2; sklearn.naive_bayes.MultinomialNB.
 *
 * Example: two columns, one relevant row (1, 0) and one irrelevant row (0, 1), α = 1:
 * θ_1 = (2/3, 1/3), θ_0 = (1/3, 2/3), weights = (ln 2, −ln 2), intercept = 0.
 */
export function multinomialNaiveBayes(features: FeatureMatrix, training: TrainingSet, alpha = asreviewNaiveBayesAlpha): LinearModel {
  if (!(alpha > 0)) throw new InputError(`Naive Bayes alpha must be positive (got ${alpha})`)
  const columns = features.columns
  const count1 = new Float64Array(columns)
  const count0 = new Float64Array(columns)
  let classWeight1 = 0
  let classWeight0 = 0
  const { rows, labels, sampleWeights } = training
  for (let k = 0; k < rows.length; k++) {
    const s = sampleWeights[k]!
    if (s === 0) continue
    if (labels[k] === 1) {
      addRow(features, rows[k]!, s, count1)
      classWeight1 += s
    } else {
      addRow(features, rows[k]!, s, count0)
      classWeight0 += s
    }
  }
  if (classWeight1 === 0 || classWeight0 === 0) throw new InputError('Naive Bayes needs at least one relevant and one irrelevant training record')
  let total1 = alpha * columns
  let total0 = alpha * columns
  for (let j = 0; j < columns; j++) {
    total1 += count1[j]!
    total0 += count0[j]!
  }
  const weights = new Float64Array(columns)
  const logTotalRatio = Math.log(total0 / total1)
  for (let j = 0; j < columns; j++) weights[j] = Math.log((count1[j]! + alpha) / (count0[j]! + alpha)) + logTotalRatio
  return { weights, intercept: Math.log(classWeight1 / classWeight0) }
}
