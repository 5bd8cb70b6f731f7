import { clsx, type ClassValue } from 'clsx'
import { extendTailwindMerge } from 'tailwind-merge'

/** Tailwind's merge, told about Ferrite's type scale (globals.css), so that `text-ui` and `text-xs` replace each other. */
const merge = extendTailwindMerge({ extend: { theme: { text: ['fine', 'ui', 'title', 'display'] } } })

/** Class names joined, later Tailwind classes winning over earlier ones (a Card's `bg-amber-50` over its `bg-white`). */
export const cn = (...classes: ClassValue[]) => merge(clsx(classes))
