import Link from 'next/link'
import { cn } from '@/lib/cn'

/** Title/abstract or full text: the two stages every screening page offers. */
export function StageSwitch({ base, stage }: { base: string; stage: 'TITLE_ABSTRACT' | 'FULL_TEXT' }) {
  const items = [
    { key: 'TITLE_ABSTRACT', label: 'Title & abstract', href: base },
    { key: 'FULL_TEXT', label: 'Full text', href: `${base}?stage=full-text` },
  ] as const
  return (
    <nav aria-label="Screening stage" className="inline-flex rounded-md border border-stone-300 bg-white p-0.5 text-[13px]">
      {items.map((i) => (
        <Link
          key={i.key}
          href={i.href}
          aria-current={stage === i.key ? 'page' : undefined}
          className={cn('rounded px-3 py-1 font-medium', stage === i.key ? 'bg-accent-700 text-white' : 'text-stone-700 hover:bg-stone-100')}
        >
          {i.label}
        </Link>
      ))}
    </nav>
  )
}
