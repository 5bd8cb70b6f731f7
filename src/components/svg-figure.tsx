import 'server-only'
import type { DrawnSvg } from '@/core/plots/svg-document'
import { DrawnSvgBox } from './drawn-svg'
import { FigureFrame } from './figure-frame'

/**
 * A figure drawn by the core on the server in this request, in a box that scrolls (and takes keyboard
 * focus) when wider than the page, with SVG and PNG downloads. Server components only.
 */
export function SvgFigure({ svg, caption, downloadHref, testId }: { svg: DrawnSvg; caption: string; downloadHref?: string; testId?: string }) {
  return (
    <FigureFrame caption={caption} downloadHref={downloadHref}>
      <DrawnSvgBox svg={svg} className="overflow-x-auto rounded-md border border-stone-200 bg-white p-2" tabIndex={0} role="group" aria-label={caption} data-testid={testId} />
    </FigureFrame>
  )
}
