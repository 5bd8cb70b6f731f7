import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { AnalysisEditor } from '../../analysis-editor'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Edit analysis' }
export const dynamic = 'force-dynamic'

export default async function EditAnalysisPage({ params }: { params: Promise<{ reviewId: string; analysisId: string }> }) {
  const { reviewId, analysisId } = await params
  const caller = await serverCaller()
  const [{ role }, analyses] = await orNotFound(Promise.all([caller.review.get({ reviewId }), caller.analyses.list({ reviewId })]))
  const analysis = analyses.find((a) => a.id === analysisId)
  if (!analysis || !can(role, 'analysis.manage')) notFound()
  return <AnalysisEditor reviewId={reviewId} initial={analysis} />
}
