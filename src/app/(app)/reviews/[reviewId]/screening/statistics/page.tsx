import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { serverCaller } from '@/server/api/server-caller'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { StageSwitch } from '../_components/stage-switch'
import { rankingModel, recallTarget, stoppingConfidence } from '@/server/services/screening/ranking'
import { screeningModels } from '@/core/screening/screening-models'
import { orNotFound } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Screening statistics' }
export const dynamic = 'force-dynamic'

const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`)
const num = (v: number | null | undefined, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d))

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
  const [stats, ranking] = await Promise.all([caller.screening.statistics({ reviewId, stage }), caller.screening.ranking({ reviewId })])
  const stopping = ranking?.stopping as Stopping | null | undefined
  return (
    <div className="space-y-4">
      <StageSwitch base={`/reviews/${reviewId}/screening/statistics`} stage={stage} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader title="Reviewers" description="Votes cast at this stage." />
          <table className="w-full text-left text-[13px]">
            <thead className="text-xs text-stone-600">
              <tr className="border-b border-stone-200">
                <th scope="col" className="px-4 py-1.5 font-medium">
                  Reviewer
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">
                  Votes
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">
                  Include
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">
                  Exclude
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">
                  Maybe
                </th>
                <th scope="col" className="px-4 py-1.5 text-right font-medium">
                  In conflict
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.reviewers.map((r) => (
                <tr key={r.id} className="border-b border-stone-100 last:border-0 tabular">
                  <td className="px-4 py-1.5 font-medium">{r.name}</td>
                  <td className="px-2 py-1.5 text-right">{r.votes}</td>
                  <td className="px-2 py-1.5 text-right">{r.include}</td>
                  <td className="px-2 py-1.5 text-right">{r.exclude}</td>
                  <td className="px-2 py-1.5 text-right">{r.maybe}</td>
                  <td className="px-4 py-1.5 text-right">{r.inConflict}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {stats.reviewers.length === 0 ? <p className="px-4 py-4 text-stone-600">No votes yet.</p> : null}
        </Card>
        <Card>
          <CardHeader
            title="Agreement between reviewers"
            description="Cohen's kappa (95% CI, Fleiss–Cohen–Everitt SE), PABAK and Gwet's AC1 on records both voted on; categories include, exclude, maybe."
          />
          <table className="w-full text-left text-[13px]">
            <thead className="text-xs text-stone-600">
              <tr className="border-b border-stone-200">
                <th scope="col" className="px-4 py-1.5 font-medium">
                  Pair
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">
                  Records
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">
                  Agreement
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">
                  Kappa (95% CI)
                </th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">
                  PABAK
                </th>
                <th scope="col" className="px-4 py-1.5 text-right font-medium">
                  AC1
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.pairs.map((p) => (
                <tr key={p.reviewers.join('|')} className="border-b border-stone-100 last:border-0 tabular" data-testid="kappa-row">
                  <td className="px-4 py-1.5">{p.reviewers.join(' & ')}</td>
                  <td className="px-2 py-1.5 text-right">{p.records}</td>
                  <td className="px-2 py-1.5 text-right">{pct(p.observedAgreement)}</td>
                  <td className="px-2 py-1.5 text-right">
                    {num(p.kappa)} ({num(p.kappaCi[0])} to {num(p.kappaCi[1])})
                  </td>
                  <td className="px-2 py-1.5 text-right">{num(p.pabak)}</td>
                  <td className="px-4 py-1.5 text-right">{num(p.ac1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {stats.pairs.length === 0 ? <p className="px-4 py-4 text-stone-600">Agreement appears once two reviewers have voted on the same records.</p> : null}
        </Card>
      </div>
      {stage === 'TITLE_ABSTRACT' ? (
        <Card aria-labelledby="stopping-heading">
          <CardHeader
            id="stopping-heading"
            title="Prioritisation and when to stop"
            description={`Model: ${screeningModels[rankingModel].description}; retrained in the background as votes arrive. Stopping rule: the hypergeometric test of Callaghan & Müller-Hansen (2020) for recall ≥ ${recallTarget * 100}% at ${stoppingConfidence * 100}% confidence.`}
          />
          <CardBody>
            {!ranking || !stopping ? (
              <p className="text-stone-600">The model is trained once the team has both included and excluded records.</p>
            ) : (
              <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-[13px] sm:grid-cols-4">
                <div>
                  <dt className="text-stone-600">Stopping indicator</dt>
                  <dd className={stopping.stop ? 'font-semibold text-emerald-800' : 'font-semibold text-amber-800'} data-testid="stopping-verdict">
                    {stopping.stop ? `Recall ≥ ${recallTarget * 100}% supported — screening may stop` : 'Keep screening'}
                  </dd>
                </div>
                <div>
                  <dt className="text-stone-600">p (H₀: recall &lt; {recallTarget * 100}%)</dt>
                  <dd className="font-medium tabular">{num(stopping.p, 3)}</dd>
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
                    {num(stopping.estimatedRelevantRemaining, 0)} (at most {num(stopping.relevantRemainingUpperBound, 0)})
                  </dd>
                </div>
                <div>
                  <dt className="text-stone-600">Estimated recall</dt>
                  <dd className="font-medium tabular">
                    {pct(stopping.estimatedRecall)} (≥ {pct(stopping.recallLowerBound)})
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
                  <dd className="font-medium tabular">{new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(ranking.createdAt)}</dd>
                </div>
              </dl>
            )}
          </CardBody>
        </Card>
      ) : null}
    </div>
  )
}
