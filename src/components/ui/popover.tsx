'use client'
import type { ComponentProps } from 'react'
import { Popover as RadixPopover } from 'radix-ui'
import { cn } from '@/lib/cn'

/** A panel that opens beside its trigger (Radix popover): focus moves into it, Escape or a click outside closes it. */
export const Popover = RadixPopover.Root
export const PopoverTrigger = RadixPopover.Trigger
export const PopoverAnchor = RadixPopover.Anchor

export const PopoverContent = ({ className, ...props }: ComponentProps<typeof RadixPopover.Content>) => (
  <RadixPopover.Portal>
    <RadixPopover.Content sideOffset={6} className={cn('z-50 w-72 rounded-lg border border-stone-200 bg-white p-3 text-ui shadow-lg', className)} {...props} />
  </RadixPopover.Portal>
)
