import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { TeamManager } from './team-manager'
import { orNotFound, requireUser } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Team' }
export const dynamic = 'force-dynamic'

export default async function TeamPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const user = await requireUser(`/reviews/${reviewId}/team`)
  const { role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  return <TeamManager reviewId={reviewId} myUserId={user.id} myRole={role} canInvite={can(role, 'members.invite')} canManage={can(role, 'members.manage')} />
}
