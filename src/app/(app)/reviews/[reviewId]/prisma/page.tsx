import type { Metadata } from 'next'
import { orNotFound, serverCaller } from '@/server/api/server-caller'
import { prismaFlowSvg } from '@/core/prisma-flow/prisma-flow-svg'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { SvgFigure } from '@/components/svg-figure'

export const metadata: Metadata = { title: 'PRISMA 2020' }
export const dynamic = 'force-dynamic'

export default async function PrismaPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  const caller = await serverCaller()
  const [{ review }, flow, versions] = await orNotFound(Promise.all([caller.review.get({ reviewId }), caller.analyses.prisma({ reviewId }), caller.publication.versions({ reviewId })]))
  const svg = prismaFlowSvg(flow.counts, { title: `PRISMA 2020 flow diagram: ${review.title}` })
  const pending = [
    flow.pending.suspectedDuplicates && `${flow.pending.suspectedDuplicates} suspected duplicate groups are still to be checked (counted as duplicates removed)`,
    flow.pending.titleAbstract && `${flow.pending.titleAbstract} records are still being screened on title and abstract`,
    flow.pending.fullText && `${flow.pending.fullText} full texts are still being assessed`,
  ].filter(Boolean)
  return (
    <div className="space-y-4">
      {pending.length || flow.problems.length ? (
        <Card className="border-amber-300 bg-amber-50 px-4 py-3 text-[13px] text-amber-950" role="status">
          <p className="font-medium">The diagram is not final yet:</p>
          <ul className="list-disc pl-5">
            {[...pending, ...flow.problems].map((p) => (
              <li key={String(p)}>{p}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card>
        <CardHeader
          title="PRISMA 2020 flow diagram"
          description={
            versions.length
              ? `Updated-review template: counts since version ${versions[0]!.number}, plus the studies included in the previous version.`
              : 'Counted from the imports, duplicates, screening decisions and included studies (Page et al., BMJ 2021;372:n71).'
          }
        />
        <CardBody>
          <SvgFigure svg={svg} caption="Every number is counted from the records and decisions." downloadHref={`/api/reviews/${reviewId}/plots/prisma-flow`} testId="prisma-diagram" />
        </CardBody>
      </Card>
    </div>
  )
}
