/** Import of a review backup: the request body is the JSON file. Answers `{ summary }`, or `{ error }` naming what is wrong. */
import { getSessionClaim } from '@/server/auth/session'
import { signedIn } from '@/server/authz/access'
import { errorResponse, readBody } from '@/server/api/route-auth'
import { AppError } from '@/server/errors'
import { importReview, readBackup } from '@/server/services/backup/import'

export const dynamic = 'force-dynamic'
export const maxDuration = 900

/**
 * Who may import: anyone signed in, into a new review that they alone own (services/backup/import.ts).
 * The body is read within a cap (413 beyond it) and parsed only once whole; a larger backup is
 * imported on the server with `ferrite backup import`.
 */
const maxBackupBytes = 100 * 1024 * 1024

export async function POST(req: Request) {
  try {
    const user = await signedIn(await getSessionClaim())
    const body = await readBody(req, maxBackupBytes, "backup (import larger ones on the server with 'ferrite backup import')")
    if (!body.length) throw new AppError('BAD_REQUEST', 'The upload is empty; choose a Ferrite backup file (.json).')
    const summary = await importReview(user.id, readBackup(body.toString('utf8')))
    return Response.json({ summary })
  } catch (e) {
    return errorResponse(e)
  }
}
