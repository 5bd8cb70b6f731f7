import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { AnalysisEditor } from '../analysis-editor'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'New analysis' }
export const dynamic = 'force-dynamic'

export default async function NewAnalysisPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const { role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  if (!can(role, 'analysis.manage')) notFound()
  return <AnalysisEditor reviewId={reviewId} />
}
