import type { FeatureMatrix } from './feature-matrix'
import { sigmoid, type TrainingSet } from './linear-model'
import { newtonConjugateGradient, type LinearFitOptions, type MarginLoss, type NewtonFit } from './newton-cg'

// ln(1 + exp(−t)) with t = ±z, written to stay finite for large |z|.
const logisticLoss: MarginLoss = {
  value: (z, y) => {
    const t = y === 1 ? z : -z
    return t > 0 ? Math.log1p(Math.exp(-t)) : -t + Math.log1p(Math.exp(t))
  },
  slope: (z, y) => sigmoid(z) - y,
  curvature: (z) => {
    const p = sigmoid(z)
    return p * (1 - p)
  },
}

/**
 * L2-regularised logistic regression with sample weights, as sklearn's
 * `LogisticRegression(solver="liblinear", C)` (ASReview's "logistic", C = 1) fits it:
 *   minimise ½(||w||² + b²) + C Σ_i s_i ln(1 + exp(−y_i (x_i·w + b))),  y_i = ±1,
 * solved by truncated Newton (newton-cg.ts). The model's log-odds are x·w + b.
 * Reference: Fan et al., "LIBLINEAR: a library for large linear classification", JMLR 9 (2008) 1871–1874.
 *
 * Example: rows (1, 0) relevant and (0, 1) irrelevant, C = 1: by symmetry b = 0 and w = (u, −u) with
 * u = σ(−u), i.e. u = 0.40106.
 */
export function logisticRegression(features: FeatureMatrix, training: TrainingSet, options: LinearFitOptions = {}): NewtonFit {
  return newtonConjugateGradient(features, training, logisticLoss, {
    C: options.C ?? 1,
    tolerance: options.tolerance ?? 1e-4,
    maxIterations: options.maxIterations ?? 50,
    initial: options.initial,
  })
}
