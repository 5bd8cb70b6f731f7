import 'server-only'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '@/generated/prisma/client'
import { env } from '@/server/env'

/**
 * For SQL sent straight to the driver: Prisma keeps timestamps (TIMESTAMP(3), no time zone) in UTC, so
 * read them as UTC whatever the process's time zone. (Prisma's own queries use its own parsers.)
 */
const timestampOid = 1114
const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === timestampOid && format !== 'binary' ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser

/** On globalThis: development reloads re-run this module, and one process must keep one pool. */
const holder = globalThis as unknown as { ferriteDb?: PrismaClient; ferritePool?: pg.Pool }

function createClient(): PrismaClient {
  const { DATABASE_URL, FERRITE_EMBEDDED, DB_POOL_MAX } = env()
  // PGlite is one backend: more than one pooled connection mixes up answers between connections.
  const max = DB_POOL_MAX ?? (FERRITE_EMBEDDED === '1' ? 1 : 10)
  holder.ferritePool = new pg.Pool({ connectionString: DATABASE_URL, max, types: { getTypeParser } })
  return new PrismaClient({ adapter: new PrismaPg(holder.ferritePool, { disposeExternalPool: true }) })
}

/** The Prisma client, created on first use (so importing this module needs no database). */
export function prisma(): PrismaClient {
  holder.ferriteDb ??= createClient()
  return holder.ferriteDb
}

/**
 * The connection pool under the Prisma client, for the few hot paths that send their SQL straight to
 * the driver (see ./sql.ts). One pool for both, so the embedded database's single connection is shared.
 */
export function pool(): pg.Pool {
  prisma()
  return holder.ferritePool!
}

export type Db = PrismaClient
/** A client or an interactive transaction: what services accept to compose inside a transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

export async function disconnectDb(): Promise<void> {
  const [db, connections] = [holder.ferriteDb, holder.ferritePool]
  holder.ferriteDb = undefined
  holder.ferritePool = undefined
  await db?.$disconnect()
  // Prisma ends the pool only if it connected; end it here otherwise (raw queries alone may have used it)
  if (connections && !connections.ended) await connections.end()
}
