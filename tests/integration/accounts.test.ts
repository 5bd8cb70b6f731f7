import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { verifyPassword } from '@/server/auth/password'
import { attemptSucceeded, beginSignInAttempt, pruneSignInAttempts, signInLimit, signInLimitState } from '@/server/auth/rate-limit'
import { callerFor, newUser, reviewWithTeam } from '../helpers/fixtures'
import { startSession } from '@/server/auth/sessions'
import { runMaintenance } from '@/server/services/maintenance'
import { httpMutation } from '../helpers/http'

const fieldErrorsOf = async (path: string, input: unknown, user: { id: string } | null = null) => {
  const { status, error } = await httpMutation(path, input, user)
  expect(status).toBe(400)
  return error?.fieldErrors
}

describe('accounts', () => {
  it('signs up with an argon2id hash and never returns or stores the password', async () => {
    const email = `Ada.${Date.now()}@Example.test`
    const user = await callerFor(null).account.signUp({ name: 'Ada', email, password: 'a long enough passphrase' })
    expect(user).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: 'Ada' })
    const row = await prisma().user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    expect(row.passwordHash).not.toContain('passphrase')
    expect(await verifyPassword(row.passwordHash, 'a long enough passphrase')).toBe(true)
  })

  it('answers invalid sign-ups with field errors', async () => {
    expect(await fieldErrorsOf('account.signUp', { name: '', email: 'not-an-email', password: 'short' })).toEqual({
      name: ['Enter your name.'],
      email: ['Enter a valid email address.'],
      password: ['Use at least 10 characters.'],
    })
    const existing = await newUser()
    expect(await fieldErrorsOf('account.signUp', { name: 'X', email: existing.email.toUpperCase(), password: 'another passphrase' })).toEqual({
      email: ['An account with this email already exists. Sign in instead.'],
    })
  })

  it('changes the password only with the current one', async () => {
    const u = await newUser({ password: 'old passphrase here' })
    const c = callerFor(u)
    expect(await fieldErrorsOf('account.changePassword', { currentPassword: 'wrong one!', newPassword: 'new passphrase here' }, u)).toEqual({
      currentPassword: ['The current password is not correct.'],
    })
    await c.account.changePassword({ currentPassword: 'old passphrase here', newPassword: 'new passphrase here' })
    const row = await prisma().user.findUniqueOrThrow({ where: { id: u.id } })
    expect(await verifyPassword(row.passwordHash, 'new passphrase here')).toBe(true)
  })

  it('returns no password hash from any read', async () => {
    const t = await reviewWithTeam()
    const c = callerFor(t.users.owner)
    const everything = JSON.stringify([await c.account.me(), await c.member.list({ reviewId: t.review.id }), await c.review.list(), await c.review.auditLog({ reviewId: t.review.id })], (_, v) =>
      typeof v === 'bigint' ? String(v) : v,
    )
    expect(everything).not.toMatch(/passwordHash|\$argon2/)
  })
})

describe('sign-in limit', () => {
  const fail = async (email: string, ip: string) => expect((await beginSignInAttempt(email, ip)).limited).toBe(false)

  it('limits after 10 failures per account and per address within 15 minutes', async () => {
    const email = `limited-${Date.now()}@example.test`
    for (let i = 0; i < signInLimit.maxFailures - 1; i++) await fail(email, `10.0.0.${i}`)
    expect((await signInLimitState(email, '10.9.9.9')).limited).toBe(false)
    await fail(email, '10.0.0.99')
    const state = await signInLimitState(email, '10.9.9.9')
    expect(state.limited).toBe(true)
    expect(state.retryAfterSeconds).toBeGreaterThan(14 * 60)
    expect(await beginSignInAttempt(email, '10.9.9.9')).toMatchObject({ limited: true, attemptId: null })

    // failures older than the window do not count
    const old = `old-${Date.now()}@example.test`
    await prisma().loginAttempt.createMany({ data: Array.from({ length: 12 }, () => ({ email: old, ip: '203.0.113.1', succeeded: false, createdAt: new Date(Date.now() - 16 * 60_000) })) })
    expect((await signInLimitState(old, '203.0.113.2')).limited).toBe(false)

    const ip = `192.0.2.${Math.floor(Math.random() * 200)}-${Date.now()}`
    for (let i = 0; i < signInLimit.maxFailures; i++) await fail(`someone${i}@example.test`, ip)
    expect((await signInLimitState('fresh@example.test', ip)).limited).toBe(true)
    // successful sign-ins do not count
    const ok = `ok-${Date.now()}@example.test`
    for (let i = 0; i < 12; i++) await attemptSucceeded((await beginSignInAttempt(ok, '198.51.100.1')).attemptId!)
    expect((await signInLimitState(ok, '198.51.100.2')).limited).toBe(false)
  })

  it('lets exactly the limit through when many attempts arrive at once', async () => {
    const email = `burst-${Date.now()}@example.test`
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => beginSignInAttempt(email, `10.1.${i}.1`)))
    expect(results.filter((r) => !r.limited)).toHaveLength(signInLimit.maxFailures)
  })

  it('forgets attempts older than a day', async () => {
    const email = `prune-${Date.now()}@example.test`
    await prisma().loginAttempt.create({ data: { email, ip: '203.0.113.9', succeeded: false, createdAt: new Date(Date.now() - 25 * 3600_000) } })
    expect(await pruneSignInAttempts()).toBeGreaterThanOrEqual(1)
    expect(await prisma().loginAttempt.count({ where: { email } })).toBe(0)
  })

  it('forgets sessions that ended more than a day ago, and keeps live ones', async () => {
    const u = await newUser()
    const live = await startSession(u.id)
    const ended = await startSession(u.id)
    await prisma().authSession.update({ where: { id: ended }, data: { revokedAt: new Date(Date.now() - 2 * 86_400_000) } })
    const { sessions } = await runMaintenance()
    expect(sessions).toBeGreaterThanOrEqual(1)
    expect((await prisma().authSession.findMany({ where: { userId: u.id } })).map((s) => s.id)).toEqual([live])
  })
})
