/**
 * `ferrite simulate <labelled.csv>`: an ASReview-style simulation of prioritised screening on a
 * labelled data set, printing WSS@95, WSS@100, RRF@10 and the recall curve as one JSON object.
 */
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import type { Command } from './command'
import { parseCommandLine, UsageError } from './command'
import { balanceNames, type BalanceName } from '@/core/screening/ranking'
import { screeningModelNames, screeningModels, type ScreeningModelName } from '@/core/screening/screening-models'
import { simulate } from '@/core/screening/simulate'
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

export const command: Command = {
  summary: 'Simulate prioritised screening on a labelled CSV (ASReview-style): WSS@95, WSS@100, RRF@10, recall curve',
  usage:
    `simulate <labelled.csv> [--seed 1] [--model ${screeningModelNames.join('|')}] [--balance ${balanceNames.join('|')}] [--ngrams 1|2] [--batch 1]\n\n` +
    `Models:\n${screeningModelNames.map((name) => `  ${name.padEnd(9)} ${screeningModels[name].description}`).join('\n')}`,
  async run(args) {
    const { values, positionals } = parseCommandLine(
      args,
      { seed: { type: 'string' }, model: { type: 'string' }, balance: { type: 'string' }, ngrams: { type: 'string' }, batch: { type: 'string' } },
      { max: 1 },
    )
    const file = positionals[0]
    if (file === undefined) throw new UsageError(`usage: ferrite ${command.usage.split('\n')[0]}`)
    const seed = values.seed === undefined ? 1 : integerOption('--seed', values.seed, 0)
    const model = (values.model ?? 'nb') as ScreeningModelName
    if (!screeningModelNames.includes(model)) throw new UsageError(`--model must be one of ${screeningModelNames.join(', ')} (got ${model})`)
    const balance = values.balance as BalanceName | undefined
    if (balance !== undefined && !balanceNames.includes(balance)) throw new UsageError(`--balance must be one of ${balanceNames.join(', ')} (got ${balance})`)
    const ngramMax = values.ngrams === undefined ? undefined : integerOption('--ngrams', values.ngrams, 1)
    const batchSize = values.batch === undefined ? 1 : integerOption('--batch', values.batch, 1)
    const data = readLabelledCsv(file)
    const started = performance.now()
    const result = simulate(data.records, data.labels, {
      seed,
      model,
      batchSize,
      features: ngramMax === undefined ? undefined : { ngramMax },
      training: balance === undefined ? undefined : { balance },
    })
    process.stderr.write(`ferrite simulate: ${result.records} records, ${result.trainings} trainings in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
    const describe = (index: number) => ({ row: index + 2, id: data.ids[index] ?? null })
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
      recall_curve: result.recallCurve,
    }
    process.stdout.write(JSON.stringify(output) + '\n')
    return 0
  },
}
