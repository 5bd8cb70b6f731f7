/**
 * The review's activity log (the audit trail, newest first) as leads read it. The trail itself keeps
 * everything; what the log shows keeps blinding: a vote's decision is hidden while its record still waits
 * for votes, and the values of an entry are hidden until every assigned person has submitted theirs. A
 * lead who also screens or extracts would otherwise read a colleague's vote or draft before giving their
 * own.
 */
import 'server-only'
import type { Prisma } from '@/generated/prisma/client'
import { prisma } from '@/server/db/client'

export const hiddenUntilAllIn = 'hidden until all votes or entries are in'

type Json = Record<string, unknown>
const asObject = (v: Prisma.JsonValue | null): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null)

function hideVote(v: Json | null): Json | null {
  if (!v) return v
  const { decision, exclusionReasonId, note, ...rest } = v
  return decision === undefined && exclusionReasonId === undefined && note === undefined ? v : { ...rest, decision: hiddenUntilAllIn }
}

function hideEntry(v: Json | null): Json | null {
  if (!v || !Array.isArray(v.changes)) return v
  return { ...v, changes: (v.changes as Json[]).map((c) => ({ path: c.path, value: hiddenUntilAllIn })) }
}

export async function listActivity(reviewId: string, opts: { cursor?: bigint; limit: number }) {
  const db = prisma()
  const rows = await db.auditEvent.findMany({
    where: { reviewId, ...(opts.cursor ? { id: { lt: opts.cursor } } : {}) },
    orderBy: { id: 'desc' },
    take: opts.limit + 1,
    include: { actor: { select: { name: true, email: true } } },
  })
  const page = rows.slice(0, opts.limit)

  // the records whose votes are not all in, and the study-forms whose entries are not all submitted
  const voteItems = new Set(page.filter((e) => e.action.startsWith('vote.')).map((e) => String(asObject(e.after)?.itemId ?? asObject(e.before)?.itemId ?? '')))
  const open = new Set(voteItems.size ? (await db.screeningItem.findMany({ where: { id: { in: [...voteItems] }, reviewId, status: 'OPEN' }, select: { id: true } })).map((i) => i.id) : [])
  const entryKeys = [...new Set(page.filter((e) => e.action.startsWith('entry.')).map((e) => `${asObject(e.after)?.studyId}|${asObject(e.after)?.formId}`))]
  const closed = new Set<string>()
  for (const key of entryKeys) {
    const [studyId, formId] = key.split('|') as [string, string]
    const [assigned, submitted] = await Promise.all([
      db.studyAssignment.count({ where: { studyId, formId, study: { reviewId } } }),
      db.formEntry.count({ where: { studyId, formId, status: 'SUBMITTED', user: { assignments: { some: { studyId, formId } } } } }),
    ])
    if (!(assigned > 0 && submitted >= assigned)) closed.add(key)
  }

  const events = page.map((e) => {
    const before = asObject(e.before)
    const after = asObject(e.after)
    if (e.action.startsWith('vote.') && open.has(String(after?.itemId ?? before?.itemId))) return { ...e, before: hideVote(before), after: hideVote(after) }
    if (e.action.startsWith('entry.') && closed.has(`${after?.studyId}|${after?.formId}`)) return { ...e, after: hideEntry(after) }
    return e
  })
  return { events, nextCursor: rows.length > opts.limit ? page[page.length - 1]!.id : null }
}
