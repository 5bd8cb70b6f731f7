import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { ScreeningWorkspace } from './_components/screening-workspace'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Screening' }
export const dynamic = 'force-dynamic'

export default async function ScreeningPage({ params, searchParams }: { params: Promise<{ reviewId: string }>; searchParams: Promise<{ stage?: string; item?: string }> }) {
  const { reviewId } = await params
  const query = await searchParams
  const stage = query.stage === 'full-text' ? 'FULL_TEXT' : 'TITLE_ABSTRACT'
  await orNotFound((await serverCaller()).review.get({ reviewId }))
  return <ScreeningWorkspace key={`${stage}:${query.item ?? ''}`} reviewId={reviewId} stage={stage} initialItemId={query.item ?? null} />
}
