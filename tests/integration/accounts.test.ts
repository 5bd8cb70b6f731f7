import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { verifyPassword } from '@/server/auth/password'
import { recordSignInAttempt, signInLimit, signInLimitState } from '@/server/auth/rate-limit'
import { callerFor, newUser, reviewWithTeam } from '../helpers/fixtures'
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
  it('limits after 10 failures per account and per address within 15 minutes', async () => {
    const email = `limited-${Date.now()}@example.test`
    for (let i = 0; i < signInLimit.maxFailures - 1; i++) await recordSignInAttempt(email, `10.0.0.${i}`, false)
    expect((await signInLimitState(email, '10.9.9.9')).limited).toBe(false)
    await recordSignInAttempt(email, '10.0.0.99', false)
    const state = await signInLimitState(email, '10.9.9.9')
    expect(state.limited).toBe(true)
    expect(state.retryAfterSeconds).toBeGreaterThan(14 * 60)
    // 16 minutes later the window has passed
    expect((await signInLimitState(email, '10.9.9.9', new Date(Date.now() + 16 * 60_000))).limited).toBe(false)

    const ip = `192.0.2.${Math.floor(Math.random() * 200)}-${Date.now()}`
    for (let i = 0; i < signInLimit.maxFailures; i++) await recordSignInAttempt(`someone${i}@example.test`, ip, false)
    expect((await signInLimitState('fresh@example.test', ip)).limited).toBe(true)
    // successful sign-ins do not count
    const ok = `ok-${Date.now()}@example.test`
    for (let i = 0; i < 12; i++) await recordSignInAttempt(ok, '198.51.100.1', true)
    expect((await signInLimitState(ok, '198.51.100.2')).limited).toBe(false)
  })
})
