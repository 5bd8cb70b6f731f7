import { describe, expect, it } from 'vitest'
import { benchmarkMarkdown, chooseDefault, firstStop, formatBenchmark, summariseBenchmark, type BenchmarkRun, type ModelSummary } from '@/core/screening/benchmark'
import { hypergeometricStoppingTest } from '@/core/screening/hypergeometric-stopping'

/** n records; relevant at the given 0-based positions. */
function order(n: number, relevantAt: number[]): Uint8Array {
  const labels = new Uint8Array(n)
  for (const i of relevantAt) labels[i] = 1
  return labels
}

describe('firstStop', () => {
  it('stops at the first record after which the hypergeometric test rejects recall < 95 %', () => {
    const labels = order(
      1000,
      Array.from({ length: 20 }, (_, i) => 2 * i),
    )
    const stop = firstStop(labels)
    expect(stop.stopped).toBe(true)
    expect(hypergeometricStoppingTest(labels.subarray(0, stop.screened), 1000).p).toBeLessThan(0.05)
    expect(hypergeometricStoppingTest(labels.subarray(0, stop.screened - 1), 1000).p).toBeGreaterThanOrEqual(0.05)
    expect(stop.recall).toBe(1)
    expect(stop.workSaved).toBeCloseTo((100 * (1000 - stop.screened)) / 1000, 12)
    // The 20 relevant records take 39 places; the rest of the run is a stretch of irrelevant ones.
    expect(stop.screened).toBeGreaterThan(39)
    expect(stop.screened).toBeLessThan(1000)
  })

  it('reports the recall actually reached when relevant records come after the stop', () => {
    // 18 relevant early, 2 at the very end: the rule stops in the long irrelevant stretch with 18/20.
    const labels = order(1000, [...Array.from({ length: 18 }, (_, i) => i), 998, 999])
    const stop = firstStop(labels)
    expect(stop.stopped).toBe(true)
    expect(stop.screened).toBeLessThan(998)
    expect(stop.recall).toBeCloseTo(0.9, 12)
  })

  it('does not stop inside an order that keeps finding relevant records at random pace', () => {
    // 20 relevant spread evenly (as random screening finds them): no stop before the last of them.
    const stop = firstStop(
      order(
        400,
        Array.from({ length: 20 }, (_, i) => 10 + 20 * i),
      ),
    )
    expect(stop.screened).toBeGreaterThan(390)
    expect(stop.recall).toBe(1)
    // Too little evidence ever: the run ends without a stop, all records screened.
    expect(firstStop([1, 0, 1])).toEqual({ screened: 3, stopped: false, recall: 1, workSaved: 0 })
  })

  it('is stricter at a higher recall target', () => {
    const labels = order(
      1000,
      Array.from({ length: 20 }, (_, i) => 2 * i),
    )
    expect(firstStop(labels, { recallTarget: 0.99 }).screened).toBeGreaterThan(firstStop(labels, { recallTarget: 0.9 }).screened)
  })
})

const run = (model: string, topic: string, seed: number, wss95: number, stopRecall = 1): BenchmarkRun => ({
  topic,
  model,
  seed,
  records: 100,
  included: 10,
  wss95,
  wss100: wss95 + 1,
  rrf10: 50,
  msPerTraining: 2,
  stop: { screened: 60, stopped: true, recall: stopRecall, workSaved: 40 },
})

