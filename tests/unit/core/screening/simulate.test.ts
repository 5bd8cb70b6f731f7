import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { mulberry32 } from '@/core/screening/prng'
import { simulate } from '@/core/screening/simulate'
import { screeningDataDir } from './screening-reference'

/** n records: every tenth about ACE inhibitor trials (relevant), the others on a mix of other topics. */
function synthetic(n: number, seed: number) {
  const random = mulberry32(seed)
  const pick = (words: string[], k: number) => Array.from({ length: k }, () => words[Math.floor(random() * words.length)]).join(' ')
  const relevantWords = ['captopril', 'enalapril', 'infarction', 'mortality', 'randomised', 'placebo', 'trial', 'survival']
  const otherWords = ['knee', 'caries', 'asthma', 'fracture', 'school', 'diet', 'sleep', 'trial', 'mortality', 'survey', 'placebo']
  const records = Array.from({ length: n }, (_, i) => {
    const words = i % 10 === 3 ? relevantWords : otherWords
    return { id: `r${i}`, title: pick(words, 5), abstract: pick(words, 30) }
  })
  return { records, labels: records.map((_, i) => (i % 10 === 3 ? 1 : 0)) }
}

describe('simulate on generated records', () => {
  const { records, labels } = synthetic(200, 1)
  it('labels every record once, priors first, and finds the separable relevant records first', () => {
    const result = simulate(records, labels, { seed: 4 })
    expect(result.records).toBe(200)
    expect(result.included).toBe(20)
    expect(new Set(result.screeningOrder).size).toBe(200)
    expect(result.screeningOrder[0]).toBe(result.priors.relevant)
    expect(result.screeningOrder[1]).toBe(result.priors.irrelevant)
    expect(labels[result.priors.relevant]).toBe(1)
    expect(labels[result.priors.irrelevant]).toBe(0)
    // All 20 relevant by position 21 (the irrelevant prior is second): WSS@100 = 100·179/200, and the
    // first 10 % (20 records) hold 19 of them, the most possible.
    expect(result.wss100).toBeCloseTo((100 * 179) / 200, 10)
    expect(result.rrf10).toBe(95)
    expect(result.recallCurve.at(-1)).toEqual([200, 20])
    expect(result.trainings).toBe(198)
  })
  it('is reproducible for a seed; another seed draws other priors', () => {
    const a = simulate(records, labels, { seed: 7 })
    const b = simulate(records, labels, { seed: 7 })
    expect(Array.from(a.screeningOrder)).toEqual(Array.from(b.screeningOrder))
    const priors = new Set([1, 2, 3, 4, 5].map((seed) => simulate(records, labels, { seed }).priors.relevant))
    expect(priors.size).toBeGreaterThan(1)
  })
  it('retrains once per batch with batchSize, and works with every model', () => {
    for (const model of ['nb', 'logistic', 'svm'] as const) {
      const result = simulate(records, labels, { seed: 2, model, batchSize: 10 })
      expect(result.trainings).toBe(Math.ceil(198 / 10))
      expect(result.wss95).toBeGreaterThan(80)
    }
  })
  it('removes records without abstract and duplicates before simulating', () => {
    const extra = [...records, { id: 'dup', title: records[0]!.title.toUpperCase(), abstract: `${records[0]!.abstract}.` }, { id: 'empty', title: 'x', abstract: ' ' }]
    const result = simulate(extra, [...labels, 0, 1], { seed: 1 })
    expect(result.records).toBe(200)
    expect(result.removed).toEqual({ withoutAbstract: 1, duplicates: 1 })
  })
  it('rejects data without both classes', () => {
    expect(() => simulate(records.slice(0, 3), [0, 0, 0])).toThrow(/needs relevant and irrelevant records/)
  })
})

const ace = path.join(screeningDataDir, 'Cohen_2006_ACEInhibitors.csv')
const aceAvailable = fs.existsSync(ace)

describe.skipIf(!aceAvailable)(`simulate on Cohen 2006 ACE inhibitors${aceAvailable ? '' : ` (skipped: ${screeningDataDir} not found)`}`, () => {
  it('seed 1, default model: WSS@95 above 80 % on the 2214 cleaned records', { timeout: 30_000 }, () => {
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(ace, 'utf8'), { header: true, skipEmptyLines: true }).data
    const result = simulate(
      rows.map((row) => ({ id: row.record_id, title: row.title, abstract: row.abstract })),
      rows.map((row) => Number(row.label_included)),
      { seed: 1 },
    )
    // 2544 rows, 330 without abstract (one of them the 41st inclusion, which has no title either).
    expect(result.records).toBe(2214)
    expect(result.included).toBe(40)
    expect(result.removed).toEqual({ withoutAbstract: 330, duplicates: 0 })
    expect(result.wss95).toBeGreaterThan(80)
    expect(result.rrf10).toBeGreaterThan(70)
  })
})
