import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { EntryEditor } from './entry-editor'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Data entry' }
export const dynamic = 'force-dynamic'

export default async function EntryPage({ params }: { params: Promise<{ reviewId: string; studyId: string; formId: string }> }) {
  const { reviewId, studyId, formId } = await params
  await orNotFound((await serverCaller()).entries.mine({ reviewId, studyId, formId }))
  return <EntryEditor reviewId={reviewId} studyId={studyId} formId={formId} />
}