describe('summariseBenchmark', () => {
  const runs = [
    run('a', 'T1', 1, 80),
    run('a', 'T1', 2, 70),
    run('a', 'T2', 1, 10),
    run('a', 'T2', 2, 20),
    run('b', 'T1', 1, 60),
    run('b', 'T1', 2, 60, 0.9),
    run('b', 'T2', 1, 30),
    run('b', 'T2', 2, 30),
  ]
  const summary = summariseBenchmark(runs)

  it('averages seeds per topic, then topics with equal weight, and finds the worst topic', () => {
    const a = summary.models.find((m) => m.model === 'a')!
    expect(summary.cells.find((c) => c.model === 'a' && c.topic === 'T1')!.wss95).toBe(75)
    expect(a.wss95).toBe(45)
    expect(a.worstTopic).toBe('T2')
    expect(a.worstWss95).toBe(15)
    const b = summary.models.find((m) => m.model === 'b')!
    expect(b.wss95).toBe(45)
    expect(b.worstWss95).toBe(30)
    // a is first on T1 and second on T2, b the reverse.
    expect(a.meanRank).toBe(1.5)
    expect(b.meanRank).toBe(1.5)
  })

  it('counts the runs whose recall at the first stop reached the target', () => {
    const b = summary.stopping.find((s) => s.model === 'b')!
    expect(b.reachedTarget).toBe(3)
    expect(b.lowestRecall).toBe(0.9)
    expect(b.lowestRecallRun).toBe('T1 seed 2')
    expect(b.topics.find((t) => t.topic === 'T1')).toMatchObject({ runs: 2, reachedTarget: 1, minRecall: 0.9, meanRecall: 0.95 })
  })

  it('prefers, at equal means, the model whose worst topic is not far behind', () => {
    expect(summary.choice.model).toBe('b')
    expect(formatBenchmark(summary)).toContain('default by the rule')
  })

  it('prints Markdown with the models as columns, the default in bold, and the stopping rule per topic', () => {
    const md = benchmarkMarkdown(summary)
    expect(md).toContain('| WSS@95 (%) | a | **b** |')
    expect(md).toContain('| T1 | 75.0 | 60.0 |')
    expect(md).toContain('| worst | 15.0 | 30.0 |')
    expect(md).toContain('| stopping rule at target (runs) | 4/4 | 3/4 |')
    expect(md).toContain('| T1 | 1/2 | 95.0 | 90.0 | 40.0 |')
  })

  it('refuses a model missing from a topic', () => {
    expect(() => summariseBenchmark([run('a', 'T1', 1, 1), run('a', 'T2', 1, 1), run('b', 'T1', 1, 1)])).toThrow(/model b has no run on topic T2/)
  })
})

describe('chooseDefault', () => {
  const model = (name: string, mean: number, worst: number): ModelSummary => ({
    model: name,
    wss95: mean,
    wss100: 0,
    rrf10: 0,
    msPerTraining: 1,
    worstTopic: 'T',
    worstWss95: worst,
    meanRank: 1,
  })

  it('takes the best mean when its worst topic is within a point of the best worst case', () => {
    expect(chooseDefault([model('x', 70, 19.2), model('y', 68, 20)]).model).toBe('x')
  })

  it('passes over the best mean when its worst topic is more than a point behind', () => {
    const choice = chooseDefault([model('x', 70, 18.9), model('y', 68, 20), model('z', 69, 19.5)])
    expect(choice.model).toBe('z')
    expect(choice.reason).toContain('x has a higher mean (70.0 %) but its worst topic is 18.9 %')
  })
})

describe('the default screening model', () => {
  it('is the one the rule picks from the recorded benchmark, which covers every offered model', async () => {
    const { defaultScreeningModel, screeningBenchmark, screeningModelNames } = await import('@/core/screening/screening-models')
    expect(chooseDefault(screeningBenchmark.models.map((m) => ({ ...m })) as ModelSummary[]).model).toBe(defaultScreeningModel)
    expect(new Set(screeningBenchmark.models.map((m) => m.model))).toEqual(new Set(screeningModelNames))
    expect(screeningBenchmark.stopping.model).toBe(defaultScreeningModel)
    // the stopping rule reached its recall target in at least 95 % of the default's runs
    expect(screeningBenchmark.stopping.reachedTarget / screeningBenchmark.stopping.runs).toBeGreaterThanOrEqual(0.95)
  })
})
