import type { Figure } from '@/server/services/publication/figures'
import { cn } from '@/lib/cn'
import { DrawnSvgBox } from '@/components/drawn-svg'

/**
 * A figure of the public page. Its SVG was drawn in this request, on the server, by the core's generators
 * from the version's parsed data (every label escaped, every number checked): no stored markup is
 * ever placed in the page.
 */
export function PublicFigure({ figure, label, className, testId }: { figure: Figure; label: string; className?: string; testId?: string }) {
  if (figure.error !== null)
    return (
      <p className={cn('rounded-lg border border-stone-200 bg-white p-3 text-ui text-stone-600', className)} data-testid={testId}>
        {figure.error}
      </p>
    )
  return <DrawnSvgBox svg={figure.svg} role="img" aria-label={label} className={cn('rounded-lg border border-stone-200 bg-white p-2', className)} data-testid={testId} />
}
