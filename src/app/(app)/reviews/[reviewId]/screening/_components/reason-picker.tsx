'use client'
import { useEffect, type ReactNode } from 'react'
import { Kbd } from '@/components/ui/kbd'
import { Popover, PopoverAnchor, PopoverContent } from '@/components/ui/popover'

/**
 * Full-text exclusions need a reason: a popover beside the Exclude button lists the review's reasons;
 * pick one with its number key or a click; Escape or a click elsewhere cancels.
 */
export function ReasonPicker({
  open,
  reasons,
  onPick,
  onCancel,
  children,
}: {
  open: boolean
  reasons: { id: string; label: string }[]
  onPick: (id: string) => void
  onCancel: () => void
  children: ReactNode
}) {
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      const n = Number(e.key)
      const reason = Number.isInteger(n) && n >= 1 ? reasons[n - 1] : undefined
      if (reason) {
        e.preventDefault()
        onPick(reason.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open, reasons, onPick])
  return (
    <Popover open={open} onOpenChange={(o) => (o ? undefined : onCancel())}>
      <PopoverAnchor asChild>{children}</PopoverAnchor>
      <PopoverContent align="start" className="w-96" aria-labelledby="reason-heading">
        <p id="reason-heading" className="mb-2 font-medium text-rose-900">
          Why is this full text excluded?
        </p>
        <div className="grid gap-1.5">
          {reasons.map((r, i) => (
            <button
              key={r.id}
              type="button"
              onClick={() => onPick(r.id)}
              className="flex items-center gap-2 rounded border border-stone-300 bg-white px-2.5 py-1.5 text-left text-ui hover:border-rose-400 hover:bg-rose-50 focus-visible:border-rose-400"
            >
              {i < 9 ? <Kbd>{String(i + 1)}</Kbd> : null}
              {r.label}
            </button>
          ))}
        </div>
        <p className="mt-2 text-xs text-stone-600">
          <Kbd>Esc</Kbd> cancels
        </p>
      </PopoverContent>
    </Popover>
  )
}
