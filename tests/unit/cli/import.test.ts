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
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-import-'))
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

function ferrite(...args: string[]) {
  const run = spawnSync(process.execPath, ferriteNodeArgs(...args), { cwd: repoRoot, encoding: 'utf8' })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, json: run.stdout.trim() ? JSON.parse(run.stdout) : null }
}
function scratchFile(name: string, content: string | Uint8Array): string {
  const file = path.join(scratch, name)
  fs.writeFileSync(file, content)
  return file
}

describe.skipIf(!importsAvailable)(`ferrite import on real exports${importsAvailable ? '' : ` (skipped: ${importsDir} not found)`}`, () => {
  it('summarises a RIS file with a BOM and CRLF line ends', { timeout: 30_000 }, () => {
    const result = ferrite('import', path.join(importsDir, 'asreview___baseline.ris'))
    expect(result.code).toBe(0)
    expect(result.json).toEqual({ format: 'ris', encoding: 'utf-8', records: 100, with_abstract: 98, with_doi: 100, errors: [], warnings: [] })
  })

  it('--json-records lists title, authors, year, journal, doi, pmid, abstract', { timeout: 30_000 }, () => {
    const result = ferrite('import', path.join(importsDir, 'asreview__embase.csv'), '--json-records')
    expect(result.code).toBe(0)
    expect(result.json.format).toBe('csv')
    expect(result.json.items).toHaveLength(6)
    expect(Object.keys(result.json.items[0])).toEqual(['title', 'authors', 'year', 'journal', 'doi', 'pmid', 'abstract'])
    expect(result.json.items[0]).toMatchObject({
      title: 'Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound',
      authors: ['Liu, R.', 'Adler, D.G.'],
      year: 2014,
      journal: 'Endoscopic Ultrasound',
      doi: '10.4103/2303-9027.138783',
    })
  })

  it('reports warnings with line numbers and still imports (Ovid tags after ER)', { timeout: 30_000 }, () => {
    const result = ferrite('import', path.join(importsDir, 'asreview__ovid_psycinfo.ris'), '--format', 'ris')
    expect(result.code).toBe(0)
    expect(result.json.records).toBe(6)
    expect(result.json.warnings).toHaveLength(6)
    expect(result.json.warnings[0]).toEqual({ line: 26, message: 'tag NL outside any record (ignored)' })
  })
})

describe('ferrite import on generated input', () => {
  it('imports a UTF-16 MEDLINE file and a CSV given a column mapping', { timeout: 30_000 }, () => {
    const nbib = scratchFile('a.nbib', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('PMID- 1\r\nTI  - Zürich study\r\nAB  - Text.\r\n', 'utf16le')]))
    expect(ferrite('import', nbib).json).toMatchObject({ format: 'medline', encoding: 'utf-16le', records: 1, with_abstract: 1 })
    const csv = scratchFile('odd.csv', 'Name of paper,Identifier\nA study,10.1000/xyz\n')
    const mapped = ferrite('import', csv, '--column', 'title=Name of paper', '--column', 'doi=Identifier', '--json-records')
    expect(mapped.code).toBe(0)
    expect(mapped.json.items[0]).toMatchObject({ title: 'A study', doi: '10.1000/xyz' })
  })

  it.each([
    ['binary.xlsx', Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 8, 0]), 'line 1: binary file: a ZIP archive (an .xlsx, .docx or zipped export?)'],
    ['letter.txt', '\nDear colleague,\nthe results are attached.\n', 'line 2: unrecognised format'],
    ['cut.xml', '<?xml version="1.0"?>\n<xml>\n<records>\n<record><titles><title>A</title></titles>\n', 'line 4: truncated XML: <xml>, <records>, <record> not closed'],
    ['nul.ris', 'TY  - JOUR\nTI  - A\nER  - \nTY  - JOUR\nTI  - B\u0000\nER  - \n', 'line 5: binary content (NUL byte): not a text export'],
    ['empty.ris', '', 'line 1: the file is empty'],
  ])('refuses %s: exit 2 and one line naming the line and the reason', { timeout: 30_000 }, (name, content, message) => {
    const file = scratchFile(name, content)
    const result = ferrite('import', file)
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain(`ferrite: ${file}: ${message}`)
    expect(result.json.records).toBe(0)
  })

  it('a missing file or a bad option exits 2 with a message', { timeout: 30_000 }, () => {
    const missing = ferrite('import', path.join(scratch, 'nope.ris'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^ferrite: cannot read .*nope\.ris/)
    const badFormat = ferrite('import', path.join(scratch, 'nope.ris'), '--format', 'docx')
    expect(badFormat.code).toBe(2)
    expect(badFormat.stderr).toContain('--format must be one of ris, medline, ovid, wos, endnote-tagged, bibtex, endnote-xml, csv')
  })
})
