/**
 * `ferrite simulate <labelled.csv|folder>...`: ASReview-style simulations of prioritised screening on
 * labelled data sets. One file, model and seed prints WSS@95, WSS@100, RRF@10, where the stopping rule
 * first says stop and the recall curve as one JSON object; several print the benchmark table of
 * src/core/screening/benchmark.ts.
 */
import fs, { readFileSync } from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import type { Command } from './command'
import { parseCommandLine, UsageError } from './command'
import { balanceNames, type BalanceName } from '@/core/screening/ranking'
import { modelDescription, screeningModelNames, type ScreeningModelName } from '@/core/screening/screening-models'
import { simulate } from '@/core/screening/simulate'
import { firstStop, formatBenchmark, summariseBenchmark, type BenchmarkRun } from '@/core/screening/benchmark'
import type { TextRecord } from '@/core/screening/tfidf'

const labelColumns = ['label_included', 'included', 'label']

interface LabelledCsv {
  records: TextRecord[]
  labels: number[]
  labelColumn: string
  ids: (string | undefined)[]
}

/** Reads title, abstract, keywords (when present) and the 0/1 label; throws UsageError for bad input. */
export function readLabelledCsv(file: string): LabelledCsv {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  })
  const firstError = parsed.errors[0]
  if (firstError) throw new UsageError(`${file}: row ${(firstError.row ?? 0) + 2}: ${firstError.message}`)
  const fields = parsed.meta.fields ?? []
  const labelColumn = labelColumns.find((c) => fields.includes(c))
  if (!labelColumn) throw new UsageError(`${file}: no label column (expected one of ${labelColumns.join(', ')})`)
  if (!fields.includes('title') && !fields.includes('abstract')) throw new UsageError(`${file}: needs a title or an abstract column`)
  const records: TextRecord[] = []
  const labels: number[] = []
  const ids: (string | undefined)[] = []
  parsed.data.forEach((row, k) => {
    const raw = (row[labelColumn] ?? '').trim().toLowerCase()
    const label = raw === '1' || raw === 'true' || raw === 'yes' ? 1 : raw === '0' || raw === 'false' || raw === 'no' ? 0 : -1
    // Row numbers count the header as row 1, as a spreadsheet shows them.
    if (label < 0) throw new UsageError(`${file}: row ${k + 2}: ${labelColumn} must be 0 or 1 (got "${row[labelColumn] ?? ''}")`)
    const id = row.record_id ?? row.id
    records.push({ id: id ?? k + 2, title: row.title ?? '', abstract: row.abstract ?? '', keywords: row.keywords ?? null })
    labels.push(label)
    ids.push(id)
  })
  return { records, labels, labelColumn, ids }
}

function integerOption(name: string, value: string | undefined, min: number): number {
  const n = Number(value)
  if (value === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer >= ${min} (got ${value ?? 'nothing'})`)
  return n
}

/** The CSV files named: a folder stands for the .csv files directly in it, sorted by name. */
export function labelledFiles(paths: string[]): string[] {
  const files: string[] = []
  for (const p of paths) {
    let stat: fs.Stats
    try {
      stat = fs.statSync(p)
    } catch (error) {
      throw new UsageError(`cannot read ${p}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
    }
    if (!stat.isDirectory()) files.push(p)
    else {
      const csvs = fs
        .readdirSync(p)
        .filter((f) => f.toLowerCase().endsWith('.csv'))
        .sort()
      if (csvs.length === 0) throw new UsageError(`${p}: no .csv files in this folder`)
      files.push(...csvs.map((f) => path.join(p, f)))
    }
  }
  return files
}

function listOption(name: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined
  const items = value.split(',').map((x) => x.trim())
  if (items.some((x) => x === '')) throw new UsageError(`${name} must be a comma-separated list (got "${value}")`)
  return items
}

/** Topic name of a labelled file: its base name without .csv. */
export const topicOf = (file: string) => path.basename(file).replace(/\.csv$/i, '')

/**
 * One simulation timed, with the stopping rule replayed along its order. The time per retraining is the
 * whole simulation's time (features, every training and every scoring of the pool) over its trainings.
 */
export function benchmarkRun(
  topic: string,
  data: { records: TextRecord[]; labels: number[] },
  model: ScreeningModelName,
  seed: number,
  options: { batchSize?: number; recallTarget?: number } = {},
): BenchmarkRun {
  const started = performance.now()
  const result = simulate(data.records, data.labels, { seed, model, batchSize: options.batchSize })
  const ms = performance.now() - started
  return {
    topic,
    model,
    seed,
    records: result.records,
    included: result.included,
    wss95: result.wss95,
    wss100: result.wss100,
    rrf10: result.rrf10,
    msPerTraining: ms / result.trainings,
    stop: firstStop(result.labelsInOrder, { recallTarget: options.recallTarget ?? 0.95 }),
  }
}

