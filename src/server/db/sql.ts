/**
 * SQL sent straight to the driver, for the screening hot path (the membership check on every review
 * procedure, next record, vote), where the ORM's per-statement overhead was a third of the server's
 * time per request. Everything else goes through Prisma. Parameters are always bound ($1, $2, …),
 * never interpolated.
 *
 * Embedded-database rule, as with Prisma's transactions: inside `transaction` use only the client it
 * passes (the embedded database has one connection, so a query on the pool would wait for ever).
 */
import 'server-only'
import type pg from 'pg'
import { pool } from './client'

export type SqlClient = Pick<pg.PoolClient, 'query'>

export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = [], client: SqlClient = pool()): Promise<T[]> {
  return (await client.query<T>(text, values)).rows
}

/** Runs `fn` in a READ COMMITTED transaction on one connection: committed if it returns, rolled back if it throws. */
export async function transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (e) {
    try {
      await client.query('ROLLBACK')
    } catch (rollback) {
      broken = rollback instanceof Error ? rollback : new Error(String(rollback))
    }
    throw e
  } finally {
    // a connection whose rollback failed is in an unknown state: the pool closes it instead of reusing it
    client.release(broken)
  }
}
