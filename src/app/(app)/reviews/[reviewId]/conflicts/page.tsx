import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { ConflictQueue } from './conflict-queue'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Conflicts' }
export const dynamic = 'force-dynamic'

export default async function ConflictsPage({ params, searchParams }: { params: Promise<{ reviewId: string }>; searchParams: Promise<{ stage?: string }> }) {
  const { reviewId } = await params
  const { role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  if (!can(role, 'screening.resolve')) notFound()
  const stage = (await searchParams).stage === 'full-text' ? 'FULL_TEXT' : 'TITLE_ABSTRACT'
  return <ConflictQueue reviewId={reviewId} stage={stage} />
}
