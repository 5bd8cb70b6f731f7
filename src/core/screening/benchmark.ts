import { InputError } from '../input-error'
import { hypergeometricStoppingTest, relevantFound } from './hypergeometric-stopping'

/** Where the stopping rule first says "safe to stop" along one screening order. */
export interface StoppingOutcome {
  /** Records screened when the rule first said stop; all records when it never did. */
  screened: number
  /** Whether the rule said stop before every record was screened. */
  stopped: boolean
  /** Share of the relevant records found by then (0–1). */
  recall: number
  /** Records not screened, percent of all: the work saved by stopping there. */
  workSaved: number
}

/**
 * Replays the stopping indicator as the leads see it (the hypergeometric test of Callaghan &
 * Müller-Hansen 2020, hypergeometric-stopping.ts) after every record of a simulated screening order and
 * returns the first point at which it says recall ≥ `recallTarget` is supported at `confidence`, with
 * the recall actually reached there (the labels are the truth) and the work saved. The test needs at
 * least one relevant record found before it can stop.
 *
 * Example: 1000 records, 20 relevant among the first 40 screened and none after: the rule first stops
 * after 40 + m irrelevant records for the smallest m with p < 0.05; recall there is 1.
 */
export function firstStop(labelsInOrder: ArrayLike<number>, options: { recallTarget?: number; confidence?: number } = {}): StoppingOutcome {
  const recallTarget = options.recallTarget ?? 0.95
  const confidence = options.confidence ?? 0.95
  if (!(confidence > 0 && confidence < 1)) throw new InputError(`confidence must be in (0, 1) (got ${confidence})`)
  const n = labelsInOrder.length
  const total = relevantFound(labelsInOrder)
  const labels = Uint8Array.from(labelsInOrder as ArrayLike<number>)
  let found = 0
  for (let t = 1; t <= n; t++) {
    found += labels[t - 1]!
    if (found === 0 || t === n) continue
    if (hypergeometricStoppingTest(labels.subarray(0, t), n, recallTarget).p < 1 - confidence)
      return { screened: t, stopped: true, recall: total === 0 ? 1 : found / total, workSaved: (100 * (n - t)) / n }
  }
  return { screened: n, stopped: false, recall: 1, workSaved: 0 }
}

/** One simulation of one model on one topic with one seed. */
export interface BenchmarkRun {
  topic: string
  model: string
  seed: number
  records: number
  included: number
  wss95: number
  wss100: number
  rrf10: number
  /** Milliseconds per retraining (training and scoring the pool), averaged over the run. */
  msPerTraining: number
  stop: StoppingOutcome
}

export interface ModelTopicSummary {
  model: string
  topic: string
  runs: number
  wss95: number
  wss100: number
  rrf10: number
  msPerTraining: number
}

export interface ModelSummary {
  model: string
  /** Means over topics of the per-topic means over seeds. */
  wss95: number
  wss100: number
  rrf10: number
  msPerTraining: number
  /** The topic with the lowest mean WSS@95 and that value. */
  worstTopic: string
  worstWss95: number
  /** Mean over topics of the model's rank by mean WSS@95 (1 = best; ties share the mean rank). */
  meanRank: number
}

export interface StoppingSummary {
  model: string
  runs: number
  /** Runs in which the recall reached at the first stop was at least the target. */
  reachedTarget: number
  /** Lowest recall at a first stop, and the run it came from. */
  lowestRecall: number
  lowestRecallRun: string
  /** Mean work saved at the first stop, percent. */
  meanWorkSaved: number
  /** Per topic: mean recall and work saved at the first stop, runs reaching the target. */
  topics: { topic: string; runs: number; reachedTarget: number; meanRecall: number; minRecall: number; meanWorkSaved: number }[]
}

