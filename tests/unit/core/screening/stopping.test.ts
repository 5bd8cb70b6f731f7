import { describe, expect, it } from 'vitest'
import { hypergeometricStoppingTest, relevantRemainingBound } from '@/core/screening/hypergeometric-stopping'
import { kneeMethod } from '@/core/screening/knee-method'
import { mulberry32, type RandomSource } from '@/core/screening/prng'
import { stoppingStatus } from '@/core/screening/stopping'
import { agrees, tolerance } from '../../../reference/tolerances'
import { reference } from './screening-reference'

/**
 * A screening order of N records, R relevant, drawn one by one without replacement with a relevant
 * record `bias` times as likely as an irrelevant one (bias 1 = random order), as buscarpy's
 * generate_dataset does.
 */
function screeningOrder(random: RandomSource, N: number, R: number, bias: number): number[] {
  let relevantLeft = R
  let irrelevantLeft = N - R
  const labels: number[] = []
  while (labels.length < N) {
    const pRelevant = (bias * relevantLeft) / (bias * relevantLeft + irrelevantLeft)
    const y = random() < pRelevant ? 1 : 0
    labels.push(y)
    if (y === 1) relevantLeft--
    else irrelevantLeft--
  }
  return labels
}

/** Records screened when the test first says stop, checking every `step` records, and the recall then. */
function firstStop(labels: number[], R: number, step: number): { at: number; recall: number } {
  for (let t = step; t <= labels.length; t += step) {
    const seen = labels.slice(0, t)
    if (hypergeometricStoppingTest(seen, labels.length, 0.95).p < 0.05) return { at: t, recall: seen.reduce((s, y) => s + y, 0) / R }
  }
  return { at: labels.length, recall: 1 }
}

describe('Callaghan & Müller-Hansen hypergeometric stopping test', () => {
  it('agrees with the R implementation (phyper, buscarpy calculate_h0) on constructed orders', () => {
    for (const c of reference.stopping) {
      const result = hypergeometricStoppingTest(c.labels, c.N, c.tau)
      expect(agrees(result.p, c.p, tolerance.univariate), `${c.name}: ${result.p} vs ${c.p}`).toBe(true)
      expect(result.window, c.name).toBe(c.window)
    }
  })
  it('hand-checked: 50 relevant then 50 irrelevant of 1000 -> p = (900·899·898)/(950·949·948)', () => {
    const labels = [...new Array(50).fill(1), ...new Array(50).fill(0)]
    const result = hypergeometricStoppingTest(labels, 1000, 0.95)
    expect(result.p).toBeCloseTo((900 * 899 * 898) / (950 * 949 * 948), 12)
    expect(result.window).toBe(50)
  })
  it('relevant-remaining bounds agree with R', () => {
    for (const b of reference.bounds) expect(relevantRemainingBound(b.k, b.population, b.n, b.level)).toBe(b.bound)
  })
  it('in random orders it does not stop before 95 % recall (40 seeded simulations)', () => {
    let early = 0
    for (let seed = 1; seed <= 40; seed++) {
      const labels = screeningOrder(mulberry32(seed), 400, 20, 1)
      if (firstStop(labels, 20, 10).recall < 0.95) early++
    }
    // The test is built to err at most 5 % of the time; with the order random it is very cautious.
    expect(early).toBeLessThanOrEqual(2)
  })
  it('in prioritised orders it stops early and reaches the target in nearly every run', { timeout: 30_000 }, () => {
    let early = 0
    let screened = 0
    for (let seed = 1; seed <= 30; seed++) {
      const labels = screeningOrder(mulberry32(seed), 1000, 50, 20)
      const stop = firstStop(labels, 50, 20)
      if (stop.recall < 0.95) early++
      screened += stop.at
    }
    expect(early).toBeLessThanOrEqual(2)
    // A good ranking lets the test stop well before the end (on average under 80 % screened).
    expect(screened / 30).toBeLessThan(800)
  })
  it('rejects invalid input with a one-line message', () => {
    expect(() => hypergeometricStoppingTest([1, 0], 1, 0.95)).toThrow(/totalRecords/)
    expect(() => hypergeometricStoppingTest([1, 3], 10, 0.95)).toThrow(/position 2/)
    expect(() => hypergeometricStoppingTest([1], 10, 1)).toThrow(/recallTarget/)
  })
})

