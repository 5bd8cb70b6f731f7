import type { VersionChanges as Changes } from '@/server/services/publication/snapshot-schema'
import { formatNumber } from '@/lib/format'
import { DataTable } from '@/components/ui/data-table'

type Headline = Changes['estimates'][number]['before']

const headline = (h: Headline) => (!h ? '—' : h.kind === 'dta' ? `sensitivity ${formatNumber(h.sens[0])}, specificity ${formatNumber(h.spec[0])}` : formatNumber(h.estimate[0]))

/** Studies added and removed since a version, and each analysis's headline estimate before and after. */
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
    </div>
  )
}
