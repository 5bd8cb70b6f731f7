import 'server-only'
import type { Tx } from '@/server/db/client'
import type { SqlClient } from '@/server/db/sql'

export interface AuditInput {
  reviewId: string | null
  actorId: string | null
  action: string
  entity: string
  entityId?: string | null
  before?: unknown
  after?: unknown
}

const insert = 'INSERT INTO "AuditEvent" ("reviewId", "actorId", action, entity, "entityId", before, after) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)'
const values = (e: AuditInput) => {
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))
  return [e.reviewId, e.actorId, e.action, e.entity, e.entityId ?? null, json(e.before), json(e.after)]
}

/** Appends to the audit trail; call inside the transaction that makes the change, so both land or neither. */
export async function recordAudit(tx: Tx, e: AuditInput): Promise<void> {
  await tx.$executeRawUnsafe(insert, ...values(e))
}

/** The same, in a transaction of SQL sent straight to the driver (src/server/db/sql.ts). */
export async function recordAuditSql(client: SqlClient, e: AuditInput): Promise<void> {
  await client.query(insert, values(e))
}
