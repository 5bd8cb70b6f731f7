/** Housekeeping the worker runs every hour: forgetting ended sessions and old sign-in attempts. */
import 'server-only'
import { pruneSignInAttempts } from '@/server/auth/rate-limit'
import { pruneSessions } from '@/server/auth/sessions'

export const maintenanceIntervalMs = 3600_000

export async function runMaintenance(): Promise<{ sessions: number; signInAttempts: number }> {
  return { sessions: await pruneSessions(), signInAttempts: await pruneSignInAttempts() }
}

/** Runs maintenance now and then every hour; returns a function that stops it. */
export function startMaintenance(log: (line: string) => void = () => undefined): () => void {
  const run = () =>
    runMaintenance().then(
      (n) => (n.sessions || n.signInAttempts ? log(`Maintenance: forgot ${n.sessions} ended sessions and ${n.signInAttempts} old sign-in attempts.`) : undefined),
      (e: unknown) => log(`Maintenance failed: ${e instanceof Error ? e.message : String(e)}`),
    )
  void run()
  const timer = setInterval(() => void run(), maintenanceIntervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
