import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { SettingsForm } from './settings-form'
import { ScreeningConfig } from './screening-config'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { orNotFound } from '@/app/_lib/page-access'

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
        initial={{
          title: review.title,
          question: review.question,
          votesRequired: review.votesRequired,
          blindScreening: review.blindScreening,
          citeAs: review.citeAs,
          eligibilityCriteria: review.eligibilityCriteria,
        }}
      />
      <ScreeningConfig reviewId={review.id} inclusion={review.inclusionKeywords} exclusion={review.exclusionKeywords} />
      {can(role, 'review.export') ? (
        <Card>
          <CardHeader
            title="Backup"
            description="The whole review in one JSON file: records, votes, full texts, studies, forms, entries, agreed data, analyses, published versions and the activity log. Import it from My reviews on this or another Ferrite server."
            actions={
              <a
                href={`/api/reviews/${review.id}/backup`}
                download
                className="inline-flex h-9 items-center rounded-md border border-stone-300 bg-white px-3.5 font-medium text-stone-800 hover:bg-stone-100"
              >
                Download backup
              </a>
            }
          />
          <CardBody className="text-ui text-stone-600">
            Passwords and pending invitation links are not included. On import, people are matched by email; whoever imports the file owns the new review.
          </CardBody>
        </Card>
      ) : null}
    </div>
  )
}
