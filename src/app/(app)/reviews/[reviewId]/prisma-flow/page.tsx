import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { prismaFlowSvg } from '@/core/prisma-flow/prisma-flow-svg'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { SvgFigure } from '@/components/svg-figure'
import { NavSegmented } from '@/components/ui/nav-segmented'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'PRISMA 2020' }
export const dynamic = 'force-dynamic'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export default async function PrismaPage({ params, searchParams }: { params: Promise<{ reviewId: string }>; searchParams: Promise<{ scope?: string }> }) {
  const { reviewId } = await params
  const asked = (await searchParams).scope
  const wanted = asked === 'whole' || asked === 'update' ? asked : undefined
  const caller = await serverCaller()
  const [{ review }, flow, versions] = await orNotFound(
    Promise.all([caller.review.get({ reviewId }), caller.analyses.prismaFlow({ reviewId, scope: wanted }), caller.publication.versions({ reviewId })]),
  )
  const svg = prismaFlowSvg(flow.counts, { title: `PRISMA 2020 flow diagram: ${review.title}` })
  const pending = [
    flow.pending.suspectedDuplicates &&
      `${plural(flow.pending.suspectedDuplicates, 'suspected duplicate group is', 'suspected duplicate groups are')} still to be checked (counted as duplicates removed)`,
    flow.pending.titleAbstract && `${plural(flow.pending.titleAbstract, 'record is', 'records are')} still being screened on title and abstract`,
    flow.pending.fullText && `${plural(flow.pending.fullText, 'full text is', 'full texts are')} still being assessed`,
  ].filter(Boolean)
  const latest = versions[0]
  return (
    <div className="space-y-4">
      {pending.length || flow.problems.length ? (
        <Card className="border-amber-300 bg-amber-50 px-4 py-3 text-ui text-amber-950" role="status">
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
            flow.scope === 'update'
              ? `Template for updated reviews: searches since version ${latest!.number}, plus the studies included in version ${latest!.number}.`
              : 'Counted from the imports, duplicates, screening decisions and included studies (Page et al., BMJ 2021;372:n71).'
          }
          actions={
            latest ? (
              <NavSegmented
                label="Diagram scope"
                value={flow.scope}
                items={[
                  { value: 'update', label: `Since version ${latest.number}`, href: `/reviews/${reviewId}/prisma-flow?scope=update` },
                  { value: 'whole', label: 'Whole review', href: `/reviews/${reviewId}/prisma-flow?scope=whole` },
                ]}
              />
            ) : undefined
          }
        />
        <CardBody>
          <SvgFigure
            svg={svg}
            caption="Every number is counted from the records and decisions."
            downloadHref={`/api/reviews/${reviewId}/plots/prisma-flow?scope=${flow.scope}`}
            testId="prisma-diagram"
          />
        </CardBody>
      </Card>
    </div>
  )
}
