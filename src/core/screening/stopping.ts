import { InputError } from '../input-error'
import { hypergeometricStoppingTest, relevantFound, relevantRemainingBound } from './hypergeometric-stopping'
import { kneeMethod } from './knee-method'
import type { RecordVotes } from './training-labels'

export interface StoppingOptions {
  /** Recall the reviewers want to reach (default 0.95). */
  recallTarget?: number
  /** Confidence at which that recall must be supported to stop (default 0.95). */
  confidence?: number
  /** Threshold of the consecutive-irrelevant heuristic (default 100 records in a row). */
  consecutiveIrrelevantLimit?: number
}

export interface StoppingStatus {
  screened: number
  relevantFound: number
  /** Callaghan & Müller-Hansen p-value for H0 "recall < recallTarget". */
  p: number
  /** p < 1 − confidence: recall >= target is supported at the stated confidence. */
  stop: boolean
  /** Median-unbiased estimate of the relevant records not yet screened. */
  estimatedRelevantRemaining: number
  /** One-sided upper bound, at `confidence`, of the relevant records not yet screened. */
  relevantRemainingUpperBound: number
  /** relevantFound / (relevantFound + estimatedRelevantRemaining); NaN when nothing is known yet. */
  estimatedRecall: number
  /** relevantFound / (relevantFound + relevantRemainingUpperBound), at `confidence`. */
  recallLowerBound: number
  /** Records screened since the last relevant one (heuristic). */
  consecutiveIrrelevant: number
  consecutiveIrrelevantStop: boolean
  /** Cormack & Grossman's knee method (heuristic). */
  knee: { knee: number; slopeRatio: number; stop: boolean }
}

/**
 * Everything the screening page shows about when to stop, from the labels in screening order (1
 * relevant, 0 irrelevant) and the number of records in the review. The statistical rule is `stop`
 * (hypergeometric-stopping.ts); the estimates come from the window of recent records that gave the
 * smallest p (the window most informative about what is left), read as a random sample; the
 * heuristics are reported beside it and never change `stop`.
 *
 * Example: 3000 records; 40 relevant among the first 100 screened, then 2000 irrelevant in a row:
 * p = 0.0297 < 0.05, stop = true, 0 relevant estimated to remain, at most 2 (95 %), recall >= 0.952.
 * After only 1000 irrelevant in a row p = 0.28: the test needs far more evidence than the heuristics.
 */
export function stoppingStatus(labelsInOrder: ArrayLike<number>, totalRecords: number, options: StoppingOptions = {}): StoppingStatus {
  const recallTarget = options.recallTarget ?? 0.95
  const confidence = options.confidence ?? 0.95
  const limit = options.consecutiveIrrelevantLimit ?? 100
  if (!(confidence > 0 && confidence < 1)) throw new InputError(`confidence must be in (0, 1) (got ${confidence})`)
  const { p, window } = hypergeometricStoppingTest(labelsInOrder, totalRecords, recallTarget)
  const screened = labelsInOrder.length
  const found = relevantFound(labelsInOrder)

  let consecutiveIrrelevant = 0
  while (consecutiveIrrelevant < screened && labelsInOrder[screened - 1 - consecutiveIrrelevant] === 0) consecutiveIrrelevant++

  let estimatedRelevantRemaining = Number.NaN
  let relevantRemainingUpperBound = Number.NaN
  if (screened === totalRecords) {
    estimatedRelevantRemaining = 0
    relevantRemainingUpperBound = 0
  } else if (window > 0) {
    let k = 0
    for (let i = screened - window; i < screened; i++) k += labelsInOrder[i]!
    const population = totalRecords - screened + window
    estimatedRelevantRemaining = relevantRemainingBound(k, population, window, 0.5)
    relevantRemainingUpperBound = relevantRemainingBound(k, population, window, confidence)
  }
  const recallFrom = (remaining: number) => (found + remaining > 0 ? found / (found + remaining) : Number.NaN)
  return {
    screened,
    relevantFound: found,
    p,
    stop: p < 1 - confidence,
    estimatedRelevantRemaining,
    relevantRemainingUpperBound,
    estimatedRecall: recallFrom(estimatedRelevantRemaining),
    recallLowerBound: recallFrom(relevantRemainingUpperBound),
    consecutiveIrrelevant,
    consecutiveIrrelevantStop: found > 0 && consecutiveIrrelevant >= limit,
    knee: kneeMethod(labelsInOrder),
  }
}

/** A record's screening state with the time (any monotone number) of its first vote, null before it. */
export interface StoppingRecord extends RecordVotes {
  firstVoteAt: number | null
}

/**
 * The labels the stopping rule reads under dual screening, in the order the team first voted on the
 * records (the order the ranking offered them). Every choice errs towards screening on:
 *   - a final decision (agreement or a lead's resolution) counts as it is: include 1, exclude 0;
 *   - an unresolved record with an include or a maybe vote counts as relevant (1): it may be, and a
 *     relevant record among the recent ones is evidence against stopping;
 *   - an unresolved record with exclude votes only (the other reviewer has not voted yet, or a vote is
 *     in conflict) is left out, as not yet screened: one reviewer's exclusion is what dual screening
 *     checks, so it is no evidence that the records left are irrelevant.
 * Records nobody has voted on are not screened.
 *
 * Example: [{ first 1, votes [exclude] }, { first 2, votes [maybe] }, { first 3, resolved exclude }]
 * -> [1, 0] (the lone exclusion is left out).
 */
export function stoppingSequence(records: readonly StoppingRecord[]): number[] {
  const screened: { at: number; index: number; label: number }[] = []
  records.forEach((r, index) => {
    if (r.firstVoteAt === null) return
    let label: number
    if (r.resolved === 'include') label = 1
    else if (r.resolved === 'exclude') label = 0
    else if (r.votes.includes('include') || r.votes.includes('maybe')) label = 1
    else return
    screened.push({ at: r.firstVoteAt, index, label })
  })
  screened.sort((a, b) => a.at - b.at || a.index - b.index)
  return screened.map((s) => s.label)
}
