import Link from 'next/link'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { StageSwitch } from '../_components/stage-switch'
import { rankingModel, recallTarget, stoppingConfidence } from '@/server/services/screening/ranking'
import { modelDescription, screeningBenchmark } from '@/core/screening/screening-models'
import { orNotFound } from '@/app/_lib/page-access'
import { DataTable } from '@/components/ui/data-table'
import { formatInterval, formatMoment, formatNumber, formatPercent } from '@/lib/format'
import { VotesOverTimeChart } from '@/components/charts/votes-over-time'
import { RecallCurve } from '@/components/charts/recall-curve'
import { AgreementByStage, type StageAgreement } from '@/components/charts/agreement-by-stage'

export const metadata: Metadata = { title: 'Screening statistics' }
export const dynamic = 'force-dynamic'

interface Stopping {
  screened: number
  relevantFound: number
  p: number
  stop: boolean
  estimatedRelevantRemaining: number | null
  relevantRemainingUpperBound: number | null
  estimatedRecall: number | null
  recallLowerBound: number | null
  consecutiveIrrelevant: number
}

export default async function StatisticsPage({ params, searchParams }: { params: Promise<{ reviewId: string }>; searchParams: Promise<{ stage?: string }> }) {
  const { reviewId } = await params
  const stage = (await searchParams).stage === 'full-text' ? 'FULL_TEXT' : 'TITLE_ABSTRACT'
  const caller = await serverCaller()
  const context = await orNotFound(caller.screening.context({ reviewId }))
  if (!context.canSeeStatistics) notFound()
  const other = stage === 'TITLE_ABSTRACT' ? 'FULL_TEXT' : 'TITLE_ABSTRACT'
  const [stats, otherStats, ranking, activity, recall] = await Promise.all([
    caller.screening.statistics({ reviewId, stage }),
    caller.screening.statistics({ reviewId, stage: other }),
    caller.screening.ranking({ reviewId }),
    caller.screening.activity({ reviewId, stage }),
    stage === 'TITLE_ABSTRACT' ? caller.screening.recallHistory({ reviewId }) : Promise.resolve([]),
  ])
  const stageName = { TITLE_ABSTRACT: 'Title & abstract', FULL_TEXT: 'Full text' } as const
  const agreement: StageAgreement[] = [
    ...stats.pairs.map((p) => ({ pair: p.reviewers.join(' & '), stage: stageName[stage], kappa: p.kappa, lo: p.kappaCi[0], hi: p.kappaCi[1] })),
    ...otherStats.pairs.map((p) => ({ pair: p.reviewers.join(' & '), stage: stageName[other], kappa: p.kappa, lo: p.kappaCi[0], hi: p.kappaCi[1] })),
  ]
  const stopping = ranking?.stopping as Stopping | null | undefined
  const rankedBy = screeningBenchmark.models.find((m) => m.model === rankingModel)!
  return (
    <div className="space-y-4">
      <StageSwitch base={`/reviews/${reviewId}/screening/statistics`} stage={stage} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader title="Reviewers" description="Votes cast at this stage." />
          <DataTable
            rows={stats.reviewers}
            rowKey={(r) => r.id}
            empty="No votes yet."
            columns={[
              { key: 'name', header: 'Reviewer', rowHeader: true, cell: (r) => r.name },
              { key: 'votes', header: 'Votes', align: 'right', cell: (r) => r.votes },
              { key: 'include', header: 'Include', align: 'right', cell: (r) => r.include },
              { key: 'exclude', header: 'Exclude', align: 'right', cell: (r) => r.exclude },
              { key: 'maybe', header: 'Maybe', align: 'right', cell: (r) => r.maybe },
              { key: 'conflict', header: 'In conflict', align: 'right', cell: (r) => r.inConflict },
            ]}
          />
        </Card>
        <Card>
          <CardHeader
            title="Agreement between reviewers"
            description="Cohen's kappa (95% CI, Fleiss–Cohen–Everitt SE; † the interval passed kappa's bound of 1 or −1 and is cut there), PABAK and Gwet's AC1 on records both voted on; categories include, exclude, maybe."
          />
          <DataTable
            rows={stats.pairs}
            rowKey={(p) => p.reviewers.join('|')}
            empty="Agreement appears once two reviewers have voted on the same records."
            rowProps={() => ({ 'data-testid': 'kappa-row' })}
            columns={[
              { key: 'pair', header: 'Pair', cell: (p) => p.reviewers.join(' & ') },
              { key: 'records', header: 'Records', align: 'right', cell: (p) => p.records },
              { key: 'agreement', header: 'Agreement', align: 'right', cell: (p) => formatPercent(p.observedAgreement) },
              { key: 'kappa', header: 'Kappa (95% CI)', align: 'right', cell: (p) => `${formatInterval(p.kappa, p.kappaCi[0], p.kappaCi[1])}${p.kappaCiTruncated ? ' †' : ''}` },
              { key: 'pabak', header: 'PABAK', align: 'right', cell: (p) => formatNumber(p.pabak) },
              { key: 'ac1', header: 'AC1', align: 'right', cell: (p) => formatNumber(p.ac1) },
            ]}
          />
        </Card>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader title="Votes over time" description="Each reviewer's votes so far at this stage, day by day." />
          <CardBody>
            <VotesOverTimeChart data={activity} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Agreement by stage" description="Cohen's kappa of each pair, with its 95% confidence interval, at both stages." />
          <CardBody>
            <AgreementByStage rows={agreement} />
          </CardBody>
        </Card>
      </div>
      {stage === 'TITLE_ABSTRACT' ? (
        <Card aria-labelledby="stopping-heading">
          <CardHeader
            id="stopping-heading"
            title="Prioritisation and when to stop"
            description={`Model: ${rankingModel}, ${modelDescription(rankingModel)}; retrained in the background as votes arrive. Stopping rule: the hypergeometric test of Callaghan & Müller-Hansen (2020) for recall ≥ ${recallTarget * 100}% at ${stoppingConfidence * 100}% confidence.`}
          />
          <p className="border-b border-stone-200 px-4 py-2 text-ui text-stone-600" data-testid="model-benchmark">
            Measured on {screeningBenchmark.topics} published reviews: mean WSS@95 {formatNumber(rankedBy.wss95, 1)}% (worst review {formatNumber(rankedBy.worstWss95, 1)}%); the stopping rule reached
            its target in {screeningBenchmark.stopping.reachedTarget} of {screeningBenchmark.stopping.runs} simulated reviews.{' '}
            <Link href="/help/screening" className="font-medium text-accent-700 underline underline-offset-2 hover:text-accent-800">
              How the model and the rule were chosen
            </Link>
          </p>
          <CardBody className="space-y-4">
            {!ranking || !stopping ? (
              <p className="text-stone-600">The model is trained once the team has both included and excluded records.</p>
            ) : (
              <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-ui sm:grid-cols-4">
                <div>
                  <dt className="text-stone-600">Stopping indicator</dt>
                  <dd className={stopping.stop ? 'font-semibold text-emerald-800' : 'font-semibold text-amber-800'} data-testid="stopping-verdict">
                    {stopping.stop ? `Recall ≥ ${recallTarget * 100}% supported — screening may stop` : 'Keep screening'}
                  </dd>
                </div>
                <div>
                  <dt className="text-stone-600">p (H₀: recall &lt; {recallTarget * 100}%)</dt>
                  <dd className="font-medium tabular">{formatNumber(stopping.p, 3)}</dd>
                </div>
                <div>
                  <dt className="text-stone-600">Relevant found / screened</dt>
                  <dd className="font-medium tabular">
                    {stopping.relevantFound} / {stopping.screened}
                  </dd>
                </div>
                <div>
                  <dt className="text-stone-600">Estimated relevant left</dt>
                  <dd className="font-medium tabular">
                    {formatNumber(stopping.estimatedRelevantRemaining, 0)} (at most {formatNumber(stopping.relevantRemainingUpperBound, 0)})
                  </dd>
                </div>
                <div>
                  <dt className="text-stone-600">Estimated recall</dt>
                  <dd className="font-medium tabular">
                    {formatPercent(stopping.estimatedRecall, 1)} (≥ {formatPercent(stopping.recallLowerBound, 1)})
                  </dd>
                </div>
                <div>
                  <dt className="text-stone-600">Irrelevant in a row</dt>
                  <dd className="font-medium tabular">{stopping.consecutiveIrrelevant}</dd>
                </div>
                <div>
                  <dt className="text-stone-600">Model trained on</dt>
                  <dd className="font-medium tabular">
                    {ranking.labelled} labels ({ranking.relevantLabelled} relevant) in {ranking.durationMs} ms
                  </dd>
                </div>
                <div>
                  <dt className="text-stone-600">Last retrained</dt>
                  <dd className="font-medium tabular">{formatMoment(ranking.createdAt)}</dd>
                </div>
              </dl>
            )}
            <RecallCurve points={recall} target={recallTarget} />
          </CardBody>
        </Card>
      ) : null}
    </div>
  )
}
