import { authorizeReviewRoute, errorResponse } from '@/server/api/route-auth'
import { fullTextBytes } from '@/server/services/records/fulltext'

export const dynamic = 'force-dynamic'

export async function GET(_req: Request, { params }: { params: Promise<{ reviewId: string; fullTextId: string }> }) {
  try {
    const { reviewId, fullTextId } = await params
    await authorizeReviewRoute(reviewId, 'records.read')
    const file = await fullTextBytes(reviewId, fullTextId)
    return new Response(new Uint8Array(file.data), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'cache-control': 'private, max-age=3600',
        etag: `"${file.sha256}"`,
      },
    })
  } catch (e) {
    return errorResponse(e)
  }
}
