'use client'
import type { ComponentProps } from 'react'
import { Tabs as RadixTabs } from 'radix-ui'
import { cn } from '@/lib/cn'

/** Tabs with arrow-key navigation (Radix): the list, its triggers and a panel per tab. */
export const Tabs = RadixTabs.Root

export const TabsList = ({ className, ...props }: ComponentProps<typeof RadixTabs.List>) => (
  <RadixTabs.List className={cn('inline-flex rounded-md border border-stone-300 bg-white p-0.5 text-ui', className)} {...props} />
)

export const TabsTrigger = ({ className, ...props }: ComponentProps<typeof RadixTabs.Trigger>) => (
  <RadixTabs.Trigger className={cn('rounded px-2.5 py-1 font-medium text-stone-600 hover:text-stone-900 data-[state=active]:bg-accent-700 data-[state=active]:text-white', className)} {...props} />
)

export const TabsContent = ({ className, ...props }: ComponentProps<typeof RadixTabs.Content>) => <RadixTabs.Content className={cn('mt-3 focus-visible:outline-none', className)} {...props} />
