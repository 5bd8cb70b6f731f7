import { ferriteNodeArgs } from '../../../src/cli/processes'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { mulberry32 } from '@/core/screening/prng'
import { sharedData } from '../../helpers/shared-data'

const repoRoot = path.resolve(import.meta.dirname, '../../..')
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-simulate-'))
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))
const screeningDir = path.join(sharedData, 'screening')
const adhd = path.join(screeningDir, 'Cohen_2006_ADHD.csv')

function ferrite(...args: string[]) {
  const run = spawnSync(process.execPath, ferriteNodeArgs(...args), { cwd: repoRoot, encoding: 'utf8' })
  return { code: run.status, stderr: run.stderr, json: run.stdout.trim() ? JSON.parse(run.stdout) : null }
}

/** 300 records, 15 relevant about ACE inhibitor trials, the rest on other topics; header labelled `label`. */
function syntheticCsv(): string {
  const random = mulberry32(9)
  const pick = (words: string[], n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ')
  const relevantWords = ['captopril', 'enalapril', 'ramipril', 'infarction', 'mortality', 'randomised', 'placebo', 'trial']
  const otherWords = ['knee', 'caries', 'asthma', 'fracture', 'school', 'diet', 'sleep', 'survey', 'cohort', 'trial', 'mortality']
  const lines = ['record_id,title,abstract,keywords,label']
  for (let i = 0; i < 300; i++) {
    const relevant = i % 20 === 7
    const words = relevant ? relevantWords : otherWords
    lines.push(`${i + 1},"${pick(words, 6)}","${pick(words, 40)}, with ""quotes"" and commas",${relevant ? 'ACE' : 'Other'},${relevant ? 1 : 0}`)
  }
  lines.push('301,"No abstract here",,,0')
  return lines.join('\n') + '\n'
}

describe('ferrite simulate', () => {
  it('simulates a generated CSV: one JSON object with the metrics, priors and recall curve', { timeout: 30_000 }, () => {
    const file = path.join(scratch, 'synthetic.csv')
    fs.writeFileSync(file, syntheticCsv())
    const result = ferrite('simulate', file, '--seed', '2')
    expect(result.code).toBe(0)
    const out = result.json
    expect(out.model).toBe('nb')
    expect(out.seed).toBe(2)
    expect(out.label_column).toBe('label')
    expect(out.records).toBe(300)
    expect(out.included).toBe(15)
    expect(out.removed).toEqual({ without_abstract: 1, duplicates: 0 })
    // Priors: one relevant and one irrelevant row, reported with the CSV row number and record id.
    expect((Number(out.priors.relevant.id) - 1) % 20).toBe(7)
    expect(out.priors.relevant.row).toBe(Number(out.priors.relevant.id) + 1)
    expect((Number(out.priors.irrelevant.id) - 1) % 20).not.toBe(7)
    // The topics are separable: the priors, then the 14 other relevant records, so the last is 16th
    // and the 15th of 15 (ceil(0.95 · 15)) is also what WSS@95 needs.
    expect(out.wss100).toBeCloseTo(100 * (284 / 300), 10)
    expect(out.wss95).toBeCloseTo(100 * (284 / 300 - 0.05), 10)
    expect(out.rrf10).toBe(100)
    // the stopping rule replayed along the order: all 15 found by the time it says stop
    expect(out.stopping).toMatchObject({ recall_target: 0.95, confidence: 0.95, stopped: true, recall: 1 })
    expect(out.stopping.screened).toBeGreaterThanOrEqual(16)
    expect(out.recall_curve[0]).toEqual([0, 0])
    expect(out.recall_curve.at(-1)).toEqual([300, 15])
  })
  it('is reproducible for a seed and accepts the other models', { timeout: 30_000 }, () => {
    const file = path.join(scratch, 'synthetic.csv')
    fs.writeFileSync(file, syntheticCsv())
    const a = ferrite('simulate', file, '--seed', '5', '--model', 'logistic', '--batch', '5')
    const b = ferrite('simulate', file, '--seed', '5', '--model', 'logistic', '--batch', '5')
    expect(a.code).toBe(0)
    expect(a.json).toEqual(b.json)
    expect(a.json.model).toBe('logistic')
  })
  it('exits 2 with a one-line message for invalid input', { timeout: 30_000 }, () => {
    const bad = path.join(scratch, 'bad.csv')
    fs.writeFileSync(bad, 'title,abstract,included\nA trial,Text,1\nAnother,Text,maybe\n')
    const badLabel = ferrite('simulate', bad)
    expect(badLabel.code).toBe(2)
    expect(badLabel.stderr.trim()).toBe(`ferrite: ${bad}: row 3: included must be 0 or 1 (got "maybe")`)
    const oneClass = path.join(scratch, 'oneclass.csv')
    fs.writeFileSync(oneClass, 'title,abstract,label_included\nA,B,0\nC,D,0\n')
    const single = ferrite('simulate', oneClass, '--seed', '3')
    expect(single.code).toBe(2)
    expect(single.stderr.trim()).toMatch(/^ferrite: simulation needs relevant and irrelevant records \(got 0 and 2/)
  })
  it('reports bad files and options as usage errors', async () => {
    const { command, readLabelledCsv } = await import('@/cli/simulate')
    const { UsageError } = await import('@/cli/command')
    const noLabel = path.join(scratch, 'nolabel.csv')
    fs.writeFileSync(noLabel, 'title,abstract\nA,B\n')
    expect(() => readLabelledCsv(noLabel)).toThrow(/no label column \(expected one of label_included, included, label\)/)
    expect(() => readLabelledCsv(path.join(scratch, 'missing.csv'))).toThrow(UsageError)
    const aliased = path.join(scratch, 'aliased.csv')
    fs.writeFileSync(aliased, '\uFEFFTitle,Abstract,Keywords,Label_Included\nA,B,k1; k2,yes\nC,D,,0\n')
    const data = readLabelledCsv(aliased)
    expect(data.labels).toEqual([1, 0])
    expect(data.records[0]).toMatchObject({ title: 'A', abstract: 'B', keywords: 'k1; k2' })
    await expect(command.run([aliased, '--speed', '3'])).rejects.toThrow(/unknown option '--speed'/)
    await expect(command.run([aliased, '--model', 'rf'])).rejects.toThrow(/--model must be one of nb, nb-bigram, nb-tfidf, logistic, svm, nb-committee \(got rf\)/)
    await expect(command.run([aliased, '--seed', '1.5'])).rejects.toThrow(/--seed must be an integer/)
    await expect(command.run([])).rejects.toThrow(/usage: ferrite simulate/)
    await expect(command.run([aliased, '--seed', '1', '--seeds', '3'])).rejects.toThrow(/give --seed or --seeds, not both/)
    await expect(command.run([aliased, aliased, '--balance', 'none'])).rejects.toThrow(/--balance and --ngrams change one model/)
    const empty = fs.mkdtempSync(path.join(scratch, 'empty-'))
    await expect(command.run([empty])).rejects.toThrow(/no \.csv files in this folder/)
  })
  it('benchmarks several files (a folder), models and seeds: a table, or the runs and summary as JSON', { timeout: 60_000 }, () => {
    const folder = fs.mkdtempSync(path.join(scratch, 'topics-'))
    fs.writeFileSync(path.join(folder, 'alpha.csv'), syntheticCsv())
    fs.writeFileSync(path.join(folder, 'beta.csv'), syntheticCsv().replaceAll('captopril', 'lisinopril'))
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a data set')
    const json = ferrite('simulate', folder, '--model', 'nb,nb-tfidf', '--seeds', '2', '--json')
    expect(json.code).toBe(0)
    expect(json.json.runs).toHaveLength(8)
    expect(new Set(json.json.runs.map((r: { topic: string }) => r.topic))).toEqual(new Set(['alpha', 'beta']))
    for (const r of json.json.runs) {
      expect(r.msPerTraining).toBeGreaterThan(0)
      // separable topics: every relevant record comes first, so the rule stops with all of them found
      expect(r.stop).toMatchObject({ stopped: true, recall: 1 })
    }
    expect(json.json.summary.models.map((m: { model: string }) => m.model)).toEqual(['nb', 'nb-tfidf'])
    expect(json.stderr).toMatch(/8\/8 beta nb-tfidf seed 2/)
    const table = spawnSync(process.execPath, ferriteNodeArgs('simulate', path.join(folder, 'alpha.csv'), path.join(folder, 'beta.csv'), '--seed', '1,2'), { cwd: repoRoot, encoding: 'utf8' })
    expect(table.status).toBe(0)
    expect(table.stdout).toMatch(/^topic +model +runs +WSS@95 +WSS@100 +RRF@10 +ms\/training$/m)
    expect(table.stdout).toMatch(/^alpha +nb +2 /m)
    expect(table.stdout).toContain('mean rank')
    expect(table.stdout).toContain('default by the rule')
    expect(table.stdout).toContain('recall target 95 %')
  })
  it.skipIf(!fs.existsSync(adhd))(`runs on Cohen 2006 ADHD${fs.existsSync(adhd) ? '' : ` (skipped: ${screeningDir} not found)`}`, { timeout: 30_000 }, () => {
    const result = ferrite('simulate', adhd, '--seed', '1')
    expect(result.code).toBe(0)
    // 851 rows: 48 without abstract and 1 duplicate removed; the duplicate pair (records 675 and 746,
    // same title and abstract) were both inclusions, so 19 remain.
    expect(result.json.removed).toEqual({ without_abstract: 48, duplicates: 1 })
    expect(result.json.records).toBe(802)
    expect(result.json.included).toBe(19)
    // 95 % of 19 rounds up to all 19, so WSS@95 is WSS@100 minus 5 points.
    expect(result.json.wss95).toBeCloseTo(result.json.wss100 - 5, 10)
    expect(result.json.wss100).toBeGreaterThan(30)
  })
})
