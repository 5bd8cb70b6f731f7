import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { RecordsBrowser } from './records-browser'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Records' }
export const dynamic = 'force-dynamic'

export default async function RecordsPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const { role, review } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  // blinded reviewers are not told which records are in conflict (see screening/rules.ts)
  const seesConflicts = !review.blindScreening || can(role, 'screening.resolve')
  return (
    <RecordsBrowser
      reviewId={reviewId}
      canImport={can(role, 'records.import')}
      seesConflicts={seesConflicts}
      canManageTags={can(role, 'screening.configure')}
      canUpload={can(role, 'fulltext.upload')}
    />
  )
}
