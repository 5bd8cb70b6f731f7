/**
 * Screening-model benchmark on the 14 labelled reviews of Cohen et al. 2006 (read from
 * ../shared/data/screening at run time, never copied into the repository): every model × topic × seed
 * simulated as ASReview does (records without abstract and duplicates removed, one random relevant and
 * one random irrelevant prior, retrained after every label), then the table of
 * src/core/screening/benchmark.ts: per topic and model WSS@95, WSS@100, RRF@10 and ms per retraining;
 * per model the mean, the worst topic and the mean rank; the default by the project's rule; and the
 * recall and work saved where the stopping rule first says stop.
 *
 * Run: npx tsx --conditions=react-server tests/bench/simulate.bench.ts [models|all] [seeds, default 1,2,3,4,5] [--topics ADHD,Opiods] [--jsonl runs.jsonl] [--from a.jsonl,b.jsonl]
 *   all models, five seeds:          tests/bench/simulate.bench.ts all
 *   split over two cores:            ... nb,svm 1,2,3,4,5 --jsonl /tmp/a.jsonl & ... logistic 1,2,3,4,5 --jsonl /tmp/b.jsonl
 *   then the table from both files:  ... --from /tmp/a.jsonl,/tmp/b.jsonl [--markdown]
 * `ferrite simulate ../shared/data/screening --model nb,svm --seeds 5` prints the same table.
 */
import fs from 'node:fs'
import path from 'node:path'
import { benchmarkMarkdown, formatBenchmark, summariseBenchmark, type BenchmarkRun } from '@/core/screening/benchmark'
import { screeningModelNames, type ScreeningModelName } from '@/core/screening/screening-models'
import { benchmarkRun, labelledFiles, readLabelledCsv, topicOf } from '../../src/cli/simulate'
import { sharedData } from '../helpers/shared-data'

const args = process.argv.slice(2)
const option = (name: string) => {
  const at = args.indexOf(name)
  if (at < 0) return undefined
  const value = args[at + 1]
  args.splice(at, 2)
  return value
}
const jsonl = option('--jsonl')
const from = option('--from')
const onlyTopics = option('--topics')?.split(',')
const markdown = args.includes('--markdown')
if (markdown) args.splice(args.indexOf('--markdown'), 1)

let runs: BenchmarkRun[] = []
if (from) {
  runs = from.split(',').flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as BenchmarkRun),
  )
} else {
  const dataDir = path.join(sharedData, 'screening')
  if (!fs.existsSync(dataDir)) {
    console.log(`skipped: ${dataDir} not found`)
    process.exit(0)
  }
  const models = (!args[0] || args[0] === 'all' ? screeningModelNames : args[0].split(',')) as ScreeningModelName[]
  for (const m of models) if (!screeningModelNames.includes(m)) throw new Error(`unknown model ${m} (use ${screeningModelNames.join(', ')})`)
  const seeds = (args[1] ?? '1,2,3,4,5').split(',').map(Number)
  if (jsonl) fs.writeFileSync(jsonl, '')
  for (const file of labelledFiles([dataDir])) {
    if (onlyTopics && !onlyTopics.includes(topicOf(file).replace(/^Cohen_2006_/, ''))) continue
    const data = readLabelledCsv(file)
    for (const model of models)
      for (const seed of seeds) {
        const run = benchmarkRun(topicOf(file).replace(/^Cohen_2006_/, ''), data, model, seed)
        runs.push(run)
        if (jsonl) fs.appendFileSync(jsonl, JSON.stringify(run) + '\n')
        console.error(
          `${run.topic} ${model} seed ${seed}: WSS@95 ${run.wss95.toFixed(1)} %, ${run.msPerTraining.toFixed(1)} ms per training, first stop at ${run.stop.screened}/${run.records}, recall ${(100 * run.stop.recall).toFixed(1)} %`,
        )
      }
  }
}
const summary = summariseBenchmark(runs)
console.log(markdown ? benchmarkMarkdown(summary) : formatBenchmark(summary))
