/** The whole review as one JSON document (leads and owners), streamed as it is read. */
import { authorizeReviewRoute, errorResponse } from '@/server/api/route-auth'
import { backupFileName, exportReview } from '@/server/services/backup/export'
import { recordAudit } from '@/server/services/audit'
import { prisma } from '@/server/db/client'

export const dynamic = 'force-dynamic'
export const maxDuration = 900

export async function GET(_req: Request, { params }: { params: Promise<{ reviewId: string }> }) {
  let fileName: string
  let chunks: AsyncGenerator<string>
  try {
    const { reviewId } = await params
    const actor = await authorizeReviewRoute(reviewId, 'review.export')
    fileName = await backupFileName(reviewId)
    await recordAudit(prisma(), { reviewId, actorId: actor.userId, action: 'review.exported', entity: 'Review', entityId: reviewId })
    chunks = exportReview(reviewId)
  } catch (e) {
    return errorResponse(e)
  }
  const encoder = new TextEncoder()
  // a download the browser stops (closed, cancelled) ends the export; a read under way then has nowhere to go
  let cancelled = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next()
        if (cancelled) return
        if (done) controller.close()
        else controller.enqueue(encoder.encode(value))
      } catch (e) {
        if (cancelled) return
        console.error(e)
        controller.error(e)
      }
    },
    async cancel() {
      cancelled = true
      await chunks.return(undefined)
    },
  })
  return new Response(body, {
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
  })
}
