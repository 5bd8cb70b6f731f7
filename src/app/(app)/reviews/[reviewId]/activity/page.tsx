import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { Card, CardHeader } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { formatMoment } from '@/lib/format'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Activity' }
export const dynamic = 'force-dynamic'

function describe(before: unknown, after: unknown): string {
  const show = (v: unknown) =>
    v && typeof v === 'object'
      ? Object.entries(v)
          .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
          .join(', ')
      : ''
  return [before ? `before ${show(before)}` : '', after ? `after ${show(after)}` : ''].filter(Boolean).join(' → ')
}

export default async function ActivityPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const caller = await serverCaller()
  const { role } = await orNotFound(caller.review.get({ reviewId }))
  if (!can(role, 'audit.read')) notFound()
  const { events } = await caller.review.auditLog({ reviewId, limit: 200 })
  return (
    <Card>
      <CardHeader title="Activity" description="Every change to the review's team, settings and data, newest first. The log cannot be edited." />
      <DataTable
        rows={events}
        rowKey={(e) => String(e.id)}
        empty="Nothing has happened in this review yet."
        columns={[
          { key: 'when', header: 'When', className: 'whitespace-nowrap text-stone-600 tabular', cell: (e) => formatMoment(e.createdAt) },
          { key: 'who', header: 'Who', className: 'whitespace-nowrap', cell: (e) => e.actor?.name ?? 'System' },
          { key: 'what', header: 'What', className: 'whitespace-nowrap font-mono text-xs', cell: (e) => e.action },
          {
            key: 'details',
            header: 'Details',
            className: 'max-w-xl truncate text-stone-600',
            cell: (e) => <span title={describe(e.before, e.after)}>{describe(e.before, e.after)}</span>,
          },
        ]}
      />
    </Card>
  )
}
