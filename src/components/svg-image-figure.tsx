import type { DrawnSvg } from '@/core/plots/svg-document'
import { FigureFrame } from './figure-frame'

/**
 * A figure drawn in the browser (a live page redraws it as data change), shown as an image: an SVG in
 * an <img> runs no script and loads nothing, and no markup enters the page's HTML.
 */
export function SvgImageFigure({ svg, caption, downloadHref, testId }: { svg: DrawnSvg; caption: string; downloadHref?: string; testId?: string }) {
  return (
    <FigureFrame caption={caption} downloadHref={downloadHref}>
      <div className="overflow-x-auto rounded-md border border-stone-200 bg-white p-2" data-testid={testId}>
        {/* biome-ignore lint/performance/noImgElement: a data URI of a figure drawn here, nothing for next/image to optimise */}
        <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={caption} className="mx-auto block h-auto max-w-full" />
      </div>
    </FigureFrame>
  )
}
