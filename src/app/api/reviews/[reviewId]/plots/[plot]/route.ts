/** A review's plot as SVG or PNG (?format=png), for download. */
import { authorizeReviewRoute, errorResponse } from '@/server/api/route-auth'
import { AppError } from '@/server/errors'
import { svgToPng } from '@/server/plots/png'
import { plotKinds, reviewPlotSvg, type PlotKind } from '@/server/plots/review-plots'

export const dynamic = 'force-dynamic'

const fileName = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'plot'

export async function GET(req: Request, { params }: { params: Promise<{ reviewId: string; plot: string }> }) {
  try {
    const { reviewId, plot } = await params
    await authorizeReviewRoute(reviewId, 'extraction.read')
    if (!plotKinds.includes(plot as PlotKind)) throw new AppError('NOT_FOUND', `There is no plot called "${plot}".`)
    const url = new URL(req.url)
    const { svg, name } = await reviewPlotSvg(reviewId, plot as PlotKind, url.searchParams)
    const png = url.searchParams.get('format') === 'png'
    return new Response(png ? new Uint8Array(svgToPng(svg)) : svg, {
      headers: {
        'content-type': png ? 'image/png' : 'image/svg+xml; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName(name)}.${png ? 'png' : 'svg'}"`,
        'cache-control': 'no-store',
      },
    })
  } catch (e) {
    return errorResponse(e)
  }
}
