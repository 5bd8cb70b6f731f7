import { describe, expect, it } from 'vitest'
import { trainingLabels, type RecordVotes } from '@/core/screening/training-labels'

describe('training labels from dual screening', () => {
  it('doc example: resolved decisions win, any include counts, exclusions count, maybe waits', () => {
    const records: RecordVotes[] = [{ votes: ['include', 'exclude'] }, { votes: ['exclude'] }, { votes: ['maybe', 'exclude'] }, { resolved: 'exclude', votes: ['include', 'exclude'] }, { votes: [] }]
    expect(trainingLabels(records)).toEqual([
      { index: 0, label: 1 },
      { index: 1, label: 0 },
      { index: 3, label: 0 },
    ])
  })
  it('a lead can resolve a record to include against two exclusions; maybe with include is relevant', () => {
    expect(trainingLabels([{ resolved: 'include', votes: ['exclude', 'exclude'] }, { votes: ['maybe', 'include'] }, { votes: ['maybe'] }, { resolved: null, votes: ['exclude', 'exclude'] }])).toEqual([
      { index: 0, label: 1 },
      { index: 1, label: 1 },
      { index: 3, label: 0 },
    ])
  })
  it('rejects unknown votes and decisions, naming the record', () => {
    expect(() => trainingLabels([{ votes: [] }, { votes: ['yes' as 'include'] }])).toThrow(/record 1: vote/)
    expect(() => trainingLabels([{ resolved: 'keep' as 'include', votes: [] }])).toThrow(/record 0: resolved/)
  })
})
