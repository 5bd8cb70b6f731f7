import type { VersionChanges as Changes } from '@/server/services/publication/snapshot-schema'

type Headline = Changes['estimates'][number]['before']

const f = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2))
const headline = (h: Headline) => (!h ? '—' : h.kind === 'dta' ? `sensitivity ${f(h.sens[0])}, specificity ${f(h.spec[0])}` : f(h.estimate[0]))

/** Studies added and removed since a version, and each analysis's headline estimate before and after. */
export function VersionChanges({ changes, since, nowLabel = 'Now' }: { changes: Changes; since: number; nowLabel?: string }) {
  return (
    <div className="space-y-2 text-[13px]" data-testid="version-changes">
      <p>
        <span className="font-medium">Since version {since}:</span> studies added: {changes.studiesAdded.length ? changes.studiesAdded.join(', ') : 'none'}; studies removed:{' '}
        {changes.studiesRemoved.length ? changes.studiesRemoved.join(', ') : 'none'}.
      </p>
      {changes.estimates.length ? (
        <table className="w-full text-left">
          <caption className="sr-only">Estimates before and after</caption>
          <thead className="text-xs text-stone-600">
            <tr className="border-b border-stone-200">
              <th scope="col" className="py-1 pr-3 font-medium">
                Analysis
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Version {since}
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                {nowLabel}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Studies
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.estimates.map((e) => (
              <tr key={e.analysis} className="border-b border-stone-100 align-top tabular">
                <td className="py-1 pr-3">{e.analysis}</td>
                <td className="py-1 pr-3">{e.before ? headline(e.before) : 'not in that version'}</td>
                <td className="py-1 pr-3">{headline(e.after)}</td>
                <td className="py-1 text-right whitespace-nowrap">
                  {e.before?.studies ?? '—'} → {e.after?.studies ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}
