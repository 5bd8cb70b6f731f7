import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { orNotFound, serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { SettingsForm } from './settings-form'
import { ScreeningConfig } from './screening-config'

export const metadata: Metadata = { title: 'Settings' }
export const dynamic = 'force-dynamic'

export default async function SettingsPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const { review, role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  if (!can(role, 'review.update')) notFound()
  return (
    <div className="space-y-4">
      <SettingsForm
        reviewId={review.id}
        initial={{ title: review.title, question: review.question, votesRequired: review.votesRequired, blindScreening: review.blindScreening }}
      />
      <ScreeningConfig reviewId={review.id} inclusion={review.inclusionKeywords} exclusion={review.exclusionKeywords} />
    </div>
  )
}
