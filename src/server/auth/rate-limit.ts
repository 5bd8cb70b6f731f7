/**
 * Failed sign-ins are limited per account and per address: at most `maxFailures` in `windowMs`.
 * Attempts live in Postgres, so every app instance sees the same counts.
 */
import { prisma } from '@/server/db/client'

export const signInLimit = { maxFailures: 10, windowMs: 15 * 60_000 }

export interface LimitState {
  limited: boolean
  retryAfterSeconds: number
}

export async function signInLimitState(email: string, ip: string, now = new Date()): Promise<LimitState> {
  const since = new Date(now.getTime() - signInLimit.windowMs)
  const db = prisma()
  const [byEmail, byIp] = await Promise.all([
    db.loginAttempt.findMany({ where: { email: email.toLowerCase(), succeeded: false, createdAt: { gt: since } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
    db.loginAttempt.findMany({ where: { ip, succeeded: false, createdAt: { gt: since } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
  ])
  const over = [byEmail, byIp].filter((a) => a.length >= signInLimit.maxFailures)
  if (over.length === 0) return { limited: false, retryAfterSeconds: 0 }
  // The window frees up when the oldest failure that keeps the count at the limit expires.
  const frees = over.map((a) => a[a.length - signInLimit.maxFailures]!.createdAt.getTime() + signInLimit.windowMs)
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((Math.max(...frees) - now.getTime()) / 1000)) }
}

export async function recordSignInAttempt(email: string, ip: string, succeeded: boolean): Promise<void> {
  await prisma().loginAttempt.create({ data: { email: email.toLowerCase(), ip, succeeded } })
}

/** The client address as the nearest proxy saw it (Next.js fills x-forwarded-for from the socket when absent). */
export function clientAddress(header: (name: string) => string | null | undefined): string {
  const last = header('x-forwarded-for')?.split(',').pop()?.trim()
  return last || header('x-real-ip') || 'unknown'
}
