import { InputError } from '../input-error'
import type { LabelledRecord } from './ranking'

export type ScreeningVote = 'include' | 'exclude' | 'maybe'

/** The screening state of one record under dual screening. */
export interface RecordVotes {
  /** The final decision, by agreement of the reviewers or a lead's resolution; null while unresolved. */
  resolved?: 'include' | 'exclude' | null
  /** The individual reviewers' votes so far (blinded from each other, but all visible to the model). */
  votes: readonly ScreeningVote[]
}

/**
 * Training labels from dual-screening decisions, record i of the input being row i of the feature matrix:
 * 1. a resolved decision wins: include -> 1, exclude -> 0;
 * 2. unresolved, any reviewer voted include -> 1: the model should look for records like it at once, and
 *    training on a record later excluded costs a few extra records screened, while ignoring a true
 *    inclusion costs recall;
 * 3. unresolved, only exclude votes (one or two) -> 0: most records are irrelevant, so a single exclusion
 *    is reliable enough to learn from;
 * 4. otherwise (a "maybe" without an include, or no vote yet) -> not labelled: the record stays in the
 *    pool to be ranked.
 *
 * Example: [{ votes: ['include', 'exclude'] }, { votes: ['exclude'] }, { votes: ['maybe', 'exclude'] },
 * { resolved: 'exclude', votes: ['include', 'exclude'] }, { votes: [] }]
 * -> [{ index: 0, label: 1 }, { index: 1, label: 0 }, { index: 3, label: 0 }]
 */
export function trainingLabels(records: readonly RecordVotes[]): LabelledRecord[] {
  const labelled: LabelledRecord[] = []
  records.forEach((record, index) => {
    const { resolved, votes } = record
    if (resolved !== undefined && resolved !== null && resolved !== 'include' && resolved !== 'exclude')
      throw new InputError(`record ${index}: resolved must be include, exclude or null (got ${String(resolved)})`)
    if (!Array.isArray(votes)) throw new InputError(`record ${index}: votes must be a list`)
    for (const vote of votes) if (vote !== 'include' && vote !== 'exclude' && vote !== 'maybe') throw new InputError(`record ${index}: vote must be include, exclude or maybe (got ${String(vote)})`)
    if (resolved === 'include' || resolved === 'exclude') labelled.push({ index, label: resolved === 'include' ? 1 : 0 })
    else if (votes.includes('include')) labelled.push({ index, label: 1 })
    else if (votes.length > 0 && votes.every((v) => v === 'exclude')) labelled.push({ index, label: 0 })
  })
  return labelled
}
