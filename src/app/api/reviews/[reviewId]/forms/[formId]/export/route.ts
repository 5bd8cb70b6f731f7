/** Agreed (consensus) data of a form: CSV, one row per study and repeating-group row, or JSON with provenance. */
import { authorizeReviewRoute, errorResponse } from '@/server/api/route-auth'
import { exportConsensus } from '@/server/services/extraction/export'

export const dynamic = 'force-dynamic'

export async function GET(req: Request, { params }: { params: Promise<{ reviewId: string; formId: string }> }) {
  try {
    const { reviewId, formId } = await params
    await authorizeReviewRoute(reviewId, 'extraction.read')
    const { json, csv, fileBase } = await exportConsensus(reviewId, formId)
    const asJson = new URL(req.url).searchParams.get('format') === 'json'
    return new Response(asJson ? JSON.stringify(json, null, 2) : csv, {
      headers: {
        'content-type': asJson ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileBase}.${asJson ? 'json' : 'csv'}"`,
        'cache-control': 'no-store',
      },
    })
  } catch (e) {
    return errorResponse(e)
  }
}
