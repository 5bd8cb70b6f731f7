import type { Metadata } from 'next'
import { defaultScreeningModel, modelDescription, screeningBenchmark, screeningModelNames } from '@/core/screening/screening-models'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { Badge } from '@/components/ui/badge'
import { requireUser } from '@/app/_lib/page-access'
import { formatNumber } from '@/lib/format'

export const metadata: Metadata = { title: 'Screening models, measured' }

type ModelRow = (typeof screeningBenchmark.models)[number]
type TopicRow = (typeof screeningBenchmark.stopping.topics)[number]

/** How the model that ranks every title/abstract queue was chosen, and how well the stopping rule does. */
export default async function ScreeningHelpPage() {
  await requireUser('/help/screening')
  const b = screeningBenchmark
  const stop = b.stopping
  return (
    <main className="mx-auto max-w-5xl space-y-4">
      <h1 className="text-lg font-semibold">Screening models, measured</h1>
      <p className="max-w-3xl text-stone-700">
        Every title/abstract queue is ranked by <strong>{defaultScreeningModel}</strong>: {modelDescription(defaultScreeningModel)}. It was chosen by simulating screening on {b.topics} published
        reviews ({b.source}), {b.seeds} seeds each, as ASReview&apos;s simulation studies do: records without an abstract and duplicates removed, one relevant and one irrelevant record to start, the
        model retrained after every decision. The rule: the best mean WSS@95 among the models whose worst review is within one point of the best worst case, so that a model that fails one kind of
        review is not the default. Measured {b.measured}; the full table per review is in the README (&ldquo;Screening models&rdquo;), and{' '}
        <code>ferrite simulate &lt;folder&gt; --model {screeningModelNames.join(',')} --seeds 5</code> repeats it on a team&apos;s own past reviews.
      </p>
      <Card aria-labelledby="models-heading">
        <CardHeader
          id="models-heading"
          title="Models"
          description="WSS@95: share of records not screened when 95% of the inclusions are found, minus 5 points (Cohen et al. 2006). RRF@10: inclusions found in the first 10% screened. Means over reviews; each review counts once."
        />
        <DataTable<ModelRow>
          rows={b.models}
          rowKey={(m) => m.model}
          testId="benchmark-models"
          columns={[
            {
              key: 'model',
              header: 'Model',
              rowHeader: true,
              cell: (m) => (
                <span className="flex items-center gap-2">
                  <code>{m.model}</code>
                  {m.model === defaultScreeningModel ? <Badge tone="good">default</Badge> : null}
                </span>
              ),
            },
            { key: 'wss95', header: 'Mean WSS@95 (%)', align: 'right', cell: (m) => formatNumber(m.wss95, 1) },
            { key: 'worst', header: 'Worst review (%)', align: 'right', cell: (m) => `${formatNumber(m.worstWss95, 1)} (${m.worstTopic})` },
            { key: 'wss100', header: 'WSS@100 (%)', align: 'right', cell: (m) => formatNumber(m.wss100, 1) },
            { key: 'rrf10', header: 'RRF@10 (%)', align: 'right', cell: (m) => formatNumber(m.rrf10, 1) },
            { key: 'rank', header: 'Mean rank', align: 'right', cell: (m) => formatNumber(m.meanRank, 2) },
            { key: 'ms', header: 'ms per retraining', align: 'right', cell: (m) => formatNumber(m.msPerTraining, 1) },
          ]}
        />
      </Card>
      <Card aria-labelledby="stopping-heading">
        <CardHeader
          id="stopping-heading"
          title="When to stop"
          description={`The hypergeometric test of Callaghan & Müller-Hansen (2020), replayed after every record of the ${stop.runs} simulations of the default model: the recall actually reached when it first said “safe to stop” at a ${stop.recallTarget * 100}% target and ${stop.confidence * 100}% confidence.`}
        />
        <CardBody className="space-y-3">
          <p className="text-ui text-stone-700">
            It reached the target in <strong>{stop.reachedTarget}</strong> of {stop.runs} runs ({formatNumber((100 * stop.reachedTarget) / stop.runs, 1)}%; the rule promises at least{' '}
            {stop.confidence * 100}%), lowest recall {formatNumber(100 * stop.lowestRecall, 1)}% ({stop.lowestRecallRun}), and saved {formatNumber(stop.meanWorkSaved, 1)}% of the screening on average.
            Under dual screening it reads final decisions as they are and an include or maybe vote not yet settled as relevant; a record one reviewer excluded counts only once the second has voted, so
            the rule never stops on evidence dual screening has not checked.
          </p>
          <DataTable<TopicRow>
            rows={stop.topics}
            rowKey={(t) => t.topic}
            columns={[
              { key: 'topic', header: 'Review', rowHeader: true, cell: (t) => t.topic },
              { key: 'reached', header: 'Runs at target', align: 'right', cell: (t) => `${t.reachedTarget} / ${t.runs}` },
              { key: 'recall', header: 'Mean recall at stop (%)', align: 'right', cell: (t) => formatNumber(100 * t.meanRecall, 1) },
              { key: 'min', header: 'Lowest (%)', align: 'right', cell: (t) => formatNumber(100 * t.minRecall, 1) },
              { key: 'saved', header: 'Work saved (%)', align: 'right', cell: (t) => formatNumber(t.meanWorkSaved, 1) },
            ]}
          />
        </CardBody>
      </Card>
    </main>
  )
}