export const command: Command = {
  summary: 'Simulate prioritised screening on labelled CSVs (ASReview-style): WSS@95, WSS@100, RRF@10, the stopping rule; a table over topics, models and seeds',
  usage:
    `simulate <labelled.csv|folder>... [--seed 1[,2,...]] [--seeds N] [--model ${screeningModelNames.join('|')}[,...]] [--balance ${balanceNames.join('|')}] [--ngrams 1|2] [--batch 1] [--json]\n\n` +
    'One file, model and seed: one JSON object with the metrics, priors and recall curve. Several files (a folder is its .csv files),\n' +
    'models (--model nb,svm) or seeds (--seeds 5 = seeds 1-5): a table per topic and model, the means, worst topic and mean rank per\n' +
    'model, the default by the rule of src/core/screening/benchmark.ts, and the recall and work saved where the stopping rule first\n' +
    'says stop (--json prints the runs and the summary as JSON instead).\n\n' +
    `Models:\n${screeningModelNames.map((name) => `  ${name.padEnd(12)} ${modelDescription(name)}`).join('\n')}`,
  async run(args) {
    const { values, positionals } = parseCommandLine(
      args,
      {
        seed: { type: 'string' },
        seeds: { type: 'string' },
        model: { type: 'string' },
        balance: { type: 'string' },
        ngrams: { type: 'string' },
        batch: { type: 'string' },
        json: { type: 'boolean' },
      },
      { max: Number.POSITIVE_INFINITY },
    )
    if (positionals.length === 0) throw new UsageError(`usage: ferrite ${command.usage.split('\n')[0]}`)
    if (values.seed !== undefined && values.seeds !== undefined) throw new UsageError('give --seed or --seeds, not both')
    const seeds =
      values.seeds !== undefined
        ? Array.from({ length: integerOption('--seeds', values.seeds, 1) }, (_, i) => i + 1)
        : (listOption('--seed', values.seed) ?? ['1']).map((s) => integerOption('--seed', s, 0))
    const models = (listOption('--model', values.model) ?? ['nb']) as ScreeningModelName[]
    for (const model of models) if (!screeningModelNames.includes(model)) throw new UsageError(`--model must be one of ${screeningModelNames.join(', ')} (got ${model})`)
    const balance = values.balance as BalanceName | undefined
    if (balance !== undefined && !balanceNames.includes(balance)) throw new UsageError(`--balance must be one of ${balanceNames.join(', ')} (got ${balance})`)
    const ngramMax = values.ngrams === undefined ? undefined : integerOption('--ngrams', values.ngrams, 1)
    const batchSize = values.batch === undefined ? 1 : integerOption('--batch', values.batch, 1)
    const files = labelledFiles(positionals)
    if (files.length === 1 && models.length === 1 && seeds.length === 1) return single(files[0]!, models[0]!, seeds[0]!, { balance, ngramMax, batchSize })
    if (balance !== undefined || ngramMax !== undefined) throw new UsageError('--balance and --ngrams change one model: use them with one file, model and seed')

    const runs: BenchmarkRun[] = []
    const total = files.length * models.length * seeds.length
    for (const file of files) {
      const data = readLabelledCsv(file)
      for (const model of models)
        for (const seed of seeds) {
          const run = benchmarkRun(topicOf(file), data, model, seed, { batchSize })
          runs.push(run)
          process.stderr.write(
            `ferrite simulate: ${runs.length}/${total} ${run.topic} ${model} seed ${seed}: WSS@95 ${run.wss95.toFixed(1)}, ${run.msPerTraining.toFixed(1)} ms per training, stop at ${run.stop.screened}/${run.records} with recall ${(100 * run.stop.recall).toFixed(1)} %\n`,
          )
        }
    }
    const summary = summariseBenchmark(runs)
    process.stdout.write(values.json ? JSON.stringify({ runs, summary }) + '\n' : formatBenchmark(summary) + '\n')
    return 0
  },
}

async function single(file: string, model: ScreeningModelName, seed: number, options: { balance?: BalanceName; ngramMax?: number; batchSize: number }): Promise<number> {
  const data = readLabelledCsv(file)
  const started = performance.now()
  const result = simulate(data.records, data.labels, {
    seed,
    model,
    batchSize: options.batchSize,
    features: options.ngramMax === undefined ? undefined : { ngramMax: options.ngramMax },
    training: options.balance === undefined ? undefined : { balance: options.balance },
  })
  process.stderr.write(`ferrite simulate: ${result.records} records, ${result.trainings} trainings in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
  const describe = (index: number) => ({ row: index + 2, id: data.ids[index] ?? null })
  const stop = firstStop(result.labelsInOrder)
  const output = {
    file,
    label_column: data.labelColumn,
    model,
    seed,
    priors: { relevant: describe(result.priors.relevant), irrelevant: describe(result.priors.irrelevant) },
    removed: { without_abstract: result.removed.withoutAbstract, duplicates: result.removed.duplicates },
    records: result.records,
    included: result.included,
    wss95: result.wss95,
    wss100: result.wss100,
    rrf10: result.rrf10,
    stopping: { recall_target: 0.95, confidence: 0.95, stopped: stop.stopped, screened: stop.screened, recall: stop.recall, work_saved: stop.workSaved },
    recall_curve: result.recallCurve,
  }
  process.stdout.write(JSON.stringify(output) + '\n')
  return 0
}
