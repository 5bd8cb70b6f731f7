import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../..')
const ferrite = (...args: string[]) => spawnSync('npm', ['run', '-s', 'ferrite', '--', ...args], { cwd: root, encoding: 'utf8' })

describe('the ferrite command', () => {
  it('prints its help on stdout and nothing on stderr', () => {
    const r = ferrite('--help')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^Usage: ferrite <command>/)
    expect(r.stdout).toContain('start')
    expect(r.stderr).toBe('')
  })

  it('refuses an unknown command with exit 2 and a one-line message', () => {
    const r = ferrite('frobnicate')
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain("unknown command 'frobnicate'")
  })

  it('refuses a bad option of a subcommand with exit 2', () => {
    const r = ferrite('db', 'sideways')
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/unknown db subcommand|DATABASE_URL/)
  })
})

describe('options', () => {
  it.each([
    [['web', '--prot', '3000'], "unknown option '--prot'"],
    [['start', '--port'], "Option '--port <value>' argument missing"],
    [['backup', 'export', 'demo', '--output', 'x.json'], "unknown option '--output'"],
    [['analyze', 'a.json', 'b.json'], "unexpected argument 'b.json'"],
    [['import', '--json-record', 'x.ris'], "unknown option '--json-record'"],
  ])('%j is refused with exit 2, naming what is wrong, before anything starts', (args, message) => {
    const r = ferrite(...args)
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain(message)
  })
})
