import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { ConsensusBoard } from './consensus-board'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Compare and agree' }
export const dynamic = 'force-dynamic'

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ reviewId: string; studyId: string; formId: string }>
  searchParams: Promise<{ show?: string; field?: string }>
}) {
  const { reviewId, studyId, formId } = await params
  const query = await searchParams
  await orNotFound((await serverCaller()).entries.comparison({ reviewId, studyId, formId }))
  // from an analysis's provenance: every field, the one pooled marked
  return <ConsensusBoard reviewId={reviewId} studyId={studyId} formId={formId} showAll={query.show === 'all'} focusPath={query.field ?? null} />
}
