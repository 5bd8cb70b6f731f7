import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { AnalysisView } from './analysis-view'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Analysis' }
export const dynamic = 'force-dynamic'

export default async function AnalysisPage({ params }: { params: Promise<{ reviewId: string; analysisId: string }> }) {
  const { reviewId, analysisId } = await params
  const caller = await serverCaller()
  const [{ role }] = await orNotFound(Promise.all([caller.review.get({ reviewId }), caller.analyses.result({ reviewId, analysisId })]))
  return <AnalysisView reviewId={reviewId} analysisId={analysisId} canManage={can(role, 'analysis.manage')} />
}
