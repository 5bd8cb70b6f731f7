/**
 * Embedded Postgres for `npm start` on a machine without a server, and for tests where none is
 * reachable: PGlite (Postgres compiled to WebAssembly) behind pglite-socket, which speaks the wire
 * protocol on a local port, so the app uses the same `pg` + Prisma path as with a real server.
 * PGlite is ONE backend: clients must use a single pooled connection (see db/client.ts).
 */
import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres {
  url: string
  stop(): Promise<void>
}

/** Starts PGlite on 127.0.0.1:`port` (0 picks a free port) with its data in `dataDir` (in memory when omitted). */
export async function startEmbeddedPostgres(opts: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  if (opts.dataDir) fs.mkdirSync(path.dirname(path.resolve(opts.dataDir)), { recursive: true }) // PGlite does not mkdir -p
  const db = await PGlite.create(opts.dataDir ? { dataDir: opts.dataDir } : {})
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: opts.port ?? 0, maxConnections: 64 })
  await server.start()
  const address = server.getServerConn()
  const port = Number(address.split(':').pop())
  let stopped = false
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return
      stopped = true
      await server.stop()
      await db.close()
    },
  }
}
