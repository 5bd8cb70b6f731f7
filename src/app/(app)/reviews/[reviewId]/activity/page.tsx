import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { activityKinds, type ActivityKind } from '@/server/services/activity'
import { Card, CardHeader } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { formatMoment } from '@/lib/format'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Activity' }
export const dynamic = 'force-dynamic'

const kindLabels: Record<ActivityKind, string> = {
  screening: 'Screening',
  records: 'Records and searches',
  extraction: 'Extraction and agreement',
  analyses: 'Analyses and versions',
  team: 'Team',
  settings: 'Settings',
}

function describe(before: unknown, after: unknown): string {
  const show = (v: unknown) =>
    v && typeof v === 'object'
      ? Object.entries(v)
          .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
          .join(', ')
      : ''
  return [before ? `before ${show(before)}` : '', after ? `after ${show(after)}` : ''].filter(Boolean).join(' → ')
}

const pageSize = 100

/** The audit trail as leads read it: what happened, to which record, study or analysis, by whom; by kind and person, a page at a time. */
export default async function ActivityPage({ params, searchParams }: { params: Promise<{ reviewId: string }>; searchParams: Promise<{ kind?: string; actor?: string; before?: string }> }) {
  const { reviewId } = await params
  const query = await searchParams
  const caller = await serverCaller()
  const { role } = await orNotFound(caller.review.get({ reviewId }))
  if (!can(role, 'audit.read')) notFound()
  const kind = query.kind && query.kind in activityKinds ? (query.kind as ActivityKind) : undefined
  const before = query.before && /^\d+$/.test(query.before) ? BigInt(query.before) : undefined
  const [{ events, nextCursor }, members] = await Promise.all([
    caller.review.auditLog({ reviewId, limit: pageSize, kind, actorId: query.actor || undefined, cursor: before }),
    caller.member.list({ reviewId }),
  ])
  const link = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams(Object.entries({ kind, actor: query.actor, ...extra }).filter((e): e is [string, string] => Boolean(e[1])))
    return `/reviews/${reviewId}/activity${p.size ? `?${p}` : ''}`
  }
  return (
    <Card>
      <CardHeader title="Activity" description="Every change to the review's team, settings and data, newest first. The log cannot be edited." />
      <form method="get" className="flex flex-wrap items-end gap-3 border-b border-stone-200 px-4 py-3 text-ui" aria-label="Filter the activity">
        <label className="flex flex-col gap-1">
          <span className="font-medium text-stone-700">Kind</span>
          <select name="kind" defaultValue={kind ?? ''} className="rounded-md border border-stone-300 bg-white px-2 py-1">
            <option value="">Everything</option>
            {(Object.keys(activityKinds) as ActivityKind[]).map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium text-stone-700">Person</span>
          <select name="actor" defaultValue={query.actor ?? ''} className="rounded-md border border-stone-300 bg-white px-2 py-1">
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {m.user.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="h-8 rounded-md border border-stone-300 bg-white px-3 font-medium hover:bg-stone-100">
          Show
        </button>
      </form>
      <DataTable
        rows={events}
        rowKey={(e) => String(e.id)}
        empty="Nothing matches."
        testId="activity"
        columns={[
          { key: 'when', header: 'When', className: 'whitespace-nowrap text-stone-600 tabular', cell: (e) => formatMoment(e.createdAt) },
          { key: 'who', header: 'Who', className: 'whitespace-nowrap', cell: (e) => e.actor?.name ?? 'System' },
          {
            key: 'what',
            header: 'What',
            cell: (e) => (
              <>
                <span className="font-medium">{e.label}</span>
                {e.subject ? <span className="text-stone-700">: {e.subject}</span> : null}
              </>
            ),
          },
          {
            key: 'details',
            header: 'Details',
            className: 'max-w-md truncate text-xs text-stone-500',
            cell: (e) => <span title={describe(e.before, e.after)}>{describe(e.before, e.after)}</span>,
          },
        ]}
      />
      <nav aria-label="Pages of the activity" className="flex justify-between px-4 py-2 text-ui">
        {before ? (
          <Link className="font-medium text-accent-700 underline underline-offset-2" href={link({})}>
            Newest
          </Link>
        ) : (
          <span />
        )}
        {nextCursor ? (
          <Link className="font-medium text-accent-700 underline underline-offset-2" href={link({ before: String(nextCursor) })}>
            Older
          </Link>
        ) : null}
      </nav>
    </Card>
  )
}
