/** Upload of a record's full-text PDF: the body is the file, at most 50 MB; it must be a PDF. */
import { authorizeReviewRoute, bodyChunks, errorResponse } from '@/server/api/route-auth'
import { maxPdfBytes, readLimited, uploadFullText } from '@/server/services/records/fulltext'
import { AppError } from '@/server/errors'

export const dynamic = 'force-dynamic'

export async function POST(req: Request, { params }: { params: Promise<{ reviewId: string; recordId: string }> }) {
  try {
    const { reviewId, recordId } = await params
    const actor = await authorizeReviewRoute(reviewId, 'fulltext.upload')
    const declared = Number(req.headers.get('content-length') ?? 0)
    if (declared > maxPdfBytes) throw new AppError('BAD_REQUEST', `The file is larger than ${maxPdfBytes / 1024 / 1024} MB.`)
    const fileName = decodeURIComponent(new URL(req.url).searchParams.get('fileName') ?? 'full-text.pdf')
    const bytes = await readLimited(bodyChunks(req))
    return Response.json(await uploadFullText(actor, recordId, fileName, bytes), { status: 201 })
  } catch (e) {
    return errorResponse(e)
  }
}
