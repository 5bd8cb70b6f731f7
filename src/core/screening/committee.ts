import type { FeatureMatrix } from './feature-matrix'
import { logOdds } from './linear-model'
import { rankBy, train, type LabelledRecord, type Model, type Ranking, type TrainOptions } from './ranking'
import type { RandomSource } from './prng'
import type { ScreeningModel } from './screening-models'

/**
 * Trains every member of a model (one for a single model, several for a committee, see
 * screening-models.ts) on its own feature matrix, featureSets[k] built with members[k].features.
 * `previous` (the last fits, same order) warm-starts the members that can use it.
 */
export function trainMembers(
  featureSets: readonly FeatureMatrix[],
  labelled: readonly LabelledRecord[],
  members: readonly ScreeningModel[],
  options: { random?: RandomSource; previous?: readonly Model[]; training?: Omit<TrainOptions, 'random' | 'seed' | 'previous'> } = {},
): Model[] {
  return members.map((member, k) => train(featureSets[k]!, labelled, { ...member.training, ...options.training, random: options.random, previous: options.previous?.[k] }))
}

/** The sum of the members' log-odds of the given rows: a committee's score (a single model's own log-odds). */
export function membersLogOdds(fits: readonly Model[], featureSets: readonly FeatureMatrix[], rows?: ArrayLike<number>): Float64Array {
  const total = logOdds(fits[0]!, featureSets[0]!, rows)
  for (let k = 1; k < fits.length; k++) {
    const z = logOdds(fits[k]!, featureSets[k]!, rows)
    for (let i = 0; i < total.length; i++) total[i]! += z[i]!
  }
  return total
}

/**
 * rankUnlabelled (ranking.ts) for a single model or a committee: the unlabelled records by the summed
 * log-odds, best first (ties keep the input order); the input order until both classes have a label.
 * `probability` is the logistic function of the summed log-odds: it orders, it is not calibrated.
 */
export function rankUnlabelledByMembers(featureSets: readonly FeatureMatrix[], labelled: readonly LabelledRecord[], members: readonly ScreeningModel[]): Ranking & { fits: Model[] } {
  let fits: Model[] = []
  const ranking = rankBy(featureSets[0]!.rows, labelled, (unlabelled) => {
    fits = trainMembers(featureSets, labelled, members)
    return { model: fits[0]!, z: membersLogOdds(fits, featureSets, unlabelled) }
  })
  return { ...ranking, fits }
}
