import { InputError } from '../input-error'
import type { TextRecord } from './tfidf'

export interface PreparedRecords {
  /** Indices (into the input) of the records kept, in input order. */
  kept: number[]
  /** Label of each kept record: 1 when any of its duplicates is relevant. */
  labels: Uint8Array
  /** Indices of the records dropped because their abstract is empty. */
  withoutAbstract: number[]
  /** Indices of the records dropped as duplicates of an earlier kept record. */
  duplicates: number[]
}

/**
 * The cleaning ASReview's simulation study applies before simulating (Ferdinands et al., Systematic
 * Reviews 2023): records with an empty abstract are removed, then duplicates, a duplicate being a record
 * whose title + abstract, lower-cased with everything but letters and digits removed, equals that of an
 * earlier record (asreview's `ASReviewData.duplicated`). The first copy is kept, and is relevant when any
 * copy is, so that an inclusion is never lost. Records with neither title nor abstract are never duplicates.
 *
 * Example: [{title: 'A trial.', abstract: 'x'}, {title: 'a TRIAL', abstract: 'X!'}, {title: 'b', abstract: ''}]
 * keeps record 0, drops 1 as a duplicate and 2 for its missing abstract.
 */
export function prepareRecords(records: readonly TextRecord[], labels: ArrayLike<number>, options: { removeWithoutAbstract?: boolean; removeDuplicates?: boolean } = {}): PreparedRecords {
  if (labels.length !== records.length) throw new InputError(`there are ${records.length} records but ${labels.length} labels`)
  const removeWithoutAbstract = options.removeWithoutAbstract ?? true
  const removeDuplicates = options.removeDuplicates ?? true
  const kept: number[] = []
  const keptLabels: number[] = []
  const withoutAbstract: number[] = []
  const duplicates: number[] = []
  const firstByKey = new Map<string, number>()
  records.forEach((record, i) => {
    const label = labels[i]
    if (label !== 0 && label !== 1) throw new InputError(`record ${record.id ?? i}: label must be 0 or 1 (got ${String(label)})`)
    const abstract = record.abstract ?? ''
    if (removeWithoutAbstract && abstract.trim() === '') {
      withoutAbstract.push(i)
      return
    }
    if (removeDuplicates) {
      const key = `${record.title ?? ''} ${abstract}`.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
      const first = key === '' ? undefined : firstByKey.get(key)
      if (first !== undefined) {
        duplicates.push(i)
        keptLabels[first] = Math.max(keptLabels[first]!, label)
        return
      }
      if (key !== '') firstByKey.set(key, kept.length)
    }
    kept.push(i)
    keptLabels.push(label)
  })
  return { kept, labels: Uint8Array.from(keptLabels), withoutAbstract, duplicates }
}
