/**
 * `ferrite analyze` end to end: dat.bcg through stdin gives metafor's values (the "bcg RR REML z"
 * case of univariate-models.json and the "bcg RR REML" bias case of univariate-bias.json), and
 * bad input exits 2 with one line on stderr naming the study and the field.
 */
import { ferriteNodeArgs } from '../../../src/cli/processes'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareWithR } from '../core/univariate/compare-with-r'

interface Case {
  name: string
  spec: Record<string, unknown> & { studies: Record<string, unknown>[] }
  expected: Record<string, unknown>
}

const find = (file: string, name: string): Case => {
  const found = (JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] }).cases.find((c) => c.name === name)
  if (!found) throw new Error(`no case "${name}" in ${file}`)
  return found
}
const model = find('tests/reference/univariate-models.json', 'bcg RR REML z')
const bias = find('tests/reference/univariate-bias.json', 'bcg RR REML')

function ferrite(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ferriteNodeArgs('analyze', ...args), { input, encoding: 'utf8', timeout: 60_000 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('ferrite analyze', () => {
  it('analyses dat.bcg from stdin as metafor does', () => {
    const run = ferrite(['-'], JSON.stringify({ ...model.spec, bias: true }))
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
    const output = JSON.parse(run.stdout) as Record<string, unknown> & { skipped: { id: string }[] }
    const comparison = compareWithR({ ...output, skipped_ids: output.skipped.map((s) => s.id) }, { ...model.expected, ...bias.expected })
    expect(comparison.mismatches).toEqual([])
    expect(comparison.compared).toBeGreaterThan(80)
  }, 60_000)

  it('tells repeated study labels apart instead of refusing them, for univariate and DTA specs', () => {
    const studies = model.spec.studies.map((s, i) => ({ ...s, id: i < 2 ? 'Same et al.' : s.id }))
    const run = ferrite(['-'], JSON.stringify({ ...model.spec, studies }))
    expect(run.status).toBe(0)
    const output = JSON.parse(run.stdout) as { ids: string[]; est: number; warnings: string[] }
    expect(output.ids.slice(0, 2)).toEqual(['Same et al.', 'Same et al. (2)'])
    expect(output.est).toBeCloseTo(model.expected.est as number, 12)
    expect(output.warnings).toContain('repeated study labels told apart: "Same et al." → "Same et al. (2)"')
    const dta = ferrite(['-'], JSON.stringify({ type: 'dta', studies: [1, 2, 3].map(() => ({ id: 'Borris et al.', tp: 20, fp: 5, fn: 4, tn: 40 })) }))
    expect(dta.status).toBe(0)
    expect((JSON.parse(dta.stdout) as { studies: { id: string }[] }).studies.map((s) => s.id)).toEqual(['Borris et al.', 'Borris et al. (2)', 'Borris et al. (3)'])
  }, 60_000)

  it('reads a file too', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ferrite-analyze-')), 'spec.json')
    writeFileSync(file, JSON.stringify(model.spec))
    const run = ferrite([file])
    expect(run.status).toBe(0)
    expect((JSON.parse(run.stdout) as { est: number }).est).toBeCloseTo(model.expected.est as number, 12)
  }, 60_000)

  it('exits 2 with a one-line message naming the study and the field', () => {
    const studies = structuredClone(model.spec.studies)
    studies[0] = { ...studies[0], ai: -4 }
    const run = ferrite(['-'], JSON.stringify({ ...model.spec, studies }))
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('ferrite: study "Aronson 1948": ai must be a non-negative number\n')
  }, 60_000)

  it('a meta-regression the data do not allow is a warning, not exit 2 (3 studies, 2 moderators)', () => {
    const studies = model.spec.studies.slice(0, 3).map((s, i) => ({ ...s, mods: { ablat: [44, 55, 42][i], year: [1948, 1949, 1960][i] } }))
    const run = ferrite(['-'], JSON.stringify({ ...model.spec, studies }))
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const output = JSON.parse(run.stdout) as { warnings: string[]; metaRegression?: unknown; k: number }
    expect(output.k).toBe(3)
    expect(output.metaRegression).toBeUndefined()
    expect(output.warnings.join(' ')).toMatch(/meta-regression not computed/)
  }, 60_000)

  it('exits 2 on an unknown key, naming it', () => {
    const run = ferrite(['-'], JSON.stringify({ ...model.spec, methd: 'DL' }))
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^ferrite: the univariate specification: unknown field "methd" [^\n]*\n$/)
  }, 60_000)

  it('exits 2 on bad JSON and on a missing type, with one line', () => {
    const badJson = ferrite(['-'], '{"type": "univariate", ')
    expect(badJson.status).toBe(2)
    expect(badJson.stderr).toMatch(/^ferrite: stdin is not valid JSON: [^\n]+\n$/)
    const noType = ferrite(['-'], JSON.stringify({ measure: 'RR', studies: [] }))
    expect(noType.status).toBe(2)
    expect(noType.stderr).toMatch(/^ferrite: [^\n]*"type": "univariate"[^\n]*\n$/)
  }, 60_000)
})
