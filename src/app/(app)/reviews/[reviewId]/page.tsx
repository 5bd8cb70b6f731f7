import Link from 'next/link'
import { serverCaller } from '@/server/api/server-caller'
import { can, roleLabels } from '@/server/authz/roles'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { orNotFound } from '@/app/_lib/page-access'
import { formatCount, formatDay } from '@/lib/format'
import { reviewTypeInfo, type ReviewType } from '@/core/review-types'
import { MyTasks, StageCounts } from './_components/dashboard'

export const dynamic = 'force-dynamic'

export default async function ReviewOverviewPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const caller = await serverCaller()
  const [{ review, role }, members, living, dashboard] = await orNotFound(
    Promise.all([caller.review.get({ reviewId }), caller.member.list({ reviewId }), caller.searches.living({ reviewId }), caller.review.dashboard({ reviewId })]),
  )
  const base = `/reviews/${review.id}`
  return (
    <div className="grid gap-4 lg:grid-flow-row-dense lg:grid-cols-3">
      <StageCounts d={dashboard} />
      <MyTasks d={dashboard} base={base} />
      <Card className="lg:col-span-2">
        <CardHeader title="Review question" />
        <CardBody>
          <p className="whitespace-pre-line text-stone-800">{review.question}</p>
          <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-ui sm:grid-cols-4">
            <div>
              <dt className="text-stone-500">Your role</dt>
              <dd className="font-medium">{roleLabels[role]}</dd>
            </div>
            <div>
              <dt className="text-stone-500">Votes per record</dt>
              <dd className="font-medium tabular">{review.votesRequired}</dd>
            </div>
            <div>
              <dt className="text-stone-500">Screening</dt>
              <dd className="font-medium">{review.blindScreening ? 'Blinded' : 'Open'}</dd>
            </div>
            <div>
              <dt className="text-stone-500">Public address</dt>
              <dd className="font-mono text-xs">/p/{review.slug}</dd>
            </div>
          </dl>
          <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 border-t border-stone-100 pt-3 text-ui sm:grid-cols-4" data-testid="living-status">
            <div>
              <dt className="text-stone-500">Type of review</dt>
              <dd className="font-medium">{(reviewTypeInfo[review.reviewType as ReviewType] ?? reviewTypeInfo.other).label}</dd>
            </div>
            <div>
              <dt className="text-stone-500">Published</dt>
              <dd className="font-medium">{living.latestVersion === null ? 'Not yet' : `Version ${living.latestVersion}, ${formatDay(living.publishedAt!)}`}</dd>
            </div>
            <div>
              <dt className="text-stone-500">New since the last version</dt>
              <dd className="font-medium tabular">
                {living.newRecords === null ? (
                  '—'
                ) : (
                  <Link href={`/reviews/${review.id}/screening`} className="text-accent-700 hover:underline">
                    {formatCount(living.newRecords)} {living.newRecords === 1 ? 'record' : 'records'}
                  </Link>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">Last search</dt>
              <dd className="font-medium">
                <Link href={`/reviews/${review.id}/searches`} className="text-accent-700 hover:underline">
                  {living.lastSearchedAt ? formatDay(living.lastSearchedAt) : 'No saved search run yet'}
                </Link>
              </dd>
            </div>
          </dl>
        </CardBody>
      </Card>
      {review.eligibilityCriteria ? (
        <Card aria-labelledby="criteria-heading" className="lg:col-span-2">
          <CardHeader id="criteria-heading" title="Eligibility criteria" />
          <CardBody>
            <p className="whitespace-pre-line text-ui text-stone-800" data-testid="overview-criteria">
              {review.eligibilityCriteria}
            </p>
          </CardBody>
        </Card>
      ) : null}
      <Card aria-labelledby="members-heading">
        <CardHeader
          id="members-heading"
          title={`Members (${members.length})`}
          actions={
            <Link href={`/reviews/${review.id}/team`} className="text-ui font-medium text-accent-700 hover:underline">
              {can(role, 'members.invite') ? 'Manage team' : 'Team'}
            </Link>
          }
        />
        <ul className="divide-y divide-stone-100">
          {members.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-2 px-4 py-2">
              <div className="min-w-0">
                <div className="truncate font-medium">{m.user.name}</div>
                <div className="truncate text-xs text-stone-500">{m.user.email}</div>
              </div>
              <Badge tone={m.role === 'OWNER' || m.role === 'LEAD' ? 'accent' : 'neutral'}>{roleLabels[m.role]}</Badge>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  )
}
