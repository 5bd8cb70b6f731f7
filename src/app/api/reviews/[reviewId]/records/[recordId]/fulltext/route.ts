/** Upload of a record's full-text PDF: the body is the file, at most 50 MB; it must be a PDF. */
import { authorizeReviewRoute, errorResponse, readBody } from '@/server/api/route-auth'
import { maxPdfBytes, uploadFullText } from '@/server/services/records/fulltext'

export const dynamic = 'force-dynamic'

export async function POST(req: Request, { params }: { params: Promise<{ reviewId: string; recordId: string }> }) {
  try {
    const { reviewId, recordId } = await params
    const actor = await authorizeReviewRoute(reviewId, 'fulltext.upload')
    const fileName = decodeURIComponent(new URL(req.url).searchParams.get('fileName') ?? 'full-text.pdf')
    const bytes = await readBody(req, maxPdfBytes, 'file')
    return Response.json(await uploadFullText(actor, recordId, fileName, bytes), { status: 201 })
  } catch (e) {
    return errorResponse(e)
  }
}
