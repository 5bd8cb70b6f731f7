/**
 * `npm start`: runs Ferrite. Without DATABASE_URL it starts the embedded Postgres (PGlite, data in
 * .data/pglite), applies migrations, seeds the demo review once, keeps a NEXTAUTH_SECRET in .data/,
 * builds the app when needed and serves it on http://localhost:3000. With DATABASE_URL it uses that
 * server. Ctrl-C stops the web server, then the database, cleanly; a restart keeps all data.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseCommandLine, portOf, type Command } from './command'
import { ensureBuild, repoRoot } from './next-build'
import { ferriteNodeArgs } from './processes'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/server/db/embedded'
import { deployMigrations } from '@/server/db/migrations/migrate'
import { disconnectDb } from '@/server/db/client'
import { seedDemo } from '../../prisma/seed/demo'
import { demoAccounts, demoPassword } from '@/server/demo-accounts'

const dataDir = path.resolve(repoRoot, process.env.FERRITE_DATA_DIR ?? '.data')
const log = (line: string) => process.stdout.write(line + '\n')

function persistentSecret(): string {
  const file = path.join(dataDir, 'nextauth-secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 })
  }
  return fs.readFileSync(file, 'utf8').trim()
}

export const command: Command = {
  summary: 'Run Ferrite (embedded Postgres and demo data when DATABASE_URL is unset)',
  usage: 'start [--port 3000] [--dev]',
  async run(args) {
    const { values } = parseCommandLine(args, { port: { type: 'string' }, dev: { type: 'boolean' } })
    const port = portOf(values.port)
    const dev = values.dev ?? false
    const external = process.env.DATABASE_URL
    let embedded: EmbeddedPostgres | undefined
    let url = external
    if (!url) {
      const t0 = Date.now()
      embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite') })
      url = embedded.url
      log(`Embedded Postgres (PGlite) ready in ${Date.now() - t0} ms; data in ${path.relative(repoRoot, dataDir) || '.'}/pglite`)
    }
    try {
      return await serve(url, embedded, external, port, dev)
    } catch (e) {
      await embedded?.stop()
      throw e
    }
  },
}

async function serve(url: string, embedded: EmbeddedPostgres | undefined, external: string | undefined, port: number, dev: boolean): Promise<number> {
  const applied = await deployMigrations(url)
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`)

  const demo = !external || process.env.FERRITE_DEMO === '1'
  if (demo) {
    // The seed runs through the app's services, which read their database from the environment.
    process.env.DATABASE_URL = url
    process.env.FERRITE_EMBEDDED = embedded ? '1' : '0'
    try {
      const t0 = Date.now()
      if (await seedDemo()) log(`Seeded the demo review (liver-iron ML example) in ${((Date.now() - t0) / 1000).toFixed(1)} s.`)
    } finally {
      await disconnectDb()
    }
  }

  if (!dev) ensureBuild(log)
  const secret = process.env.NEXTAUTH_SECRET ?? persistentSecret()
  const publicUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_URL: publicUrl,
    NEXTAUTH_SECRET: secret,
    FERRITE_EMBEDDED: embedded ? '1' : '0',
    FERRITE_DEMO: demo ? '1' : '0',
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: dev ? 'development' : 'production',
  }
  const web = spawn(process.execPath, ferriteNodeArgs('web', '--port', String(port), ...(dev ? ['--dev'] : [])), {
    cwd: repoRoot,
    stdio: 'inherit',
    env: childEnv,
  })
  // The job worker gets the lowest CPU priority: retraining must never slow the pages reviewers are using.
  const worker = spawn(process.execPath, ferriteNodeArgs('worker'), { cwd: repoRoot, stdio: 'inherit', env: childEnv })
  if (worker.pid) {
    try {
      os.setPriority(worker.pid, 19)
    } catch {
      /* not permitted on this system: it runs at normal priority */
    }
  }
  log(`Ferrite is starting on ${publicUrl}`)
  if (demo) {
    log(`Demo accounts (password "${demoPassword}"):`)
    for (const a of demoAccounts) log(`  ${a.email.padEnd(30)} ${a.role.toLowerCase()}`)
  }

  const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))))
  return new Promise<number>((resolve) => {
    let stopping = false
    const stop = async (reason: string) => {
      if (stopping) return
      stopping = true
      log(`\nStopping (${reason})…`)
      for (const child of [web, worker]) if (child.exitCode === null) child.kill('SIGTERM')
      const [webCode] = await Promise.all([exited(web), exited(worker)])
      await embedded?.stop()
      if (embedded) log(`Embedded Postgres stopped; data kept in ${path.relative(repoRoot, dataDir)}/pglite`)
      resolve(reason === 'SIGINT' || reason === 'SIGTERM' ? 0 : (webCode ?? 1))
    }
    process.on('SIGINT', () => void stop('SIGINT'))
    process.on('SIGTERM', () => void stop('SIGTERM'))
    web.on('exit', () => void stop('the web server exited'))
    worker.on('exit', (code) => {
      if (!stopping) log(`The background worker exited (${code}); the web server keeps running.`)
    })
  })
}
