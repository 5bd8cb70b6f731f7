/**
 * Import of a review backup: the request body is the JSON file; any signed-in person may import, and
 * becomes the owner of the new review. Answers `{ summary }`, or `{ error }` naming what is wrong.
 */
import { getSessionClaim } from '@/server/auth/session'
import { signedIn } from '@/server/authz/access'
import { bodyChunks, errorResponse } from '@/server/api/route-auth'
import { AppError } from '@/server/errors'
import { importReview, readBackup } from '@/server/services/backup/import'

export const dynamic = 'force-dynamic'
export const maxDuration = 900

/** V8 cannot hold a longer string than about 512 MiB, so a larger backup is refused up front. */
const maxBytes = 500 * 1024 * 1024

export async function POST(req: Request) {
  try {
    const user = await signedIn(await getSessionClaim())
    const declared = Number(req.headers.get('content-length') ?? 0)
    const tooLarge = new AppError('BAD_REQUEST', `The backup is larger than ${maxBytes / 1024 / 1024} MB; import it with 'ferrite backup import' on the server instead.`)
    if (declared > maxBytes) throw tooLarge
    const parts: Uint8Array[] = []
    let size = 0
    for await (const part of bodyChunks(req)) {
      size += part.byteLength
      if (size > maxBytes) throw tooLarge
      parts.push(part)
    }
    if (!size) throw new AppError('BAD_REQUEST', 'The upload is empty; choose a Ferrite backup file (.json).')
    const summary = await importReview(user.id, readBackup(Buffer.concat(parts).toString('utf8')))
    return Response.json({ summary })
  } catch (e) {
    return errorResponse(e)
  }
}
