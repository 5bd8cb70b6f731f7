import 'server-only'
import type { HTMLAttributes } from 'react'
import type { DrawnSvg } from '@/core/plots/svg-document'
import { cn } from '@/lib/cn'

/**
 * The one place a page puts markup into its HTML: a figure the core's generators drew on the server
 * (the server-only marker makes importing this into a client component fail the build) from checked
 * data, in this request (every label escaped, every number checked; see DrawnSvg). Stored text never
 * reaches here: the type admits only what the generators return.
 */
export function DrawnSvgBox({ svg, className, ...props }: { svg: DrawnSvg } & Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'dangerouslySetInnerHTML'>) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a DrawnSvg is made only by the core's SVG generators, which escape every label
  return <div className={cn('plot', className)} {...props} dangerouslySetInnerHTML={{ __html: svg }} />
}
