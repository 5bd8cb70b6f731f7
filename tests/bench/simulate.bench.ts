/**
 * Simulation benchmark on the labelled Cohen 2006 data sets (read from ../shared/data/screening at run
 * time, never copied into the repository): for each model, data set and seed 1–3, the ASReview-style
 * simulation of simulate.ts, printing WSS@95, WSS@100, RRF@10 (percent) and the time, then the means.
 * Anchor: ASReview's Naive Bayes + TF-IDF reached WSS@95 = 82.9 % on its cleaned ACE inhibitors data
 * (N = 2235, 41 inclusions); the cleaning here gives N = 2214 with 40 (one inclusion has neither title
 * nor abstract).
 *
 * Run: npx tsx --conditions=react-server tests/bench/simulate.bench.ts [models, default nb,nb-tfidf] [seeds, default 1,2,3] [batch size, default 1]
 *   e.g. npx tsx --conditions=react-server tests/bench/simulate.bench.ts nb,nb-tfidf,logistic,svm 1,2,3 10
 */
import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { screeningModel, type ScreeningModelName } from '@/core/screening/screening-models'
import { simulate } from '@/core/screening/simulate'
import { sharedData } from '../helpers/shared-data'

const dataDir = path.join(sharedData, 'screening')
const models = (process.argv[2] ?? 'nb,nb-tfidf').split(',') as ScreeningModelName[]
const seeds = (process.argv[3] ?? '1,2,3').split(',').map(Number)
const batchSize = Number(process.argv[4] ?? 1)
const datasets = ['Cohen_2006_ACEInhibitors.csv', 'Cohen_2006_ADHD.csv']

if (!fs.existsSync(dataDir)) {
  console.log(`skipped: ${dataDir} not found`)
  process.exit(0)
}
models.forEach((name) => screeningModel(name))

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
const fixed = (x: number, width = 7) => x.toFixed(1).padStart(width)
console.log(`batch size ${batchSize} (1 = retrain after every record)\n`)
console.log('model     data set                        N  incl  seed  WSS@95  WSS@100  RRF@10   time s')
for (const model of models) {
  for (const file of datasets) {
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dataDir, file), 'utf8'), { header: true, skipEmptyLines: true }).data
    const records = rows.map((row) => ({ id: row.record_id, title: row.title, abstract: row.abstract, keywords: row.keywords }))
    const labels = rows.map((row) => Number(row.label_included))
    const results = seeds.map((seed) => {
      const started = performance.now()
      const result = simulate(records, labels, { seed, model, batchSize })
      return { seed, result, seconds: (performance.now() - started) / 1000 }
    })
    const name = file.replace('.csv', '')
    for (const { seed, result, seconds } of results) {
      console.log(
        `${model.padEnd(9)} ${name.padEnd(28)} ${String(result.records).padStart(5)} ${String(result.included).padStart(5)} ${String(seed).padStart(5)} ${fixed(result.wss95)} ${fixed(result.wss100, 8)} ${fixed(result.rrf10)} ${fixed(seconds, 8)}`,
      )
    }
    const r = results.map((x) => x.result)
    console.log(
      `${model.padEnd(9)} ${name.padEnd(28)} ${' '.repeat(11)}  mean ${fixed(mean(r.map((x) => x.wss95)))} ${fixed(mean(r.map((x) => x.wss100)), 8)} ${fixed(mean(r.map((x) => x.rrf10)))} ${fixed(mean(results.map((x) => x.seconds)), 8)}`,
    )
  }
}
