import type { DrawnSvg } from '@/core/plots/svg-document'
import { DrawnSvgBox } from './drawn-svg'

const withFormat = (href: string, format: 'svg' | 'png') => `${href}${href.includes('?') ? '&' : '?'}format=${format}`

/** A figure drawn by the core, in a box that scrolls (and takes keyboard focus) when wider than the page, with SVG and PNG downloads. */
export function SvgFigure({ svg, caption, downloadHref, testId }: { svg: DrawnSvg; caption: string; downloadHref?: string; testId?: string }) {
  return (
    <figure className="space-y-2">
      <DrawnSvgBox svg={svg} className="overflow-x-auto rounded-md border border-stone-200 bg-white p-2" tabIndex={0} role="group" aria-label={caption} data-testid={testId} />
      <figcaption className="flex flex-wrap items-center gap-3 text-xs text-stone-600">
        <span>{caption}</span>
        {downloadHref ? (
          <>
            <a className="font-medium text-accent-700 underline underline-offset-2" href={withFormat(downloadHref, 'svg')}>
              Download SVG
            </a>
            <a className="font-medium text-accent-700 underline underline-offset-2" href={withFormat(downloadHref, 'png')}>
              Download PNG
            </a>
          </>
        ) : null}
      </figcaption>
    </figure>
  )
}
