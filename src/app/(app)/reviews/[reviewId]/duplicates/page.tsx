import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { DuplicateReview } from './duplicate-review'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Duplicates' }
export const dynamic = 'force-dynamic'

export default async function DuplicatesPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const { role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  return <DuplicateReview reviewId={reviewId} canResolve={can(role, 'duplicates.resolve')} />
}
