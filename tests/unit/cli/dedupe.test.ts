import { ferriteNodeArgs } from '../../../src/cli/processes'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sharedData } from '../../helpers/shared-data'

const repoRoot = path.resolve(import.meta.dirname, '../../..')
const importsDir = path.join(sharedData, 'imports')
const importsAvailable = fs.existsSync(path.join(importsDir, 'INDEX.md'))
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-dedupe-'))
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

function ferrite(...args: string[]) {
  const run = spawnSync(process.execPath, ferriteNodeArgs(...args), { cwd: repoRoot, encoding: 'utf8' })
  return { code: run.status, stderr: run.stderr, json: run.stdout.trim() ? JSON.parse(run.stdout) : null }
}

interface Member {
  file: string
  line: number
  doi: string
}

describe.skipIf(!importsAvailable)(`ferrite dedupe on real exports${importsAvailable ? '' : ` (skipped: ${importsDir} not found)`}`, () => {
  it('Scopus RIS + Zoological Record: 17 DOI groups, each pairing one record of each file but one', { timeout: 30_000 }, () => {
    const scopus = path.join(importsDir, 'synthesisr__scopus.ris')
    const zoorec = path.join(importsDir, 'synthesisr__zoorec.txt')
    const result = ferrite('dedupe', scopus, zoorec)
    expect(result.code).toBe(0)
    const out = result.json
    expect(out.records).toBe(92 + 134)
    expect(out.files.map((file: { records: number }) => file.records)).toEqual([92, 134])
    expect(out.groups.filter((group: { reason: string }) => group.reason === 'doi')).toHaveLength(17)
    expect(out.duplicate_groups).toBe(out.groups.length)
    expect(out.exact_groups + out.suspected_groups).toBe(out.duplicate_groups)
    expect(out.unique).toBe(out.records - out.duplicate_groups)
    const crossFile = out.groups.filter((group: { members: Member[] }) => new Set(group.members.map((member) => member.file)).size === 2)
    expect(crossFile).toHaveLength(out.duplicate_groups - 1)
  })
})

describe('ferrite dedupe on generated input', () => {
  it('groups a shared DOI across a RIS and a MEDLINE file', { timeout: 30_000 }, () => {
    const ris = path.join(scratch, 'a.ris')
    const nbib = path.join(scratch, 'b.nbib')
    fs.writeFileSync(ris, 'TY  - JOUR\nTI  - First trial\nDO  - 10.1000/ABC\nER  - \nTY  - JOUR\nTI  - Unrelated\nER  - \n')
    fs.writeFileSync(nbib, 'PMID- 7\nTI  - First trial (MEDLINE)\nLID - 10.1000/abc [doi]\nAB  - Text.\n')
    const result = ferrite('dedupe', ris, nbib)
    expect(result.code).toBe(0)
    expect(result.json).toMatchObject({ records: 3, unique: 2, duplicate_groups: 1, exact_groups: 1, suspected_groups: 0 })
    expect(result.json.groups[0]).toMatchObject({ reason: 'doi', confidence: 'exact', primary: 2 })
    expect(result.json.groups[0].members.map((member: Member) => [path.basename(member.file), member.line])).toEqual([
      ['a.ris', 1],
      ['b.nbib', 1],
    ])
  })

  it('refuses an unreadable file with exit 2 and names it', { timeout: 30_000 }, () => {
    const bad = path.join(scratch, 'bad.txt')
    fs.writeFileSync(bad, 'just some words\n')
    const result = ferrite('dedupe', bad)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`ferrite: ${bad}: line 1: unrecognised format`)
    expect(ferrite('dedupe').code).toBe(2)
  })
})