describe('stoppingStatus', () => {
  const front = [] as number[]
  for (let i = 0; i < 100; i++) front.push(i % 5 < 2 ? 1 : 0)
  it('doc example: 40 relevant early, then 2000 irrelevant of 3000 -> stop, recall >= 0.952 at 95 %', () => {
    const status = stoppingStatus([...front, ...new Array(2000).fill(0)], 3000)
    expect(status.stop).toBe(true)
    expect(status.p).toBeCloseTo(reference.stopping.find((c) => c.name === 'front-loaded')!.p, 10)
    expect(status.relevantFound).toBe(40)
    expect(status.estimatedRelevantRemaining).toBe(0)
    expect(status.relevantRemainingUpperBound).toBe(2)
    expect(status.recallLowerBound).toBeCloseTo(40 / 42, 12)
    expect(status.consecutiveIrrelevant).toBe(2003)
  })
  it('after only 1000 irrelevant in a row the test goes on while the heuristics would stop', () => {
    const status = stoppingStatus([...front, ...new Array(1000).fill(0)], 3000)
    expect(status.stop).toBe(false)
    expect(status.consecutiveIrrelevantStop).toBe(true)
    expect(status.knee.stop).toBe(true)
    expect(status.estimatedRecall).toBeGreaterThan(status.recallLowerBound)
  })
  it('knows nothing before screening starts and everything once all is screened', () => {
    const none = stoppingStatus([], 100)
    expect(none.p).toBe(1)
    expect(none.stop).toBe(false)
    expect(Number.isNaN(none.estimatedRecall)).toBe(true)
    const all = stoppingStatus([1, 0, 1, 0, 0, 0], 6)
    expect(all.stop).toBe(true)
    expect(all.estimatedRelevantRemaining).toBe(0)
    expect(all.estimatedRecall).toBe(1)
  })
})

describe('knee method (Cormack & Grossman 2016)', () => {
  it('doc example: 40 relevant first, then 960 irrelevant -> knee at 40, rho = 960, stop', () => {
    const labels = [...new Array(40).fill(1), ...new Array(960).fill(0)]
    const result = kneeMethod(labels)
    expect(result.knee).toBe(40)
    expect(result.slopeRatio).toBeCloseTo(960, 10)
    expect(result.stop).toBe(true)
  })
  it('does not stop while the gain curve is still straight or too few are screened', () => {
    const straight = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0))
    expect(kneeMethod(straight).stop).toBe(false)
    expect(kneeMethod([1, 1, 0, 0, 0], 150).stop).toBe(false)
  })
})

describe('stoppingSequence (how dual screening feeds the stopping rule)', () => {
  it('counts final decisions as they are, possible inclusions as relevant, and leaves a lone exclusion out', async () => {
    const { stoppingSequence } = await import('@/core/screening/stopping')
    const sequence = stoppingSequence([
      { firstVoteAt: 5, votes: ['exclude'] }, // awaiting the second reviewer: not yet screened
      { firstVoteAt: 2, votes: ['maybe'] }, // may be relevant
      { firstVoteAt: 3, resolved: 'exclude', votes: ['include', 'exclude'] }, // a lead excluded it
      { firstVoteAt: 1, resolved: 'include', votes: ['include', 'include'] },
      { firstVoteAt: 4, votes: ['include', 'exclude'] }, // in conflict: may be relevant
      { firstVoteAt: 6, votes: ['exclude', 'exclude'], resolved: 'exclude' },
      { firstVoteAt: null, votes: [] },
    ])
    expect(sequence).toEqual([1, 1, 0, 1, 0])
  })

  it('makes the rule more cautious than reading single exclusions as screened', async () => {
    const { stoppingSequence } = await import('@/core/screening/stopping')
    // 40 included early, then 2000 records one reviewer excluded and the second has not reached yet
    const records = [
      ...Array.from({ length: 40 }, (_, i) => ({ firstVoteAt: i, resolved: 'include' as const, votes: ['include' as const, 'include' as const] })),
      ...Array.from({ length: 2000 }, (_, i) => ({ firstVoteAt: 40 + i, votes: ['exclude' as const] })),
    ]
    const naive = records.map((r) => ('resolved' in r ? 1 : 0))
    expect(stoppingStatus(naive, 3000).stop).toBe(true)
    expect(stoppingStatus(stoppingSequence(records), 3000).stop).toBe(false)
  })
})
