import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { FormsList } from './forms-list'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Forms' }
export const dynamic = 'force-dynamic'

export default async function FormsPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const { role, review } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  return <FormsList reviewId={reviewId} canConfigure={can(role, 'extraction.configure')} reviewType={review.reviewType} />
}
