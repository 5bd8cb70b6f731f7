import type { Metadata } from 'next'
import Link from 'next/link'
import { serverCaller } from '@/server/api/server-caller'
import { riskOfBiasPlotInput } from '@/core/quality/summary'
import { trafficLightPlot } from '@/core/plots/traffic-light-plot'
import { summaryBarPlot } from '@/core/plots/summary-bar-plot'
import { JUDGEMENT_STYLES } from '@/core/plots/risk-of-bias-judgements'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { SvgFigure } from '@/components/svg-figure'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Quality assessment' }
export const dynamic = 'force-dynamic'

const num = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—')

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
      {forms.length > 1 ? (
        <nav aria-label="Quality tools" className="flex gap-3 text-[13px]">
          {forms.map((f) => (
            <Link key={f.id} href={`?form=${f.id}`} aria-current={f.id === form.id ? 'page' : undefined} className={f.id === form.id ? 'font-semibold' : 'text-accent-700 underline'}>
              {f.name}
            </Link>
          ))}
        </nav>
      ) : null}
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
          <table className="w-full text-left text-[13px]" data-testid="judgement-table">
            <thead className="text-xs text-stone-600">
              <tr className="border-b border-stone-200">
                <th scope="col" className="px-4 py-1.5 font-medium">
                  Study
                </th>
                {riskDomains.map((d) => (
                  <th key={d.id} scope="col" className="px-2 py-1.5 font-medium">
                    {d.title}: risk of bias
                  </th>
                ))}
                {applicabilityDomains.map((d) => (
                  <th key={`a-${d.id}`} scope="col" className="px-2 py-1.5 font-medium">
                    {d.title}: applicability
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.studies.map((s) => (
                <tr key={s.id} className="border-b border-stone-100">
                  <th scope="row" className="px-4 py-1.5 font-medium">
                    {s.label}
                  </th>
                  {riskDomains.map((d) => (
                    <td key={d.id} className="px-2 py-1.5">
                      {cell(s.risk[d.id])}
                    </td>
                  ))}
                  {applicabilityDomains.map((d) => (
                    <td key={`a-${d.id}`} className="px-2 py-1.5">
                      {cell(s.applicability[d.id])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card>
        <CardHeader title="Agreement between the two raters" description="Cohen's kappa per domain over the studies both rated, before consensus." />
        <table className="w-full text-left text-[13px]">
          <thead className="text-xs text-stone-600">
            <tr className="border-b border-stone-200">
              <th scope="col" className="px-4 py-1.5 font-medium">
                Domain
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                Studies
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                Agreement
              </th>
              <th scope="col" className="px-4 py-1.5 text-right font-medium">
                Kappa (95% CI)
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.agreement.map((a) => (
              <tr key={`${a.domainId}-${a.kind}`} className="border-b border-stone-100 tabular">
                <td className="px-4 py-1.5">
                  {a.title} ({a.kind === 'risk' ? 'risk of bias' : 'applicability'})
                </td>
                <td className="px-2 py-1.5 text-right">{a.studies}</td>
                <td className="px-2 py-1.5 text-right">{(a.observedAgreement * 100).toFixed(0)}%</td>
                <td className="px-4 py-1.5 text-right">
                  {num(a.kappa)} ({num(a.kappaCi[0])} to {num(a.kappaCi[1])})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.agreement.length === 0 ? <p className="px-4 py-4 text-stone-600">No study has two submitted ratings yet.</p> : null}
      </Card>
    </div>
  )
}
