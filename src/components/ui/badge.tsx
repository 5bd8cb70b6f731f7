import type { HTMLAttributes } from 'react'
import { cn } from '@/lib/cn'

const tones = {
  neutral: 'bg-stone-100 text-stone-700 ring-stone-200',
  accent: 'bg-accent-50 text-accent-800 ring-accent-100',
  warn: 'bg-amber-50 text-amber-900 ring-amber-200',
  danger: 'bg-red-50 text-red-800 ring-red-200',
  good: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
} as const

export const Badge = ({ tone = 'neutral', className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: keyof typeof tones }) => (
  <span className={cn('inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset', tones[tone], className)} {...props} />
)
