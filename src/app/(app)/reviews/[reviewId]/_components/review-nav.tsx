'use client'
import { useEffect, useRef } from 'react'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { cn } from '@/lib/cn'

export interface NavItem {
  href: string
  label: string
  exact?: boolean
}

export function ReviewNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname()
  const list = useRef<HTMLUListElement>(null)
  const isActive = (item: NavItem) => (item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`))
  const current = items.find(isActive)?.href
  // on a narrow screen the current tab may lie beyond the edge: bring it into view
  useEffect(() => {
    if (current) list.current?.querySelector(`a[href="${CSS.escape(current)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [current])
  return (
    <nav aria-label="Review sections" className="mt-2 border-b border-stone-200">
      {/* the fading right edge says the bar scrolls, where it does (phones) */}
      <ul ref={list} className="-mb-px flex gap-1 overflow-x-auto text-ui [mask-image:linear-gradient(to_right,black_calc(100%-2.5rem),transparent)] lg:[mask-image:none]">
        {items.map((item) => {
          const active = isActive(item)
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'block border-b-2 px-3 py-2 font-medium whitespace-nowrap',
                  active ? 'border-accent-700 text-stone-900' : 'border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900',
                )}
              >
                {item.label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
