import type { Metadata } from 'next'
import Link from 'next/link'
import { serverCaller } from '@/server/api/server-caller'
import { can } from '@/server/authz/roles'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { VersionChanges } from '@/components/analysis/version-changes'
import { PublishForm } from './publish-form'
import { orNotFound } from '@/app/_lib/page-access'
import { formatDay, formatMoment } from '@/lib/format'
import { EstimateHistoryChart } from '@/components/charts/estimate-history'

export const metadata: Metadata = { title: 'Publish' }
export const dynamic = 'force-dynamic'

export default async function PublishPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const caller = await serverCaller()
  const [{ review, role }, versions, preview, history] = await orNotFound(
    Promise.all([caller.review.get({ reviewId }), caller.publication.versions({ reviewId }), caller.publication.preview({ reviewId }), caller.publication.history({ reviewId })]),
  )
  const trends = history.filter((h) => h.points.length > 1)
  return (
    <div className="grid items-start gap-4 lg:grid-cols-[2fr_3fr]">
      {can(role, 'review.publish') ? <PublishForm reviewId={reviewId} next={(versions[0]?.number ?? 0) + 1} /> : null}
      <div className="space-y-4">
        {preview ? (
          <Card>
            <CardHeader title="What a new version would change" description={`The current agreed data against version ${preview.since}, as the public page will show it.`} />
            <CardBody>
              <VersionChanges changes={preview.changes} since={preview.since} nowLabel="Current data" />
            </CardBody>
          </Card>
        ) : null}
        <Card>
          <CardHeader
            title="Published versions"
            description={
              <>
                Public page:{' '}
                <Link className="font-medium text-accent-700 underline underline-offset-2" href={`/p/${review.slug}`}>
                  /p/{review.slug}
                </Link>
              </>
            }
          />
          <ol className="divide-y divide-stone-100">
            {versions.map((v) => (
              <li key={v.id} className="px-4 py-2.5 text-ui" data-testid={`version-${v.number}`}>
                <div className="flex items-center gap-3">
                  <Link className="font-semibold text-accent-700 underline underline-offset-2" href={`/p/${review.slug}?v=${v.number}`}>
                    Version {v.number}
                  </Link>
                  <span className="text-stone-600">
                    {formatMoment(v.publishedAt)} by {v.publishedBy.name}
                  </span>
                  {v.nextSearchDate ? <span className="text-stone-600">next search {formatDay(v.nextSearchDate)}</span> : null}
                </div>
                <p className="mt-0.5 whitespace-pre-line text-stone-800">{v.notes}</p>
              </li>
            ))}
          </ol>
          {versions.length === 0 ? <p className="px-4 py-6 text-center text-stone-600">Nothing published yet.</p> : null}
        </Card>
        {trends.length ? (
          <Card>
            <CardHeader title="Estimates across versions" description="Each analysis's headline estimate and its 95% confidence interval, version by version." />
            <CardBody className="grid gap-4 xl:grid-cols-2">
              {trends.map((h) => (
                <EstimateHistoryChart key={h.analysisId} history={h} />
              ))}
            </CardBody>
          </Card>
        ) : null}
      </div>
    </div>
  )
}
