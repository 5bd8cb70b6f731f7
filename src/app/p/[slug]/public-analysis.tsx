import type { SnapshotAnalysis as Analysis } from '@/server/services/publication/snapshot-schema'
import { analysisFigures } from '@/server/services/publication/figures'
import { LeaveOneOutResults, SubgroupResults } from '@/components/analysis/result-summary'
import { PublicFigure } from './public-figure'
const f = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '—')
const range = (a: readonly number[], d = 2) => `${f(a[0]!, d)} (${f(a[1]!, d)} to ${f(a[2]!, d)})`

const figureNames = { forest: 'Forest plot', pairedForest: 'Paired forest plot of sensitivity and specificity', sroc: 'Summary ROC plot', funnel: 'Funnel plot' } as const

/** One analysis of a published version: its summary of findings and its plots (drawn from the version's data for this page). */
export function PublicAnalysis({ analysis: a }: { analysis: Analysis }) {
  const s = a.summary
  return (
    <section aria-labelledby={`a-${a.id}`} className="space-y-3">
      <h2 id={`a-${a.id}`} className="text-lg font-semibold">
        {a.name}
      </h2>
      {s?.kind === 'dta' ? (
        <table className="w-full max-w-3xl border border-stone-200 bg-white text-[13px]" data-testid="summary-of-findings">
          <caption className="py-1 text-left font-medium">Summary of findings</caption>
          <tbody>
            <tr className="border-b border-stone-100">
              <th scope="row" className="px-3 py-1.5 text-left font-medium">
                Studies (participants)
              </th>
              <td className="px-3 py-1.5 tabular">
                {s.studies} ({s.participants})
              </td>
            </tr>
            <tr className="border-b border-stone-100">
              <th scope="row" className="px-3 py-1.5 text-left font-medium">
                Sensitivity (95% CI)
              </th>
              <td className="px-3 py-1.5 tabular">{range(s.sens)}</td>
            </tr>
            <tr className="border-b border-stone-100">
              <th scope="row" className="px-3 py-1.5 text-left font-medium">
                Specificity (95% CI)
              </th>
              <td className="px-3 py-1.5 tabular">{range(s.spec)}</td>
            </tr>
            {s.auc !== null ? (
              <tr className="border-b border-stone-100">
                <th scope="row" className="px-3 py-1.5 text-left font-medium">
                  AUC
                </th>
                <td className="px-3 py-1.5 tabular">{f(s.auc)}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row" className="px-3 py-1.5 text-left align-top font-medium">
                Per 1,000 tested (prevalence {(s.prevalence * 100).toFixed(0)}%)
              </th>
              <td className="px-3 py-1.5 tabular">
                {s.per1000.truePositives[0]} true positives ({s.per1000.truePositives[1]} to {s.per1000.truePositives[2]}), {s.per1000.falseNegatives[0]} false negatives ({s.per1000.falseNegatives[1]}{' '}
                to {s.per1000.falseNegatives[2]}); {s.per1000.trueNegatives[0]} true negatives ({s.per1000.trueNegatives[1]} to {s.per1000.trueNegatives[2]}), {s.per1000.falsePositives[0]} false
                positives ({s.per1000.falsePositives[1]} to {s.per1000.falsePositives[2]})
              </td>
            </tr>
          </tbody>
        </table>
      ) : s?.kind === 'univariate' ? (
        <p className="text-[13px]" data-testid="summary-of-findings">
          {a.measure}: {range(s.estimate, 3)}; 95% prediction interval {f(s.prediction[0], 3)} to {f(s.prediction[1], 3)}; {s.studies} studies, I² = {f(s.I2, 0)}%.
        </p>
      ) : (
        <p className="text-[13px] text-stone-600">{a.result.error ?? 'No result.'}</p>
      )}
      {a.result.leftOut.length ? (
        <p className="text-[13px] text-stone-700" data-testid="left-out">
          Left out of this analysis: {a.result.leftOut.map((l) => `${l.label} (${l.reason})`).join('; ')}.
        </p>
      ) : null}
      <SubgroupResults result={a.result} />
      <LeaveOneOutResults result={a.result} />
      <div className="grid gap-4 lg:grid-cols-2">
        {analysisFigures(a).map(({ name, figure }, i) => (
          <PublicFigure key={name} figure={figure} label={`${a.name}: ${figureNames[name]}`} className={i === 0 ? 'lg:col-span-2' : ''} />
        ))}
      </div>
    </section>
  )
}
