import { cn } from '@/lib/cn'

/** A determinate progress bar; `value` of `max`. Without a max it shows an indeterminate stripe. */
export function ProgressBar({ value, max, label, className }: { value: number; max?: number; label: string; className?: string }) {
  const pct = max ? Math.min(100, Math.max(0, (value / max) * 100)) : null
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max ?? undefined}
      aria-valuenow={max ? value : undefined}
      className={cn('h-2 w-full overflow-hidden rounded-full bg-stone-200', className)}
    >
      {pct === null ? (
        <div className="h-full w-1/3 animate-pulse rounded-full bg-accent-600" />
      ) : (
        <div className="h-full rounded-full bg-accent-600 transition-[width] duration-200" style={{ width: `${pct}%` }} />
      )}
    </div>
  )
}

/** A stacked bar of parts (e.g. included / excluded / conflicts / open), with a legend for screen readers. */
export function StackedBar({ parts, label }: { parts: { value: number; className: string; label: string }[]; label: string }) {
  const total = parts.reduce((s, p) => s + p.value, 0)
  return (
    <div>
      <div className="flex h-2.5 w-full overflow-hidden rounded-full bg-stone-200" role="img" aria-label={`${label}: ${parts.map((p) => `${p.label} ${p.value}`).join(', ')}`}>
        {total > 0 ? parts.map((p) => <div key={p.label} className={p.className} style={{ width: `${(p.value / total) * 100}%` }} />) : null}
      </div>
    </div>
  )
}
