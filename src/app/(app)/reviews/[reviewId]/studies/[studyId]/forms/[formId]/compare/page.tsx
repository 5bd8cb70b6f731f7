import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { ConsensusBoard } from './consensus-board'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Compare and agree' }
export const dynamic = 'force-dynamic'

export default async function ComparePage({ params }: { params: Promise<{ reviewId: string; studyId: string; formId: string }> }) {
  const { reviewId, studyId, formId } = await params
  await orNotFound((await serverCaller()).entries.comparison({ reviewId, studyId, formId }))
  return <ConsensusBoard reviewId={reviewId} studyId={studyId} formId={formId} />
}
