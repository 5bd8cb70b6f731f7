import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@/generated/prisma/client'
import { env } from '@/server/env'

function createClient(): PrismaClient {
  const { DATABASE_URL, FERRITE_EMBEDDED, DB_POOL_MAX } = env()
  // PGlite is one backend: more than one pooled connection mixes up answers between connections.
  const max = DB_POOL_MAX ?? (FERRITE_EMBEDDED === '1' ? 1 : 10)
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL, max }) })
}

const holder = globalThis as unknown as { ferriteDb?: PrismaClient }

/** The Prisma client, created on first use (so importing this module needs no database). */
export function prisma(): PrismaClient {
  holder.ferriteDb ??= createClient()
  return holder.ferriteDb
}

export type Db = PrismaClient
/** A client or an interactive transaction: what services accept to compose inside a transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

export async function disconnectDb(): Promise<void> {
  await holder.ferriteDb?.$disconnect()
  holder.ferriteDb = undefined
}
