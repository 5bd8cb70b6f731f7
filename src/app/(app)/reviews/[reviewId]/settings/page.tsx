import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { orNotFound, serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { SettingsForm } from './settings-form'

export const metadata: Metadata = { title: 'Settings' }
export const dynamic = 'force-dynamic'

export default async function SettingsPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const { review, role } = await orNotFound((await serverCaller()).review.get({ reviewId }))
  if (!can(role, 'review.update')) notFound()
  return (
    <SettingsForm
      reviewId={review.id}
      initial={{ title: review.title, question: review.question, votesRequired: review.votesRequired, blindScreening: review.blindScreening }}
    />
  )
}
