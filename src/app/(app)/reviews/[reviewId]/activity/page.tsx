import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { Card, CardHeader } from '@/components/ui/card'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Activity' }
export const dynamic = 'force-dynamic'

const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' })

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
      <table className="w-full text-left text-[13px]">
        <thead className="text-xs text-stone-500">
          <tr className="border-b border-stone-200">
            <th scope="col" className="px-4 py-2 font-medium">
              When
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Who
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              What
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {events.map((e) => (
            <tr key={String(e.id)}>
              <td className="px-4 py-1.5 whitespace-nowrap text-stone-600 tabular">{timeFormat.format(e.createdAt)}</td>
              <td className="px-4 py-1.5 whitespace-nowrap">{e.actor?.name ?? 'System'}</td>
              <td className="px-4 py-1.5 font-mono text-xs whitespace-nowrap">{e.action}</td>
              <td className="max-w-xl truncate px-4 py-1.5 text-stone-600" title={describe(e.before, e.after)}>
                {describe(e.before, e.after)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  )
}
