import type { AnalysisResult, LeaveOneOutRow } from '@/core/analysis/run-analysis'
import { Card, CardHeader } from '@/components/ui/card'
import { formatInterval, formatNumber as fmt, formatP as pval, formatRange as ci } from '@/lib/format'
import { DataTable } from '@/components/ui/data-table'
import { cn } from '@/lib/cn'

/** What the summary needs of a result: a live one (analysis page) or a published one (public page). */
export type ResultParts = Pick<AnalysisResult, 'dta' | 'univariate' | 'rows' | 'leftOut' | 'leaveOneOut'>

function Stat({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-stone-600">{label}</dt>
      <dd className="text-display font-semibold tabular" data-testid={testId}>
        {value}
      </dd>
      {sub ? <dd className="text-xs text-stone-600 tabular">{sub}</dd> : null}
    </div>
  )
}

/** The pooled numbers, subgroups and leave-one-out results of an analysis. */
export function ResultSummary({ result, provenanceHref }: { result: ResultParts; provenanceHref?: string }) {
  return (
    <>
      <PooledResult result={result} provenanceHref={provenanceHref} />
      <SubgroupResults result={result} />
      <LeaveOneOutResults result={result} />
    </>
  )
}

/** With `provenanceHref`, the count of studies links to the values and decisions behind every number. */
export function PooledResult({ result, provenanceHref }: { result: ResultParts; provenanceHref?: string }) {
  const d = result.dta
  const u = result.univariate
  const participants = result.rows.length
  return (
    <Card>
      <CardHeader
        title="Pooled result"
        description={
          <>
            {provenanceHref ? (
              <a href={provenanceHref} className="font-medium text-accent-700 underline underline-offset-2" data-testid="pooled-provenance">
                {participants} studies pooled
              </a>
            ) : (
              `${participants} studies pooled`
            )}
            {result.leftOut.length ? `; ${result.leftOut.length} left out (see below)` : ''}.
            {provenanceHref ? ' Each study’s agreed value, who entered it and who agreed it are under “Data and provenance”.' : ''}
          </>
        }
      />
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 px-4 py-3 sm:grid-cols-4 lg:grid-cols-6">
        {d ? (
          <>
            <Stat label="Sensitivity (95% CI)" value={fmt(d.sens)} sub={d.sens_ci ? ci(d.sens_ci[0], d.sens_ci[1]) : undefined} testId="pooled-sens" />
            <Stat label="Specificity (95% CI)" value={fmt(d.spec)} sub={d.spec_ci ? ci(d.spec_ci[0], d.spec_ci[1]) : undefined} testId="pooled-spec" />
            <Stat label="AUC (SROC)" value={fmt(d.auc, 3)} sub={`${d.pauc !== null ? `partial ${fmt(d.pauc, 3)}; ` : ''}exact area (mada's AUC() averages 99 points and prints up to 0.01 less)`} />
            <Stat label="Diagnostic odds ratio" value={fmt(d.dor, 1)} sub={d.dor_ci ? ci(d.dor_ci[0], d.dor_ci[1], 1) : undefined} />
            <Stat
              label="LR+ / LR−"
              value={`${fmt(d.lr_pos)} / ${fmt(d.lr_neg)}`}
              sub={d.lr_pos_ci && d.lr_neg_ci ? `${ci(d.lr_pos_ci[0], d.lr_pos_ci[1])}; ${ci(d.lr_neg_ci[0], d.lr_neg_ci[1])}` : undefined}
            />
            <Stat label="τ² sens / spec, ρ" value={`${fmt(d.tau2_sens, 3)} / ${fmt(d.tau2_spec, 3)}`} sub={`ρ = ${fmt(d.rho)}`} />
          </>
        ) : null}
        {u ? (
          <>
            <Stat label="Pooled estimate (95% CI)" value={fmt(u.transformed.est, 3)} sub={ci(u.transformed.ci_lb, u.transformed.ci_ub, 3)} testId="pooled-estimate" />
            <Stat label="95% prediction interval" value={ci(u.transformed.pi_lb, u.transformed.pi_ub, 3)} />
            <Stat label="I² / H²" value={`${fmt(u.I2, 1)}% / ${fmt(u.H2)}`} />
            <Stat label="τ²" value={fmt(u.tau2, 4)} sub={`τ = ${fmt(u.tau, 3)}`} />
            <Stat label="Q (df), p" value={`${fmt(u.Q)} (${u.k - 1})`} sub={`p ${pval(u.Qp)}`} />
            <Stat label="Small-study effects" value={u.egger ? `p ${pval(u.egger.p)}` : '—'} sub={u.trimfill ? `trim-and-fill: ${u.trimfill.k0} missing` : undefined} />
          </>
        ) : null}
      </dl>
      <Caveats result={result} />
      {d?.deeks ? (
        <p className="px-4 pb-3 text-xs text-stone-600">
          Deeks&apos; test: p {pval(d.deeks.p)}
          {d.deeks.asymmetry ? ' — suggests small-study effects' : ''}.
        </p>
      ) : null}
    </Card>
  )
}

