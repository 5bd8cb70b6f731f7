/**
 * A fresh database for one test run: on TEST_DATABASE_URL's server, else on the Postgres at
 * 127.0.0.1:5432, else in an embedded PGlite. Migrations are applied; drop() removes it afterwards.
 */
import crypto from 'node:crypto'
import pg from 'pg'
import { startEmbeddedPostgres } from '@/server/db/embedded'
import { deployMigrations } from '@/server/db/migrations/migrate'

export interface TestDatabase {
  url: string
  /** true when running on embedded PGlite (one connection; no second database for drift checks) */
  embedded: boolean
  drop(): Promise<void>
}

const localServer = 'postgresql://postgres@127.0.0.1:5432/postgres'

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 })
  try {
    await c.connect()
    await c.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await c.end().catch(() => undefined)
  }
}

async function admin(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

export async function createTestDatabase(label: string, options: { embedded?: boolean } = {}): Promise<TestDatabase> {
  const server = options.embedded ? null : (process.env.TEST_DATABASE_URL ?? ((await reachable(localServer)) ? localServer : null))
  if (!server) {
    const embedded = await startEmbeddedPostgres()
    await deployMigrations(embedded.url)
    return { url: embedded.url, embedded: true, drop: () => embedded.stop() }
  }
  const name = `ferrite_${label}_${crypto.randomBytes(4).toString('hex')}`
  await admin(server, `CREATE DATABASE "${name}"`)
  const u = new URL(server)
  u.pathname = `/${name}`
  const url = u.toString()
  await deployMigrations(url)
  return { url, embedded: false, drop: () => admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
}