export interface BenchmarkSummary {
  topics: string[]
  models: ModelSummary[]
  cells: ModelTopicSummary[]
  stopping: StoppingSummary[]
  /** The default by the rule of `chooseDefault`, with the reason. */
  choice: { model: string; reason: string }
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length

/**
 * Summarises simulation runs over topics and seeds: per model and topic the means over seeds; per model
 * the mean over topics (each topic counts once, whatever its size), the worst topic and the mean rank;
 * the stopping rule's recall and work saved at its first stop against `recallTarget`.
 */
export function summariseBenchmark(runs: readonly BenchmarkRun[], recallTarget = 0.95): BenchmarkSummary {
  if (runs.length === 0) throw new InputError('no simulation runs to summarise')
  const topics = [...new Set(runs.map((r) => r.topic))]
  const models = [...new Set(runs.map((r) => r.model))]
  const cells: ModelTopicSummary[] = []
  for (const model of models)
    for (const topic of topics) {
      const rs = runs.filter((r) => r.model === model && r.topic === topic)
      if (rs.length === 0) throw new InputError(`model ${model} has no run on topic ${topic}: every model must run on every topic`)
      cells.push({
        model,
        topic,
        runs: rs.length,
        wss95: mean(rs.map((r) => r.wss95)),
        wss100: mean(rs.map((r) => r.wss100)),
        rrf10: mean(rs.map((r) => r.rrf10)),
        msPerTraining: mean(rs.map((r) => r.msPerTraining)),
      })
    }
  const cell = (model: string, topic: string) => cells.find((c) => c.model === model && c.topic === topic)!
  const ranks = new Map<string, number[]>(models.map((m) => [m, []]))
  for (const topic of topics) {
    const values = models.map((m) => cell(m, topic).wss95)
    for (const [i, m] of models.entries()) {
      const better = values.filter((v) => v > values[i]!).length
      const equal = values.filter((v) => v === values[i]!).length
      ranks.get(m)!.push(better + (equal + 1) / 2)
    }
  }
  const modelSummaries = models.map((model): ModelSummary => {
    const own = topics.map((t) => cell(model, t))
    const worst = own.reduce((w, c) => (c.wss95 < w.wss95 ? c : w))
    return {
      model,
      wss95: mean(own.map((c) => c.wss95)),
      wss100: mean(own.map((c) => c.wss100)),
      rrf10: mean(own.map((c) => c.rrf10)),
      msPerTraining: mean(own.map((c) => c.msPerTraining)),
      worstTopic: worst.topic,
      worstWss95: worst.wss95,
      meanRank: mean(ranks.get(model)!),
    }
  })
  const stopping = models.map((model): StoppingSummary => {
    const rs = runs.filter((r) => r.model === model)
    const lowest = rs.reduce((w, r) => (r.stop.recall < w.stop.recall ? r : w))
    const reached = (r: BenchmarkRun) => r.stop.recall >= recallTarget - 1e-12
    return {
      model,
      runs: rs.length,
      reachedTarget: rs.filter(reached).length,
      lowestRecall: lowest.stop.recall,
      lowestRecallRun: `${lowest.topic} seed ${lowest.seed}`,
      meanWorkSaved: mean(rs.map((r) => r.stop.workSaved)),
      topics: topics.map((topic) => {
        const ts = rs.filter((r) => r.topic === topic)
        return {
          topic,
          runs: ts.length,
          reachedTarget: ts.filter(reached).length,
          meanRecall: mean(ts.map((r) => r.stop.recall)),
          minRecall: Math.min(...ts.map((r) => r.stop.recall)),
          meanWorkSaved: mean(ts.map((r) => r.stop.workSaved)),
        }
      }),
    }
  })
  return { topics, models: modelSummaries, cells, stopping, choice: chooseDefault(modelSummaries) }
}

/**
 * The rule the default screening model is chosen by: among the models whose worst topic (lowest mean
 * WSS@95) is at most one point below the best worst topic of any model, the one with the highest mean
 * WSS@95 over topics. A model that is excellent on average but fails one kind of review badly is not
 * chosen over one that is nearly as good everywhere.
 */
export function chooseDefault(models: readonly ModelSummary[]): { model: string; reason: string } {
  if (models.length === 0) throw new InputError('no models to choose from')
  const bestWorst = Math.max(...models.map((m) => m.worstWss95))
  const eligible = models.filter((m) => m.worstWss95 >= bestWorst - 1)
  const chosen = eligible.reduce((b, m) => (m.wss95 > b.wss95 ? m : b))
  const best = models.reduce((b, m) => (m.wss95 > b.wss95 ? m : b))
  const reason =
    chosen === best
      ? `highest mean WSS@95 (${chosen.wss95.toFixed(1)} %), worst topic ${chosen.worstWss95.toFixed(1)} % (${chosen.worstTopic}) within a point of the best worst case (${bestWorst.toFixed(1)} %)`
      : `highest mean WSS@95 (${chosen.wss95.toFixed(1)} %) among the models whose worst topic is within a point of the best worst case (${bestWorst.toFixed(1)} %); ${best.model} has a higher mean (${best.wss95.toFixed(1)} %) but its worst topic is ${best.worstWss95.toFixed(1)} % (${best.worstTopic})`
  return { model: chosen.model, reason }
}

const pad = (s: string, width: number) => s.padEnd(width)
const num = (x: number, width: number, digits = 1) => x.toFixed(digits).padStart(width)

/** The summary as plain-text tables, as `ferrite simulate` and tests/bench/simulate.bench.ts print it. */
export function formatBenchmark(summary: BenchmarkSummary, recallTarget = 0.95): string {
  const lines: string[] = []
  const topicWidth = Math.max(5, ...summary.topics.map((t) => t.length))
  const modelWidth = Math.max(5, ...summary.models.map((m) => m.model.length))
  lines.push(`${pad('topic', topicWidth)}  ${pad('model', modelWidth)}  runs  WSS@95  WSS@100  RRF@10  ms/training`)
  for (const topic of summary.topics)
    for (const c of summary.cells.filter((x) => x.topic === topic))
      lines.push(`${pad(topic, topicWidth)}  ${pad(c.model, modelWidth)}  ${String(c.runs).padStart(4)}  ${num(c.wss95, 6)}  ${num(c.wss100, 7)}  ${num(c.rrf10, 6)}  ${num(c.msPerTraining, 11, 2)}`)
  lines.push('')
  lines.push(`${pad('model', modelWidth)}  mean WSS@95  WSS@100  RRF@10  worst WSS@95 (topic)${' '.repeat(Math.max(0, topicWidth - 5))}  mean rank  ms/training`)
  for (const m of [...summary.models].sort((a, b) => b.wss95 - a.wss95))
    lines.push(
      `${pad(m.model, modelWidth)}  ${num(m.wss95, 11)}  ${num(m.wss100, 7)}  ${num(m.rrf10, 6)}  ${num(m.worstWss95, 12)} (${pad(m.worstTopic + ')', topicWidth + 1)}  ${num(m.meanRank, 9, 2)}  ${num(m.msPerTraining, 11, 2)}`,
    )
  lines.push('')
  lines.push(`default by the rule (best mean WSS@95 among models whose worst topic is within a point of the best worst case): ${summary.choice.model}: ${summary.choice.reason}`)
  lines.push('')
  lines.push(`stopping rule (hypergeometric test, recall target ${recallTarget * 100} %): recall and work saved when it first says stop`)
  lines.push(`${pad('model', modelWidth)}  runs  reached target  lowest recall (run)  mean work saved %`)
  for (const s of summary.stopping)
    lines.push(
      `${pad(s.model, modelWidth)}  ${String(s.runs).padStart(4)}  ${`${s.reachedTarget} (${((100 * s.reachedTarget) / s.runs).toFixed(1)} %)`.padStart(14)}  ${num(100 * s.lowestRecall, 6)} (${s.lowestRecallRun})  ${num(s.meanWorkSaved, 6)}`,
    )
  for (const s of summary.stopping) {
    lines.push('')
    lines.push(`${s.model}: per topic, at the first stop`)
    lines.push(`${pad('topic', topicWidth)}  runs  reached  mean recall %  min recall %  mean work saved %`)
    for (const t of s.topics)
      lines.push(
        `${pad(t.topic, topicWidth)}  ${String(t.runs).padStart(4)}  ${String(t.reachedTarget).padStart(7)}  ${num(100 * t.meanRecall, 13)}  ${num(100 * t.minRecall, 12)}  ${num(t.meanWorkSaved, 17)}`,
      )
  }
  return lines.join('\n')
}

/** The summary as Markdown tables (models as columns), as the README shows it: `simulate.bench.ts --markdown`. */
export function benchmarkMarkdown(summary: BenchmarkSummary, defaultModel = summary.choice.model): string {
  const models = [...summary.models].sort((a, b) => b.wss95 - a.wss95)
  const cell = (model: string, topic: string) => summary.cells.find((c) => c.model === model && c.topic === topic)!
  const head = (first: string) => [`| ${first} | ${models.map((m) => (m.model === defaultModel ? `**${m.model}**` : m.model)).join(' | ')} |`, `|---|${models.map(() => '---:').join('|')}|`]
  const row = (label: string, value: (m: ModelSummary) => string) => `| ${label} | ${models.map(value).join(' | ')} |`
  const lines = [...head('WSS@95 (%)')]
  for (const topic of summary.topics) lines.push(row(topic, (m) => cell(m.model, topic).wss95.toFixed(1)))
  lines.push(row('**mean**', (m) => `**${m.wss95.toFixed(1)}**`))
  lines.push(row('worst', (m) => m.worstWss95.toFixed(1)))
  lines.push(row('mean rank', (m) => m.meanRank.toFixed(2)))
  lines.push(row('WSS@100, mean', (m) => m.wss100.toFixed(1)))
  lines.push(row('RRF@10, mean', (m) => m.rrf10.toFixed(1)))
  lines.push(row('ms per retraining, mean', (m) => m.msPerTraining.toFixed(1)))
  lines.push(
    row('stopping rule at target (runs)', (m) => {
      const s = summary.stopping.find((x) => x.model === m.model)!
      return `${s.reachedTarget}/${s.runs}`
    }),
  )
  const stop = summary.stopping.find((s) => s.model === defaultModel)
  if (stop) {
    lines.push('', `Stopping rule along the ${stop.runs} simulations of ${defaultModel}: recall reached and work saved where it first says stop.`, '')
    lines.push('| topic | runs at target | mean recall (%) | lowest (%) | work saved (%) |', '|---|---:|---:|---:|---:|')
    for (const t of stop.topics) lines.push(`| ${t.topic} | ${t.reachedTarget}/${t.runs} | ${(100 * t.meanRecall).toFixed(1)} | ${(100 * t.minRecall).toFixed(1)} | ${t.meanWorkSaved.toFixed(1)} |`)
    lines.push(`| **all** | **${stop.reachedTarget}/${stop.runs}** | | ${(100 * stop.lowestRecall).toFixed(1)} | ${stop.meanWorkSaved.toFixed(1)} |`)
  }
  return lines.join('\n')
}
