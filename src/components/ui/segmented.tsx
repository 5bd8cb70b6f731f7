'use client'
import { ToggleGroup } from 'radix-ui'
import { cn } from '@/lib/cn'

export interface SegmentedItem<T extends string> {
  value: T
  label: string
}

/**
 * One choice among a few, shown side by side (Radix toggle group, single): arrow keys move between the
 * choices, Space or Enter picks one. Picking the chosen one again keeps it (a choice is never empty).
 */
export function Segmented<T extends string>({ label, value, items, onChange, className }: { label: string; value: T; items: SegmentedItem<T>[]; onChange: (value: T) => void; className?: string }) {
  return (
    <ToggleGroup.Root
      type="single"
      aria-label={label}
      value={value}
      onValueChange={(v) => {
        if (v) onChange(v as T)
      }}
      className={cn('inline-flex rounded-md border border-stone-300 bg-white p-0.5 text-ui', className)}
    >
      {items.map((item) => (
        <ToggleGroup.Item key={item.value} value={item.value} className="rounded px-2.5 py-1 font-medium text-stone-600 hover:text-stone-900 data-[state=on]:bg-accent-700 data-[state=on]:text-white">
          {item.label}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  )
}
