import { describe, expect, it } from 'vitest'
import { cn } from '@/lib/cn'

describe('cn', () => {
  it('lets a later Tailwind class win over an earlier one of the same kind', () => {
    expect(cn('rounded-lg border border-stone-200 bg-white', 'border-amber-300 bg-amber-50')).toBe('rounded-lg border border-amber-300 bg-amber-50')
    expect(cn('text-ui text-stone-600', 'text-xs')).toBe('text-stone-600 text-xs')
    expect(cn('px-4 py-2', false, undefined, 'py-1')).toBe('px-4 py-1')
  })
})
