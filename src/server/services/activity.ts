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

/** What each action reads as in the log (an action missing here is shown as its code). */
export const activityLabels: Record<string, string> = {
  'review.created': 'Created the review',
  'review.imported': 'Imported the review from a backup',
  'review.updated': 'Changed the review settings',
  'review.published': 'Published a version',
  'member.added': 'Added a member',
  'member.removed': 'Removed a member',
  'member.left': 'Left the review',
  'invitation.created': 'Invited someone',
  'invitation.revoked': 'Revoked an invitation',
  'records.imported': 'Imported search results',
  'duplicates.confirmed': 'Confirmed duplicates',
  'duplicates.separated': 'Separated a duplicate',
  'duplicates.kept': 'Chose the copy to keep',
  'tags.created': 'Made a tag',
  'tags.renamed': 'Renamed a tag',
  'tags.deleted': 'Deleted a tag',
  'search.saved': 'Saved a database search',
  'search.updated': 'Changed a saved search',
  'search.run-requested': 'Ran a saved search',
  'search.run-completed': 'A saved search finished',
  'vote.cast': 'Voted',
  'vote.changed': 'Changed a vote',
  'vote.withdrawn': 'Withdrew a vote',
  'screening.resolved': 'Decided a conflict',
  'fulltext.uploaded': 'Uploaded a full text',
  'form.created': 'Created a form',
  'study.assigned': 'Assigned a study',
  'study.renamed': 'Renamed a study',
  'entry.saved': 'Saved an extraction draft',
  'entry.submitted': 'Submitted an extraction',
  'entry.reopened': 'Reopened an extraction',
  'consensus.set': 'Agreed a value',
  'consensus.noted': 'Noted why a value was agreed',
  'analysis.created': 'Created an analysis',
  'analysis.updated': 'Changed an analysis',
  'analysis.duplicated': 'Duplicated an analysis',
  'analysis.deleted': 'Deleted an analysis',
}

/** The log's filters: each kind of activity by the prefixes of its actions. */
export const activityKinds = {
  screening: ['vote.', 'screening.', 'fulltext.'],
  records: ['records.', 'duplicates.', 'search.', 'tags.'],
  extraction: ['form.', 'study.', 'entry.', 'consensus.'],
  analyses: ['analysis.', 'review.published'],
  team: ['member.', 'invitation.'],
  settings: ['review.created', 'review.imported', 'review.updated', 'reason.', 'screening-settings.'],
} as const
export type ActivityKind = keyof typeof activityKinds

