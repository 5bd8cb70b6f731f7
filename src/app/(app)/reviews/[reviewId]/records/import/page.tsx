import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { ImportForm } from './import-form'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Import search results' }
export const dynamic = 'force-dynamic'

export default async function ImportPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const { role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  if (!can(role, 'records.import')) notFound()
  return <ImportForm reviewId={reviewId} />
}