/**
 * What the model says about its own fit (not converged, a variance at zero, a correlation at ±1, studies
 * left out, ...), shown beside the numbers wherever they are shown: the analysis page and the public page.
 */
export function Caveats({ result, className = 'mx-4 mb-3' }: { result: ResultParts; className?: string }) {
  const fit = result.dta ?? result.univariate
  if (!fit) return null
  const notes = [...(fit.converged ? [] : ['The model did not converge: the numbers above are not estimates to report.']), ...fit.warnings.map(sentence)]
  if (notes.length === 0) return null
  return (
    <div className={cn('rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-ui text-amber-950', className)} data-testid="analysis-caveats">
      <p className="font-medium">Read with care</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  )
}

const sentence = (warning: string) => {
  const text = warning.charAt(0).toUpperCase() + warning.slice(1)
  return /[.!?]$/.test(text) ? text : `${text}.`
}

export function SubgroupResults({ result }: { result: ResultParts }) {
  const d = result.dta
  const u = result.univariate
  const regression = d?.meta_regression
  return d?.subgroups?.length || u?.subgroups?.length ? (
    <Card>
      <CardHeader
        title="Subgroups"
        description={
          u?.between
            ? `Test for subgroup differences: Q = ${fmt(u.between.Q)}, df = ${u.between.df}, p ${pval(u.between.p)}`
            : regression
              ? `Bivariate meta-regression, test for differences in sensitivity and specificity between subgroups: χ² = ${fmt(regression.QM)}, df = ${regression.QM_df}, p ${pval(regression.QM_p)}. The rows are separate fits per subgroup.`
              : undefined
        }
      />
      <DataTable
        rows={[
          ...(d?.subgroups ?? []).map((g) => ({
            key: g.level,
            k: g.k,
            text:
              g.result?.sens_ci && g.result.spec_ci
                ? `${fmt(g.result.sens)} (${ci(g.result.sens_ci[0], g.result.sens_ci[1])}) / ${fmt(g.result.spec)} (${ci(g.result.spec_ci[0], g.result.spec_ci[1])})`
                : (g.error ?? '—'),
          })),
          ...(u?.subgroups ?? []).map((g) => ({ key: g.group, k: g.k, text: formatInterval(g.transformed.est, g.transformed.ci_lb, g.transformed.ci_ub, 3) })),
        ]}
        rowKey={(g) => g.key}
        columns={[
          { key: 'group', header: 'Subgroup', cell: (g) => g.key },
          { key: 'k', header: 'Studies', align: 'right', cell: (g) => g.k },
          { key: 'est', header: d ? 'Sensitivity / specificity (95% CI)' : 'Estimate (95% CI)', align: 'right', cell: (g) => g.text },
        ]}
      />
    </Card>
  ) : null
}

export function LeaveOneOutResults({ result }: { result: ResultParts }) {
  const d = result.dta
  return result.leaveOneOut ? (
    <Card>
      <CardHeader title="Leave one out" description="The pooled result with each study left out in turn." />
      <DataTable
        rows={result.leaveOneOut}
        rowKey={(l) => l.omitted}
        columns={[
          { key: 'omitted', header: 'Study left out', cell: (l) => l.omitted },
          { key: 'est', header: d ? 'Sensitivity (95% CI)' : 'Estimate (95% CI)', align: 'right', cell: (l) => formatInterval(l.est, l.ci_lb, l.ci_ub, 3) },
          ...(d ? [{ key: 'spec', header: 'Specificity (95% CI)', align: 'right' as const, cell: (l: LeaveOneOutRow) => formatInterval(l.spec, l.spec_ci_lb, l.spec_ci_ub, 3) }] : []),
        ]}
      />
    </Card>
  ) : null
}
