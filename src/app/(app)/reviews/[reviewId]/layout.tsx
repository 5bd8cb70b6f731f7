import type { ReactNode } from 'react'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { Badge } from '@/components/ui/badge'
import { ReviewNav, type NavItem } from './_components/review-nav'
import { orNotFound, requireUser } from '@/app/_lib/page-access'

export default async function ReviewLayout({ children, params }: { children: ReactNode; params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  await requireUser(`/reviews/${reviewId}`)
  const { review, role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  const base = `/reviews/${review.id}`
  const items: NavItem[] = [
    { href: base, label: 'Overview', exact: true },
    { href: `${base}/records`, label: 'Records' },
    { href: `${base}/searches`, label: 'Searches' },
    { href: `${base}/screening`, label: 'Screening', exact: true },
    ...(can(role, 'screening.resolve') ? [{ href: `${base}/conflicts`, label: 'Conflicts' }] : []),
    ...(can(role, 'screening.stats') ? [{ href: `${base}/screening/statistics`, label: 'Statistics' }] : []),
    { href: `${base}/studies`, label: 'Studies' },
    { href: `${base}/forms`, label: 'Forms' },
    { href: `${base}/quality`, label: 'Quality' },
    { href: `${base}/analyses`, label: 'Analyses' },
    { href: `${base}/prisma-flow`, label: 'PRISMA' },
    { href: `${base}/publish`, label: 'Publish' },
    { href: `${base}/team`, label: 'Team' },
    ...(can(role, 'review.update') ? [{ href: `${base}/settings`, label: 'Settings' }] : []),
    ...(can(role, 'audit.read') ? [{ href: `${base}/activity`, label: 'Activity' }] : []),
  ]
  return (
    <div>
      <div className="mb-4">
        <div className="flex items-center gap-2">
          <h1 className="text-lg font-semibold">{review.title}</h1>
          {review.isDemo ? <Badge tone="warn">Demo data</Badge> : null}
        </div>
        <ReviewNav items={items} />
      </div>
      {children}
    </div>
  )
}
