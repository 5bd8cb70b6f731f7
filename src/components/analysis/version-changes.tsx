import type { versionChanges } from '@/server/services/publication/versions'

type Changes = NonNullable<ReturnType<typeof versionChanges>>

const arrow = (before: number, after: number) => `${before.toFixed(2)} → ${after.toFixed(2)}`

/** Studies added and removed since a version, and each analysis's headline estimate before and after. */
export function VersionChanges({ changes, since }: { changes: Changes; since: number }) {
  return (
    <div className="grid gap-4 text-[13px] sm:grid-cols-2" data-testid="version-changes">
      <div>
        <h3 className="font-medium">Since version {since}</h3>
        <p>Studies added: {changes.studiesAdded.length ? changes.studiesAdded.join(', ') : 'none'}</p>
        <p>Studies removed: {changes.studiesRemoved.length ? changes.studiesRemoved.join(', ') : 'none'}</p>
      </div>
      <div>
        <h3 className="font-medium">Estimates before and after</h3>
        <ul>
          {changes.estimates.map((e) => (
            <li key={e.analysis}>
              {e.analysis}:{' '}
              {e.before?.kind === 'dta' && e.after?.kind === 'dta'
                ? `sensitivity ${arrow(e.before.sens[0]!, e.after.sens[0]!)}, specificity ${arrow(e.before.spec[0]!, e.after.spec[0]!)} (${e.before.studies} → ${e.after.studies} studies)`
                : e.before?.kind === 'univariate' && e.after?.kind === 'univariate'
                  ? `${arrow(e.before.estimate[0]!, e.after.estimate[0]!)} (${e.before.studies} → ${e.after.studies} studies)`
                  : e.after
                    ? 'new in this version'
                    : 'no result'}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
