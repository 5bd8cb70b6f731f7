/**
 * End-to-end runs: a fresh database, a production build (made only when sources changed) and
 * `npm start` (`ferrite start`) on a free port, as a user would run Ferrite.
 */
import { ferriteNodeArgs } from '../../src/cli/processes'
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import net from 'node:net'
import type { TestProject } from 'vitest/node'
import { createTestDatabase } from '../helpers/database'
import { ensureBuild, repoRoot } from '../../src/cli/next-build'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    e2eDatabaseUrl: string
    e2eEmbeddedDatabase: boolean
    /** where the server looks for PubMed: a port a test serves recorded E-utilities answers on */
    pubmedPort: number
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready`)
    try {
      const res = await fetch(url, { redirect: 'manual' })
      if (res.status < 500) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

export default async function setup(project: TestProject) {
  const db = await createTestDatabase('e2e')
  ensureBuild()
  const port = await freePort()
  const pubmedPort = await freePort()
  const baseUrl = `http://localhost:${port}`
  // Served as `npm start` serves it (web server and background worker), on the test database.
  const server = spawn(process.execPath, ferriteNodeArgs('start', '--port', String(port)), {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      FERRITE_DEMO: '0',
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
      // saved searches ask a local stand-in for PubMed (tests/e2e/living-searches.test.ts), never NCBI
      FERRITE_PUBMED_URL: `http://127.0.0.1:${pubmedPort}/api`,
      FERRITE_CONTACT_EMAIL: 'e2e@example.test',
    },
  })
  await waitForHttp(`${baseUrl}/signin`, server)
  project.provide('baseUrl', baseUrl)
  project.provide('e2eDatabaseUrl', db.url)
  project.provide('e2eEmbeddedDatabase', db.embedded)
  project.provide('pubmedPort', pubmedPort)
  return async () => {
    const exited = new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)))
    process.kill(-server.pid!, 'SIGINT')
    await exited
    await db.drop()
  }
}
