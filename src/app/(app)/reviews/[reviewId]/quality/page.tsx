import type { Metadata } from 'next'
import Link from 'next/link'
import { serverCaller } from '@/server/api/server-caller'
import { riskOfBiasPlotInput } from '@/core/quality/summary'
import { trafficLightPlot } from '@/core/plots/traffic-light-plot'
import { summaryBarPlot } from '@/core/plots/summary-bar-plot'
import { JUDGEMENT_STYLES } from '@/core/plots/risk-of-bias-judgements'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { SvgFigure } from '@/components/svg-figure'
import { NavSegmented } from '@/components/ui/nav-segmented'
import { DataTable } from '@/components/ui/data-table'
import { formatInterval, formatPercent } from '@/lib/format'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Quality assessment' }
export const dynamic = 'force-dynamic'

export default async function QualityPage({ params, searchParams }: { params: Promise<{ reviewId: string }>; searchParams: Promise<{ form?: string }> }) {
  const { reviewId } = await params
  const caller = await serverCaller()
  const forms = (await orNotFound(caller.forms.list({ reviewId }))).filter((f) => f.kind === 'QUALITY')
  if (!forms.length)
    return (
      <Card className="px-5 py-10 text-center">
        <p className="font-medium">No quality-assessment tool yet.</p>
        <p className="mt-1 text-stone-600">
          <Link className="font-medium text-accent-700 underline underline-offset-2" href={`/reviews/${reviewId}/forms`}>
            Add QUADAS-2 or RoB 2
          </Link>{' '}
          and assign two raters per study on the Studies page.
        </p>
      </Card>
    )
  const wanted = (await searchParams).form
  const form = forms.find((f) => f.id === wanted) ?? forms[0]!
  const summary = await caller.forms.qualitySummary({ reviewId, formId: form.id })
  const riskDomains = summary.domains.filter((d) => d.risk)
  const applicabilityDomains = summary.domains.filter((d) => d.applicability)
  // drawn from the summary this member was allowed to read (forms.qualitySummary), not from the database again
  const input = summary.studies.length ? riskOfBiasPlotInput(summary.domains, summary.studies) : null
  const plotBase = `/api/reviews/${reviewId}/plots`
  const cell = (j: string | null | undefined) => {
    const style = JUDGEMENT_STYLES[(j ?? 'no_information') as keyof typeof JUDGEMENT_STYLES]
    return (
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden className="inline-block size-3 rounded-full" style={{ background: style.colour }} />
        {style.label}
      </span>
    )
  }
  return (
    <div className="space-y-4">
      {forms.length > 1 ? <NavSegmented label="Quality tools" value={form.id} items={forms.map((f) => ({ value: f.id, label: f.name, href: `?form=${f.id}` }))} /> : null}
      {!input ? (
        <Card className="px-5 py-10 text-center text-stone-600">Judgements appear here once two raters have submitted and agreed on a study.</Card>
      ) : (
        <div className="grid gap-4 2xl:grid-cols-2">
          <Card>
            <CardHeader title="Risk of bias per study" description={`${form.name}: agreed judgements (traffic-light plot, as robvis draws it).`} />
            <CardBody>
              <SvgFigure svg={trafficLightPlot(input)} caption={`${summary.studies.length} studies`} downloadHref={`${plotBase}/risk-of-bias-traffic-light?formId=${form.id}`} testId="traffic-light" />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Share of studies per judgement" description="Percent of studies at each judgement, per domain." />
            <CardBody>
              <SvgFigure svg={summaryBarPlot(input)} caption="Summary plot" downloadHref={`${plotBase}/risk-of-bias-summary?formId=${form.id}`} testId="summary-plot" />
            </CardBody>
          </Card>
        </div>
      )}
      <Card>
        <CardHeader title="Judgements by study" />
        <div className="overflow-x-auto">
          <DataTable
            testId="judgement-table"
            rows={summary.studies}
            rowKey={(st) => st.id}
            empty="No study has agreed judgements yet."
            columns={[
              { key: 'study', header: 'Study', rowHeader: true, cell: (st) => st.label },
              ...riskDomains.map((d) => ({ key: d.id, header: `${d.title}: risk of bias`, cell: (st: (typeof summary.studies)[number]) => cell(st.risk[d.id]) })),
              ...applicabilityDomains.map((d) => ({ key: `a-${d.id}`, header: `${d.title}: applicability`, cell: (st: (typeof summary.studies)[number]) => cell(st.applicability[d.id]) })),
            ]}
          />
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Agreement between the two raters"
          description="Cohen's kappa per domain over the studies both rated, before consensus (95% CI; † the interval passed kappa's bound of 1 or −1 and is cut there)."
        />
        <DataTable
          rows={summary.agreement}
          rowKey={(a) => `${a.domainId}-${a.kind}`}
          empty="No study has two submitted ratings yet."
          columns={[
            { key: 'domain', header: 'Domain', cell: (a) => `${a.title} (${a.kind === 'risk' ? 'risk of bias' : 'applicability'})` },
            { key: 'studies', header: 'Studies', align: 'right', cell: (a) => a.studies },
            { key: 'agreement', header: 'Agreement', align: 'right', cell: (a) => formatPercent(a.observedAgreement) },
            { key: 'kappa', header: 'Kappa (95% CI)', align: 'right', cell: (a) => `${formatInterval(a.kappa, a.kappaCi[0], a.kappaCi[1])}${a.kappaCiTruncated ? ' †' : ''}` },
          ]}
        />
      </Card>
    </div>
  )
}
