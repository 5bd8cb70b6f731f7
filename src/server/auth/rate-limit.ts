/**
 * Failed sign-ins are limited per account and per client address: at most `maxFailures` in `windowMs`.
 * The limit is applied where the credentials are checked (next-auth's `authorize`), on the email that is
 * actually checked, whatever the form or JSON body looked like. Counting is atomic: an attempt takes an
 * advisory lock on its email and its address, counts the failures, and records itself as a failure
 * before the password is verified (it is marked as a success afterwards if it was one), so a burst of
 * parallel guesses cannot all slip under the limit. Attempts live in Postgres, so every app instance sees
 * the same counts; rows older than a day are pruned by the worker.
 */
import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'
import { sql, transaction } from '@/server/db/sql'

export const signInLimit = { maxFailures: 10, windowMs: 15 * 60_000 }

export interface LimitState {
  limited: boolean
  retryAfterSeconds: number
}

interface Counts {
  byEmail: number
  byIp: number
  emailFrees: Date | null
  ipFrees: Date | null
}

/** The failures that count against an email or an address, and when each limit frees up. */
const countsSql = `
  WITH e AS (SELECT "createdAt" FROM "LoginAttempt" WHERE email = $1 AND NOT succeeded AND "createdAt" > now() - make_interval(secs => $3) ORDER BY "createdAt" DESC LIMIT $4),
       i AS (SELECT "createdAt" FROM "LoginAttempt" WHERE ip = $2 AND NOT succeeded AND "createdAt" > now() - make_interval(secs => $3) ORDER BY "createdAt" DESC LIMIT $4)
  SELECT (SELECT count(*)::int FROM e) AS "byEmail", (SELECT count(*)::int FROM i) AS "byIp",
         (SELECT min("createdAt") FROM e) + make_interval(secs => $3) AS "emailFrees",
         (SELECT min("createdAt") FROM i) + make_interval(secs => $3) AS "ipFrees"`

function stateOf(c: Counts, now: number): LimitState {
  const frees = [c.byEmail >= signInLimit.maxFailures ? c.emailFrees : null, c.byIp >= signInLimit.maxFailures ? c.ipFrees : null].filter((d): d is Date => d !== null)
  if (!frees.length) return { limited: false, retryAfterSeconds: 0 }
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((Math.max(...frees.map((d) => d.getTime())) - now) / 1000)) }
}

/**
 * Starts a sign-in attempt: refused when the email or the address is over its limit; otherwise recorded
 * (as a failure until `attemptSucceeded` says otherwise) and its id returned.
 */
export async function beginSignInAttempt(email: string, ip: string): Promise<LimitState & { attemptId: string | null }> {
  const address = email.toLowerCase()
  return transaction(async (client) => {
    // one lock namespace after the other, always in this order, so two attempts never wait on each other in a cycle
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('ferrite-signin-email:' || $1, 0)), pg_advisory_xact_lock(hashtextextended('ferrite-signin-ip:' || $2, 0))`, [address, ip])
    const [counts] = await sql<Counts>(countsSql, [address, ip, signInLimit.windowMs / 1000, signInLimit.maxFailures], client)
    const state = stateOf(counts!, Date.now())
    if (state.limited) return { ...state, attemptId: null }
    const [row] = await sql<{ id: string }>('INSERT INTO "LoginAttempt" (email, ip, succeeded) VALUES ($1, $2, false) RETURNING id::text', [address, ip], client)
    return { ...state, attemptId: row!.id }
  })
}

export async function attemptSucceeded(attemptId: string): Promise<void> {
  await sql('UPDATE "LoginAttempt" SET succeeded = true WHERE id = $1::bigint', [attemptId])
}

/** The limit as it stands for an email and an address (for tests and the sign-in page). */
export async function signInLimitState(email: string, ip: string): Promise<LimitState> {
  const [counts] = await sql<Counts>(countsSql, [email.toLowerCase(), ip, signInLimit.windowMs / 1000, signInLimit.maxFailures])
  return stateOf(counts!, Date.now())
}

/** Forgets attempts older than a day (the window is 15 minutes). */
export async function pruneSignInAttempts(): Promise<number> {
  const rows = await sql<{ n: number }>(`WITH gone AS (DELETE FROM "LoginAttempt" WHERE "createdAt" < now() - interval '1 day' RETURNING 1) SELECT count(*)::int AS n FROM gone`)
  return rows[0]!.n
}

/**
 * What `authorize` tells the sign-in route about the request it is handling (the route answers 429
 * with Retry-After when the attempt was refused for the limit). Set up per request by the route.
 */
export const signInOutcome = new AsyncLocalStorage<{ limited?: LimitState }>()
