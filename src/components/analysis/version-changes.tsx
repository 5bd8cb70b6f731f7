import type { VersionChanges as Changes } from '@/server/services/publication/snapshot-schema'
import { formatNumber } from '@/lib/format'
import { DataTable } from '@/components/ui/data-table'

type Headline = Changes['estimates'][number]['before']

const headline = (h: Headline) => (!h ? '—' : h.kind === 'dta' ? `sensitivity ${formatNumber(h.sens[0])}, specificity ${formatNumber(h.spec[0])}` : formatNumber(h.estimate[0]))

/**
 * Studies added and removed since a version, each analysis's headline estimate before and after, the
 * agreed values that changed (study, field, before, after) and the analyses whose settings changed.
 */
export function VersionChanges({ changes, since, nowLabel = 'Now' }: { changes: Changes; since: number; nowLabel?: string }) {
  return (
    <div className="space-y-2 text-ui" data-testid="version-changes">
      <p>
        <span className="font-medium">Since version {since}:</span> studies added: {changes.studiesAdded.length ? changes.studiesAdded.join(', ') : 'none'}; studies removed:{' '}
        {changes.studiesRemoved.length ? changes.studiesRemoved.join(', ') : 'none'}.
      </p>
      {changes.estimates.length ? (
        <DataTable
          caption={<span className="sr-only">Estimates before and after</span>}
          rows={changes.estimates}
          rowKey={(e) => e.analysis}
          columns={[
            { key: 'analysis', header: 'Analysis', cell: (e) => e.analysis },
            { key: 'before', header: `Version ${since}`, className: 'tabular', cell: (e) => (e.before ? headline(e.before) : 'not in that version') },
            { key: 'after', header: nowLabel, className: 'tabular', cell: (e) => headline(e.after) },
            { key: 'studies', header: 'Studies', align: 'right', className: 'whitespace-nowrap', cell: (e) => `${e.before?.studies ?? '—'} → ${e.after?.studies ?? '—'}` },
          ]}
        />
      ) : null}
      {changes.settings?.length ? (
        <ul className="list-disc pl-5" data-testid="settings-changes">
          {changes.settings.map((c) => (
            <li key={c.analysis}>
              <span className="font-medium">{c.analysis}</span> settings changed: {c.changes.join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
      {changes.values ? (
        changes.values.length ? (
          <DataTable
            caption={<span className="text-left font-medium">Agreed values changed since version {since}</span>}
            rows={changes.values}
            rowKey={(v, i) => `${v.study}-${v.form}-${v.field}-${i}`}
            testId="value-changes"
            columns={[
              { key: 'study', header: 'Study', rowHeader: true, cell: (v) => v.study },
              {
                key: 'field',
                header: 'Field',
                cell: (v) => (
                  <>
                    <span className="text-stone-500">{v.form} · </span>
                    {v.field}
                  </>
                ),
              },
              { key: 'before', header: `Version ${since}`, className: 'tabular', cell: (v) => v.before },
              { key: 'after', header: nowLabel, className: 'tabular', cell: (v) => v.after },
            ]}
          />
        ) : (
          <p className="text-stone-600">No agreed value of a study already in version {since} changed.</p>
        )
      ) : null}
      {changes.moreValues ? <p className="text-stone-600">and {changes.moreValues} more changed values (see the data download).</p> : null}
    </div>
  )
}
