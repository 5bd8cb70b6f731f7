/**
 * `npm start`: runs Ferrite. Without DATABASE_URL it starts the embedded Postgres (PGlite, data in
 * .data/pglite), applies migrations, seeds the demo review once, keeps a NEXTAUTH_SECRET in .data/,
 * builds the app when needed and serves it on http://localhost:3000. With DATABASE_URL it uses that
 * server. Ctrl-C stops the web server, then the database, cleanly; a restart keeps all data.
 */
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import { UsageError, type Command } from './command'
import { ensureBuild, nextBin, repoRoot } from './next-build'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/server/db/embedded'
import { deployMigrations } from '@/server/db/migrations/migrate'
import { PrismaClient } from '@/generated/prisma/client'
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

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

export const command: Command = {
  summary: 'Run Ferrite (embedded Postgres and demo data when DATABASE_URL is unset)',
  usage: 'start [--port 3000] [--dev]',
  async run(args) {
    const port = Number(option(args, '--port') ?? process.env.PORT ?? 3000)
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${option(args, '--port')}"`)
    const dev = args.includes('--dev')
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
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) })
    try {
      if (await seedDemo(db)) log('Seeded the demo review (liver-iron ML example).')
    } finally {
      await db.$disconnect()
    }
  }

  if (!dev) ensureBuild(log)
  const secret = process.env.NEXTAUTH_SECRET ?? persistentSecret()
  const publicUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`
  const child = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', String(port)], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_URL: publicUrl,
      NEXTAUTH_SECRET: secret,
      FERRITE_EMBEDDED: embedded ? '1' : '0',
      FERRITE_DEMO: demo ? '1' : '0',
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: dev ? 'development' : 'production',
    },
  })
  log(`Ferrite is starting on ${publicUrl}`)
  if (demo) {
    log(`Demo accounts (password "${demoPassword}"):`)
    for (const a of demoAccounts) log(`  ${a.email.padEnd(30)} ${a.role.toLowerCase()}`)
  }

  return new Promise<number>((resolve) => {
    let stopping = false
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return
      stopping = true
      log(`\nStopping (${signal})…`)
      child.kill('SIGTERM')
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    child.on('exit', async (code) => {
      await embedded?.stop()
      if (embedded) log(`Embedded Postgres stopped; data kept in ${path.relative(repoRoot, dataDir)}/pglite`)
      resolve(stopping ? 0 : (code ?? 1))
    })
  })
}
