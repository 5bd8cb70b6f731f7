'use client'
import { Badge } from '@/components/ui/badge'
import { ProgressBar } from '@/components/ui/progress'
import { formatCount, formatMoment } from '@/lib/format'

interface Run {
  status: 'QUEUED' | 'RUNNING' | 'FAILED' | 'DONE'
  hits: number | null
  fetched: number
  newRecords: number | null
  finishedAt: Date | string | null
  error: string | null
}

/** A run's state in a cell: waiting, fetching (with progress), failed (with the reason), or done (with what was new). */
export function RunStatus({ run }: { run: Run }) {
  if (run.status === 'QUEUED') return <Badge tone="accent">Waiting to run</Badge>
  if (run.status === 'RUNNING')
    return (
      <div className="min-w-40 space-y-1" data-testid="run-progress">
        <div className="text-xs text-stone-700">
          Fetching {formatCount(run.fetched)}
          {run.hits !== null ? ` of ${formatCount(run.hits)}` : ''}
        </div>
        <ProgressBar value={run.fetched} max={run.hits ?? undefined} label="Records fetched" />
      </div>
    )
  if (run.status === 'FAILED')
    return (
      <div className="max-w-80 space-y-0.5">
        <Badge tone="danger">Stopped</Badge> <span className="text-xs text-stone-600">{formatCount(run.fetched)} fetched, kept for the resumed run</span>
        <p className="text-xs text-red-800" role="note">
          {run.error}
        </p>
      </div>
    )
  return (
    <div className="text-xs">
      <Badge tone="good">{formatCount(run.newRecords ?? 0)} new</Badge> <span className="text-stone-600">{run.finishedAt ? formatMoment(run.finishedAt) : ''}</span>
    </div>
  )
}
