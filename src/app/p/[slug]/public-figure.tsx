import type { Figure } from '@/server/services/publication/figures'
import { cn } from '@/lib/cn'
import { DrawnSvgBox } from '@/components/drawn-svg'

/**
 * A figure of the public page. Its SVG was drawn in this request, on the server, by the core's generators
 * from the version's parsed data (every label escaped, every number checked): no stored markup is
 * ever placed in the page.
 */
export function PublicFigure({ figure, label, className, testId, download }: { figure: Figure; label: string; className?: string; testId?: string; download?: { svg: string; png: string } }) {
  if (figure.error !== null)
    return (
      <p className={cn('rounded-lg border border-stone-200 bg-white p-3 text-ui text-stone-600', className)} data-testid={testId}>
        {figure.error}
      </p>
    )
  const box = <DrawnSvgBox svg={figure.svg} role="img" aria-label={label} className={cn('rounded-lg border border-stone-200 bg-white p-2', !download && className)} data-testid={testId} />
  if (!download) return box
  return (
    <figure className={cn('space-y-1', className)}>
      {box}
      <figcaption className="flex justify-end gap-3 text-xs">
        <a className="font-medium text-accent-700 underline underline-offset-2" href={download.svg} aria-label={`${label} (SVG)`}>
          SVG
        </a>
        <a className="font-medium text-accent-700 underline underline-offset-2" href={download.png} aria-label={`${label} (PNG)`}>
          PNG
        </a>
      </figcaption>
    </figure>
  )
}
