/**
 * Upload of a search export. The request body is the file itself (streamed, never buffered whole);
 * the response is NDJSON: progress lines while the records are read, then one `{ done }` or `{ error }`.
 */
import { z } from 'zod'
import { authorizeReviewRoute, errorResponse, limitedBody } from '@/server/api/route-auth'
import { importRecords } from '@/server/services/records/import'
import { AppError } from '@/server/errors'
import { citationFormats } from '@/core/citations/citation-record'

export const dynamic = 'force-dynamic'
export const maxDuration = 900

/** The largest search export taken through the page (about 300,000 RIS records). */
const maxImportBytes = 512 * 1024 * 1024

const meta = z.object({
  source: z.string().trim().min(1, 'Name the database or register searched.').max(100),
  sourceKind: z.enum(['database', 'register', 'other']).default('database'),
  searchDate: z.iso.date('Give the date the search was run.').transform((d) => new Date(`${d}T00:00:00Z`)),
  searchQuery: z.string().max(20_000).optional(),
  fileName: z.string().trim().min(1).max(255),
  format: z.enum(citationFormats as unknown as [string, ...string[]]).optional(),
})

export async function POST(req: Request, { params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params
  let actor: Awaited<ReturnType<typeof authorizeReviewRoute>>
  let input: z.infer<typeof meta>
  let body: AsyncGenerator<Uint8Array>
  try {
    actor = await authorizeReviewRoute(reviewId, 'records.import')
    const url = new URL(req.url)
    const parsed = meta.safeParse(Object.fromEntries(url.searchParams))
    if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => i.message).join(' '), z.flattenError(parsed.error).fieldErrors as Record<string, string[]>)
    input = parsed.data
    if (!req.body) throw new AppError('BAD_REQUEST', 'The upload is empty.')
    body = limitedBody(req, maxImportBytes, 'file')
  } catch (e) {
    return errorResponse(e)
  }
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      // once the whole file has arrived, a page that goes away does not stop the import: it still commits
      let open = true
      const send = (o: unknown) => {
        if (!open) return
        try {
          controller.enqueue(encoder.encode(JSON.stringify(o) + '\n'))
        } catch {
          open = false
        }
      }
      let last = 0
      try {
        const summary = await importRecords(actor, { ...input, format: input.format as never }, body, (p) => {
          const now = Date.now()
          if (p.phase !== 'reading' || now - last > 200) {
            last = now
            send({ progress: p })
          }
        })
        send({ done: { ...summary, warnings: summary.warnings.slice(0, 200), warningCount: summary.warnings.length } })
      } catch (e) {
        const message = e instanceof AppError ? e.message : 'The import failed on the server; nothing was imported.'
        if (!(e instanceof AppError)) console.error(e)
        send({ error: message })
      } finally {
        if (open) controller.close()
      }
    },
  })
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' } })
}
