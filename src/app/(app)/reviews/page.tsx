import type { Metadata } from 'next'
import Link from 'next/link'
import { serverCaller } from '@/server/api/server-caller'
import { roleLabels } from '@/server/authz/roles'
import { Badge } from '@/components/ui/badge'
import { ImportBackup } from './import-backup'
import { requireUser } from '@/app/_lib/page-access'
import { formatDay } from '@/lib/format'

export const metadata: Metadata = { title: 'My reviews' }
export const dynamic = 'force-dynamic'

export default async function MyReviewsPage() {
  await requireUser('/reviews')
  const reviews = await (await serverCaller()).review.list()
  return (
    <main className="mx-auto max-w-5xl">
      <div className="mb-4 flex items-start justify-between gap-3">
        <h1 className="text-lg font-semibold">My reviews</h1>
        <div className="flex items-start gap-2">
          <ImportBackup />
          <Link href="/reviews/new" className="inline-flex h-9 items-center rounded-md bg-accent-700 px-3.5 font-medium text-white hover:bg-accent-800">
            New review
          </Link>
        </div>
      </div>
      {reviews.length === 0 ? (
        <div className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center">
          <p className="font-medium">You are not part of any review yet.</p>
          <p className="mt-1 text-stone-600">Create one, or open an invitation link a colleague sent you.</p>
        </div>
      ) : (
        <ul className="divide-y divide-stone-200 overflow-hidden rounded-lg border border-stone-200 bg-white">
          {reviews.map((r) => (
            <li key={r.id}>
              <Link href={`/reviews/${r.id}`} className="block px-4 py-3 hover:bg-stone-50">
                <div className="flex items-center gap-2">
                  <span className="font-medium text-stone-900">{r.title}</span>
                  {r.isDemo ? <Badge tone="warn">Demo data</Badge> : null}
                  <span className="ml-auto flex items-center gap-3 text-xs text-stone-500">
                    <Badge>{roleLabels[r.role]}</Badge>
                    <span>
                      {r.memberCount} {r.memberCount === 1 ? 'member' : 'members'}
                    </span>
                    <span>Updated {formatDay(r.updatedAt)}</span>
                  </span>
                </div>
                <p className="mt-0.5 line-clamp-1 text-ui text-stone-600">{r.question}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
