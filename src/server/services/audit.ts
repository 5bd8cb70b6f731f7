import type { Tx } from '@/server/db/client'
import type { SqlClient } from '@/server/db/sql'
import type { Prisma } from '@/generated/prisma/client'

export interface AuditInput {
  reviewId: string | null
  actorId: string | null
  action: string
  entity: string
  entityId?: string | null
  before?: unknown
  after?: unknown
}

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue))

/** Appends to the audit trail; call inside the transaction that makes the change, so both land or neither. */
export async function recordAudit(tx: Tx, e: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      reviewId: e.reviewId,
      actorId: e.actorId,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      before: json(e.before),
      after: json(e.after),
    },
  })
}

/** The same, in a transaction of SQL sent straight to the driver (src/server/db/sql.ts). */
export async function recordAuditSql(client: SqlClient, e: AuditInput): Promise<void> {
  const text = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))
  await client.query(
    'INSERT INTO "AuditEvent" ("reviewId", "actorId", action, entity, "entityId", before, after) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)',
    [e.reviewId, e.actorId, e.action, e.entity, e.entityId ?? null, text(e.before), text(e.after)],
  )
}
