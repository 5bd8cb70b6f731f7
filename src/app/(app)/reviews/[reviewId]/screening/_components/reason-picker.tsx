'use client'
import { useEffect, useRef } from 'react'
import { Button } from '@/components/ui/button'
import { Kbd } from '@/components/ui/kbd'

/** Full-text exclusions need a reason: pick one with its number key, or click it; Esc cancels. */
export function ReasonPicker({ reasons, onPick, onCancel }: { reasons: { id: string; label: string }[]; onPick: (id: string) => void; onCancel: () => void }) {
  const first = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    first.current?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') return onCancel()
      const n = Number(e.key)
      const reason = Number.isInteger(n) && n >= 1 ? reasons[n - 1] : undefined
      if (reason) {
        e.preventDefault()
        onPick(reason.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [reasons, onPick, onCancel])
  return (
    <fieldset className="rounded-md border border-rose-200 bg-rose-50/60 p-3">
      <legend className="px-1 text-[13px] font-medium text-rose-900">Why is this full text excluded?</legend>
      <div className="grid gap-1.5 sm:grid-cols-2">
        {reasons.map((r, i) => (
          <button
            key={r.id}
            ref={i === 0 ? first : undefined}
            type="button"
            onClick={() => onPick(r.id)}
            className="flex items-center gap-2 rounded border border-stone-300 bg-white px-2.5 py-1.5 text-left text-[13px] hover:border-rose-400 hover:bg-rose-50"
          >
            {i < 9 ? <Kbd>{String(i + 1)}</Kbd> : null}
            {r.label}
          </button>
        ))}
      </div>
      <Button variant="ghost" size="sm" className="mt-2" onClick={onCancel}>
        Cancel <Kbd>Esc</Kbd>
      </Button>
    </fieldset>
  )
}
