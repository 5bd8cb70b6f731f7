/** The records a filter of the records page selects, as RIS or CSV (streamed). */
import { z } from 'zod'
import { authorizeReviewRoute, errorResponse } from '@/server/api/route-auth'
import { exportRecords } from '@/server/services/records/search'
import { fieldError } from '@/server/errors'

export const dynamic = 'force-dynamic'

const query = z.object({
  format: z.enum(['ris', 'csv']).default('ris'),
  q: z.string().max(200).optional(),
  stage: z.enum(['TITLE_ABSTRACT', 'FULL_TEXT']).default('TITLE_ABSTRACT'),
  filter: z.enum(['all', 'awaiting-me', 'voted-by-me', 'open', 'conflict', 'included', 'excluded', 'duplicates', 'not-retrieved']).default('all'),
  importId: z.string().max(100).optional(),
  tagId: z.string().max(100).optional(),
})

export async function GET(req: Request, { params }: { params: Promise<{ reviewId: string }> }) {
  try {
    const { reviewId } = await params
    const actor = await authorizeReviewRoute(reviewId, 'records.read')
    const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams))
    if (!parsed.success) throw fieldError(String(parsed.error.issues[0]?.path[0] ?? 'query'), parsed.error.issues[0]?.message ?? 'Invalid export request')
    const { format, ...filter } = parsed.data
    const chunks = exportRecords(actor, filter, format)
    const encoder = new TextEncoder()
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await chunks.next()
        if (done) controller.close()
        else controller.enqueue(encoder.encode(value))
      },
      async cancel() {
        await chunks.return(undefined)
      },
    })
    return new Response(body, {
      headers: {
        'content-type': format === 'ris' ? 'application/x-research-info-systems; charset=utf-8' : 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="records-${filter.filter}.${format}"`,
        'cache-control': 'no-store',
      },
    })
  } catch (e) {
    return errorResponse(e)
  }
}