/** What each event is about, as people name it: a record's title, a study's label, an analysis's name. */
async function subjectsOf(reviewId: string, events: { entity: string; entityId: string | null; after: Prisma.JsonValue | null; before: Prisma.JsonValue | null }[]) {
  const db = prisma()
  const ids = (entity: string) => [...new Set(events.filter((e) => e.entity === entity && e.entityId).map((e) => e.entityId!))]
  const itemIds = [...new Set([...ids('ScreeningItem'), ...events.filter((e) => e.entity === 'Vote').map((e) => String(asObject(e.after)?.itemId ?? asObject(e.before)?.itemId ?? ''))])]
  // a page of votes names no analysis: only the kinds of thing on the page are looked up
  const only = <T>(list: string[], find: (list: string[]) => Promise<T[]>): Promise<T[]> => (list.length ? find(list) : Promise.resolve([]))
  const [items, records, studies, imports, analyses, forms, groups, consensus, searches, runs, entries, versions] = await Promise.all([
    only(itemIds, (list) => db.screeningItem.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, record: { select: { title: true } } } })),
    only(ids('SearchRecord'), (list) => db.searchRecord.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, title: true } })),
    only(ids('Study'), (list) => db.study.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, label: true } })),
    only(ids('ImportBatch'), (list) => db.importBatch.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, source: true, fileName: true } })),
    only(ids('Analysis'), (list) => db.analysis.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, name: true } })),
    only(ids('Form'), (list) => db.form.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, name: true } })),
    only(ids('DuplicateGroup'), (list) => db.duplicateGroup.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, primaryRecordId: true } })),
    only(ids('ConsensusValue'), (list) => db.consensusValue.findMany({ where: { id: { in: list }, study: { reviewId } }, select: { id: true, path: true, study: { select: { label: true } } } })),
    only(ids('SavedSearch'), (list) => db.savedSearch.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, service: true } })),
    only(ids('SearchRun'), (list) => db.searchRun.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, savedSearch: { select: { service: true } } } })),
    only(ids('FormEntry'), (list) => db.formEntry.findMany({ where: { id: { in: list }, study: { reviewId } }, select: { id: true, study: { select: { label: true } } } })),
    only(ids('ReviewVersion'), (list) => db.reviewVersion.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, number: true } })),
  ])
  const primaries = await only(
    groups.map((g) => g.primaryRecordId),
    (list) => db.searchRecord.findMany({ where: { reviewId, id: { in: list } }, select: { id: true, title: true } }),
  )
  const title = new Map<string, string>([
    ...items.map((i) => [i.id, i.record.title] as [string, string]),
    ...records.map((r) => [r.id, r.title] as [string, string]),
    ...studies.map((x) => [x.id, x.label] as [string, string]),
    ...imports.map((x) => [x.id, `${x.source} (${x.fileName})`] as [string, string]),
    ...analyses.map((x) => [x.id, x.name] as [string, string]),
    ...forms.map((x) => [x.id, x.name] as [string, string]),
    ...groups.map((g) => [g.id, primaries.find((p) => p.id === g.primaryRecordId)?.title ?? ''] as [string, string]),
    ...consensus.map((c) => [c.id, `${c.study.label}: ${c.path}`] as [string, string]),
    ...searches.map((x) => [x.id, x.service] as [string, string]),
    ...runs.map((x) => [x.id, x.savedSearch.service] as [string, string]),
    ...entries.map((x) => [x.id, x.study.label] as [string, string]),
    ...versions.map((x) => [x.id, `Version ${x.number}`] as [string, string]),
  ])
  return (e: { entity: string; entityId: string | null; after: Prisma.JsonValue | null; before: Prisma.JsonValue | null }) => {
    if (e.entity === 'Vote') return title.get(String(asObject(e.after)?.itemId ?? asObject(e.before)?.itemId ?? '')) ?? null
    const known = e.entityId ? title.get(e.entityId) : undefined
    if (known) return known
    const named = asObject(e.after)?.name ?? asObject(e.before)?.name
    return typeof named === 'string' ? named : null
  }
}

export async function listActivity(reviewId: string, opts: { cursor?: bigint; limit: number; kind?: ActivityKind; actorId?: string }) {
  const db = prisma()
  const kind = opts.kind ? { OR: activityKinds[opts.kind].map((prefix) => ({ action: { startsWith: prefix } })) } : {}
  const rows = await db.auditEvent.findMany({
    where: { reviewId, ...(opts.cursor ? { id: { lt: opts.cursor } } : {}), ...(opts.actorId ? { actorId: opts.actorId } : {}), ...kind },
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

  const subject = await subjectsOf(reviewId, page)
  const events = page.map((e) => {
    const before = asObject(e.before)
    const after = asObject(e.after)
    const described = { ...e, label: activityLabels[e.action] ?? e.action, subject: subject(e) }
    if (e.action.startsWith('vote.') && open.has(String(after?.itemId ?? before?.itemId))) return { ...described, before: hideVote(before), after: hideVote(after) }
    if (e.action.startsWith('entry.') && closed.has(`${after?.studyId}|${after?.formId}`)) return { ...described, after: hideEntry(after) }
    return described
  })
  return { events, nextCursor: rows.length > opts.limit ? page[page.length - 1]!.id : null }
}
