import type { FeatureMatrix } from './feature-matrix'
import type { TrainingSet } from './linear-model'
import { newtonConjugateGradient, type LinearFitOptions, type MarginLoss, type NewtonFit } from './newton-cg'

// max(0, 1 − t)² with t = ±z; its second derivative is 2 on the active side (a generalised Hessian).
const squaredHingeLoss: MarginLoss = {
  value: (z, y) => {
    const gap = 1 - (y === 1 ? z : -z)
    return gap > 0 ? gap * gap : 0
  },
  slope: (z, y) => {
    const sign = y === 1 ? 1 : -1
    const gap = 1 - sign * z
    return gap > 0 ? -2 * sign * gap : 0
  },
  curvature: (z, y) => (1 - (y === 1 ? z : -z) > 0 ? 2 : 0),
}

/**
 * Linear support vector machine with the squared hinge loss and L2 penalty, as sklearn's
 * `LinearSVC(loss="squared_hinge", C)` fits it (ASReview 2's default classifier, C = 0.11):
 *   minimise ½(||w||² + b²) + C Σ_i s_i max(0, 1 − y_i (x_i·w + b))².
 * The decision value x·w + b ranks records (it is not a probability). Solved by truncated Newton with
 * the generalised Hessian (Keerthi & DeCoste, JMLR 6 (2005) 341–361; Lin et al. 2008).
 *
 * Example: rows (1, 0) relevant and (0, 1) irrelevant, C = 1: b = 0 and w = (u, −u) with
 * u = 2(1 − u), i.e. u = 2/3.
 */
export function linearSupportVectorMachine(features: FeatureMatrix, training: TrainingSet, options: LinearFitOptions = {}): NewtonFit {
  return newtonConjugateGradient(features, training, squaredHingeLoss, {
    C: options.C ?? 0.11,
    tolerance: options.tolerance ?? 1e-4,
    maxIterations: options.maxIterations ?? 50,
    initial: options.initial,
  })
}
