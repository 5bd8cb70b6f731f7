import type { SnapshotAnalysis as Analysis } from '@/server/services/publication/snapshot-schema'
import { analysisFigures } from '@/server/services/publication/figures'
import { Caveats, LeaveOneOutResults, SubgroupResults } from '@/components/analysis/result-summary'
import { PublicFigure } from './public-figure'
import { formatCount, formatInterval, formatNumber, formatPercent } from '@/lib/format'
import { DataTable } from '@/components/ui/data-table'
import { describeCompound } from '@/core/forms/describe-value'
const range = (a: readonly number[], d = 2) => formatInterval(a[0], a[1], a[2], d)
const f = formatNumber
const per = (x: readonly number[]) => `${x[0]} (${x[1]} to ${x[2]})`

const figureNames = { forest: 'Forest plot', pairedForest: 'Paired forest plot of sensitivity and specificity', sroc: 'Summary ROC plot', funnel: 'Funnel plot' } as const

/** One analysis of a published version: its summary of findings and its plots (drawn from the version's data for this page). */
export function PublicAnalysis({ analysis: a, download }: { analysis: Analysis; download: (figure: string) => { svg: string; png: string } }) {
  const s = a.summary
  const dataId = `data-${a.id}`
  const studiesLink = (n: number) => (
    <a href={`#${dataId}`} className="text-accent-700 underline underline-offset-2">
      {n} {n === 1 ? 'study' : 'studies'}
    </a>
  )
  return (
    <section aria-labelledby={`a-${a.id}`} className="space-y-3">
      <h2 id={`a-${a.id}`} className="text-lg font-semibold">
        {a.name}
      </h2>
      {s?.kind === 'dta' ? (
        <DataTable
          className="max-w-3xl border border-stone-200 bg-white"
          testId="summary-of-findings"
          caption="Summary of findings"
          rows={[
            {
              label: 'Studies (participants)',
              value: (
                <>
                  {studiesLink(s.studies)} ({formatCount(s.participants)})
                </>
              ),
            },
            { label: 'Sensitivity (95% CI)', value: range(s.sens) },
            { label: 'Specificity (95% CI)', value: range(s.spec) },
            ...(s.auc !== null ? [{ label: 'AUC (exact area under the SROC curve; mada prints up to 0.01 less)', value: f(s.auc) }] : []),
            {
              label: `Per 1,000 tested (prevalence ${formatPercent(s.prevalence)})`,
              value: `${per(s.per1000.truePositives)} true positives, ${per(s.per1000.falseNegatives)} false negatives; ${per(s.per1000.trueNegatives)} true negatives, ${per(s.per1000.falsePositives)} false positives`,
            },
          ]}
          rowKey={(r) => r.label}
          columns={[
            { key: 'label', header: 'Outcome', rowHeader: true, cell: (r) => r.label },
            { key: 'value', header: 'Result', className: 'tabular', cell: (r) => r.value },
          ]}
        />
      ) : s?.kind === 'univariate' ? (
        <p className="text-ui" data-testid="summary-of-findings">
          {a.measure}: {range(s.estimate, 3)}; 95% prediction interval {f(s.prediction[0], 3)} to {f(s.prediction[1], 3)}; {studiesLink(s.studies)}, I² = {f(s.I2, 0)}%.
        </p>
      ) : (
        <p className="text-ui text-stone-600">{a.result.error ?? 'No result.'}</p>
      )}
      <Caveats result={a.result} className="max-w-3xl" />
      {a.result.leftOut.length ? (
        <p className="text-ui text-stone-700" data-testid="left-out">
          Left out of this analysis: {a.result.leftOut.map((l) => `${l.label} (${l.reason})`).join('; ')}.
        </p>
      ) : null}
      <PooledData id={dataId} analysis={a} />
      <SubgroupResults result={a.result} />
      <LeaveOneOutResults result={a.result} />
      <div className="grid gap-4 lg:grid-cols-2">
        {analysisFigures(a).map(({ name, figure }, i) => (
          <PublicFigure key={name} figure={figure} label={`${a.name}: ${figureNames[name]}`} className={i === 0 ? 'lg:col-span-2' : ''} download={download(name)} />
        ))}
      </div>
    </section>
  )
}

/** The agreed value each study contributes to an analysis, as pooled: where the pooled numbers above come from. */
function PooledData({ id, analysis: a }: { id: string; analysis: Analysis }) {
  const rows = a.result.rows ?? []
  if (!rows.length) return null
  const grouped = rows.some((r) => r.group)
  return (
    // the link targets the table inside: browsers open the closed <details> around a fragment's target
    <details className="max-w-3xl rounded-md border border-stone-200 bg-white text-ui" data-testid="pooled-data">
      <summary className="cursor-pointer px-3 py-2 font-medium">
        The data behind these numbers: {rows.length} {rows.length === 1 ? 'study' : 'studies'}
      </summary>
      <div id={id}>
        <DataTable
          className="border-t border-stone-200"
          caption={`The agreed value each study contributes to ${a.name}`}
          rows={rows}
          rowKey={(r) => `${r.studyId}|${r.path}|${r.group ?? ''}`}
          columns={[
            { key: 'study', header: 'Study', rowHeader: true, cell: (r) => r.id },
            ...(grouped ? [{ key: 'group', header: 'Subgroup', cell: (r: (typeof rows)[number]) => r.group ?? '—' }] : []),
            { key: 'value', header: 'Agreed value', className: 'tabular', cell: (r) => describeCompound(r.value as Record<string, unknown>) },
          ]}
        />
      </div>
    </details>
  )
}
