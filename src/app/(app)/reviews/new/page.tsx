import type { Metadata } from 'next'
import { NewReviewForm } from './new-review-form'
import { requireUser } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'New review' }
export const dynamic = 'force-dynamic'

export default async function NewReviewPage() {
  await requireUser('/reviews/new')
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-4 text-lg font-semibold">New review</h1>
      <NewReviewForm />
    </div>
  )
}
