import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { StudiesBoard } from './studies-board'
import { orNotFound, requireUser } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Studies' }
export const dynamic = 'force-dynamic'

export default async function StudiesPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const user = await requireUser(`/reviews/${reviewId}/studies`)
  const { role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  return <StudiesBoard reviewId={reviewId} myUserId={user.id} canConfigure={can(role, 'extraction.configure')} canReconcile={can(role, 'extraction.reconcile')} />
}
