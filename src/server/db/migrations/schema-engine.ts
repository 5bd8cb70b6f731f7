/**
 * Prisma's schema engine compiled to WebAssembly, driven through @prisma/adapter-pg, so migrations
 * are made and applied without the Rust binary that Prisma's CLI would download (no network here).
 * Three defects of the adapter are worked around below; each was seen as an error.
 */
import 'server-only'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'

type Fields = { fields?: { dataTypeID: number; wasChar?: boolean }[] }

// 1. The schema describer reads catalog columns of Postgres's internal "char" type (OID 18), which
//    adapter-pg cannot deserialize ("Column type 'char' could not be deserialized"): relabel as text.
const relabelChar = <T>(res: T): T => {
  for (const f of (res as Fields | undefined)?.fields ?? [])
    if (f.dataTypeID === 18) {
      f.dataTypeID = 25
      f.wasChar = true
    }
  return res
}

class CharAsTextClient extends pg.Client {
  // pg.Pool calls client.query(text, values, callback); direct callers use the promise form.
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const q = super.query.bind(this) as (...a: unknown[]) => unknown
    if (typeof values === 'function') return q(config, (e: unknown, r: unknown) => (values as (e: unknown, r: unknown) => void)(e, relabelChar(r))) as never
    if (typeof callback === 'function') return q(config, values, (e: unknown, r: unknown) => (callback as (e: unknown, r: unknown) => void)(e, relabelChar(r))) as never
    const r = q(config, values) as Promise<unknown> | undefined
    return (r && typeof r.then === 'function' ? r.then(relabelChar) : r) as never
  }
}

type Adapter = {
  client: { query(sql: string): Promise<unknown> }
  onError(e: unknown): never
  executeScript?(script: string): Promise<void>
  performIO(q: unknown): Promise<Fields>
  queryRaw(q: unknown): Promise<{ columnTypes: number[] }>
  startTransaction?(...a: unknown[]): Promise<Adapter>
  dispose(): Promise<void>
}

// ...and report those columns to the engine as Character. Also (4.) adapter-pg's executeScript
// splits a migration on every ";", even inside quoted function bodies (triggers): send the script
// whole, as one simple-protocol query, which Postgres runs as one implicit transaction.
function withCharColumns<A>(input: A): A {
  const adapter = input as unknown as Adapter
  if (adapter.executeScript) {
    adapter.executeScript = async (script) => {
      try {
        await adapter.client.query(script)
      } catch (e) {
        adapter.onError(e)
      }
    }
  }
  const performIO = adapter.performIO.bind(adapter)
  const queryRaw = adapter.queryRaw.bind(adapter)
  let charColumns: number[] = []
  adapter.performIO = async (q) => {
    const r = await performIO(q)
    charColumns = (r?.fields ?? []).flatMap((f, i) => (f.wasChar ? [i] : []))
    return r
  }
  adapter.queryRaw = async (q) => {
    const rs = await queryRaw(q)
    for (const i of charColumns) rs.columnTypes[i] = ColumnTypeEnum.Character
    charColumns = []
    return rs
  }
  if (adapter.startTransaction) {
    const start = adapter.startTransaction.bind(adapter)
    adapter.startTransaction = async (...a) => withCharColumns(await start(...a))
  }
  return input
}

// 2. PrismaPg.connectToShadowDb() with a connectionString silently uses the MAIN database (pg lets
//    the URL win over `database`): always pass discrete fields.
export function pgConfig(url: string) {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
  }
}

let wasmReady = false
function initWasm() {
  if (wasmReady) return
  const require = createRequire(import.meta.url)
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
  const module = new WebAssembly.Module(fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm')))
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports })
  ;(bg as unknown as { __wbg_set_wasm(e: WebAssembly.Exports): void }).__wbg_set_wasm(instance.exports)
  ;(instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.()
  wasmReady = true
}

export type SchemaEngine = bg.SchemaEngine

export async function openSchemaEngine(opts: { url: string; shadowUrl?: string; schemaPath: string }): Promise<SchemaEngine> {
  initWasm()
  const cfg = pgConfig(opts.url)
  const main = new PrismaPg({ ...cfg, Client: CharAsTextClient } as never)
  const admin = async (sql: string) => {
    const c = new pg.Client(cfg)
    await c.connect()
    try {
      await c.query(sql)
    } finally {
      await c.end()
    }
  }
  const factory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => withCharColumns(await main.connect()),
    // 3. PrismaPg's shadow database is dropped before its pool closes ("being accessed by other
    //    users"): create and drop our own, closing the pool first.
    async connectToShadowDb() {
      if (opts.shadowUrl) return withCharColumns(await new PrismaPg({ ...pgConfig(opts.shadowUrl), Client: CharAsTextClient } as never).connect())
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`
      await admin(`CREATE DATABASE "${name}"`)
      const shadow = withCharColumns(await new PrismaPg({ ...cfg, database: name, Client: CharAsTextClient } as never).connect())
      const dispose = shadow.dispose.bind(shadow)
      shadow.dispose = async () => {
        await dispose()
        await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      }
      return shadow
    },
  }
  const bound = bindMigrationAwareSqlAdapterFactory(factory as never)
  const datamodels = [[opts.schemaPath, fs.readFileSync(opts.schemaPath, 'utf8')]] as [string, string][]
  const log = (msg: string) => {
    if (process.env.SE_DEBUG) process.stderr.write(`[schema-engine] ${msg}\n`)
  }
  return bg.SchemaEngine.new({ datamodels } as never, log, bound)
}

export function migrationsList(dir: string) {
  const dirs = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : []
  const lockPath = path.join(dir, 'migration_lock.toml')
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const f = path.join(dir, name, 'migration.sql')
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(f) ? { tag: 'ok' as const, value: fs.readFileSync(f, 'utf8') } : { tag: 'error' as const, value: 'missing' },
        },
      }
    }),
  }
}

export const noFilter = { externalTables: [], externalEnums: [] }
