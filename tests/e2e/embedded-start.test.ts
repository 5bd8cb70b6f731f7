/**
 * `npm start` without DATABASE_URL: embedded Postgres, migrations, the demo review seeded once, a
 * kept NEXTAUTH_SECRET, demo accounts on the console and the sign-in page; Ctrl-C stops cleanly and a
 * restart keeps the data (and the session).
 */
import { ferriteNodeArgs } from '../../src/cli/processes'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { demoAccounts, demoPassword } from '@/server/demo-accounts'
import { freePort, waitForHttp } from './global-setup'
import { expectAccessible, launchBrowser } from './browser'
import { repoRoot } from '../../src/cli/next-build'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-start-'))
let running: ChildProcess | undefined

function start(port: number) {
  const env = { ...process.env, FERRITE_DATA_DIR: dataDir, PORT: String(port) } as NodeJS.ProcessEnv
  delete env.DATABASE_URL
  delete env.NEXTAUTH_SECRET
  delete env.NEXTAUTH_URL
  const child = spawn(process.execPath, ferriteNodeArgs('start'), { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  running = child
  return { child, output: () => output }
}

async function stop(child: ChildProcess): Promise<number | null> {
  // Ctrl-C in a terminal signals the whole process group.
  process.kill(-child.pid!, 'SIGINT')
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))))
}

afterAll(async () => {
  if (running && running.exitCode === null) await stop(running)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('npm start on the embedded database', () => {
  it('serves the demo, stops cleanly on Ctrl-C and keeps data and sessions across a restart', { timeout: 300_000 }, async () => {
    const port = await freePort()
    const first = start(port)
    await waitForHttp(`http://localhost:${port}/signin`, first.child, 120_000)
    expect(first.output()).toContain('Seeded the demo review')
    for (const a of demoAccounts) expect(first.output()).toContain(a.email)
    expect(fs.existsSync(path.join(dataDir, 'nextauth-secret'))).toBe(true)

    const browser = await launchBrowser()
    const context = await browser.newContext({ baseURL: `http://localhost:${port}` })
    const page = await context.newPage()
    await page.goto('/signin')
    await expect.poll(() => page.getByRole('heading', { name: 'Demo data' }).isVisible()).toBe(true)
    await expectAccessible(page, 'sign-in page in demo mode')
    const lead = demoAccounts.find((a) => a.role === 'LEAD')!
    await page.getByLabel('Email').fill(lead.email)
    await page.getByLabel('Password').fill(demoPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/reviews')
    await expect.poll(() => page.getByText('Demo data').first().isVisible()).toBe(true)
    await page.getByRole('link', { name: 'New review' }).click()
    await page.getByLabel('Title').fill('Kept across restarts')
    await page.getByLabel('Review question').fill('Does the embedded database keep what we write?')
    await page.getByRole('button', { name: 'Create review' }).click()
    await page.waitForURL(/\/reviews\/(?!new$)[^/]+$/)

    expect(await stop(first.child)).toBe(0)
    expect(first.output()).toContain('Embedded Postgres stopped')

    const second = start(port)
    await waitForHttp(`http://localhost:${port}/signin`, second.child, 120_000)
    expect(second.output()).not.toContain('Seeded the demo review')
    await page.goto('/reviews')
    await expect.poll(() => page.getByText('Kept across restarts').isVisible()).toBe(true)
    expect(await page.getByText('Machine and deep learning for MRI-based liver iron quantification (demo)').count()).toBe(1)
    await browser.close()
    expect(await stop(second.child)).toBe(0)
  })
})
