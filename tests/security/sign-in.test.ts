/**
 * Attacks on signing in and on sessions, as an outsider would make them with real requests:
 * guessing a password past the limit (duplicate fields, a JSON body, a forged X-Forwarded-For), using a
 * copied cookie after sign-out or a password change, and bending the sign-in redirect to another site.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { e2eDb, e2ePassword, seedTeam } from '../e2e/db'
import { launchBrowser, newContext } from '../e2e/browser'
import { baseUrl, csrf, hasSession, signIn, signInRequest, trpcMutation, trpcQuery } from './http'

afterEach(async () => {
  // every failure here also counts against this machine's address: start each attack afresh
  await e2eDb().loginAttempt.deleteMany({})
})
afterAll(async () => {
  await e2eDb().$disconnect()
})

const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}` })

describe('the sign-in limit', () => {
  it('holds when the email is given twice (the limit is on the one that is checked)', async () => {
    const { users } = await seedTeam('dup-email', { Vic: 'REVIEWER' })
    const victim = users.Vic!.email
    for (let i = 0; i < 10; i++) {
      const res = await signInRequest(
        [
          ['email', `decoy-${i}@example.test`],
          ['email', victim],
          ['password', `guess-${i}`],
        ],
        { headers: forged(i) },
      )
      expect(res.status, `guess ${i + 1}`).toBe(401)
    }
    const lucky = await signInRequest(
      [
        ['email', 'decoy-x@example.test'],
        ['email', victim],
        ['password', e2ePassword],
      ],
      { headers: forged(99) },
    )
    expect(lucky.status).toBe(429)
    expect(hasSession(lucky)).toBe(false)
    expect(Number(lucky.headers.get('retry-after'))).toBeGreaterThan(800)
  })

  it('holds for a JSON body', async () => {
    const { users } = await seedTeam('json-body', { Vic: 'REVIEWER' })
    const victim = users.Vic!.email
    for (let i = 0; i < 10; i++) expect((await signInRequest({ email: victim, password: `guess-${i}` }, { json: true, headers: forged(i) })).status).not.toBe(200)
    const lucky = await signInRequest({ email: victim, password: e2ePassword }, { json: true, headers: forged(50) })
    expect(hasSession(lucky)).toBe(false)
    expect(lucky.status).toBe(429)
  })

  it('counts failures per address from the socket, whatever X-Forwarded-For says', async () => {
    const { users } = await seedTeam('xff', { Vic: 'REVIEWER' })
    // ten different accounts guessed from one machine, each request claiming another address
    for (let i = 0; i < 10; i++) expect((await signInRequest({ email: `nobody-${i}@example.test`, password: 'guess' }, { headers: forged(i) })).status).toBe(401)
    const next = await signInRequest({ email: users.Vic!.email, password: e2ePassword }, { headers: forged(77) })
    expect(next.status).toBe(429)
    expect(hasSession(next)).toBe(false)
  })

  it('lets only the limit through when the guesses arrive at once', async () => {
    const { users } = await seedTeam('burst', { Vic: 'REVIEWER' })
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => signInRequest({ email: users.Vic!.email, password: `guess-${i}` })))
    expect(answers.filter((r) => r.status === 401)).toHaveLength(10)
    expect(answers.filter((r) => r.status === 429)).toHaveLength(15)
  })
})

describe('sessions', () => {
  const reviewList = (cookie: string) => trpcQuery(cookie, 'review.list', undefined)

  it('a copied cookie stops working when its owner signs out', async () => {
    const { users } = await seedTeam('sign-out', { Sam: 'REVIEWER' })
    const cookie = await signIn(users.Sam!.email, e2ePassword)
    expect((await reviewList(cookie)).status).toBe(200)
    const stolen = cookie
    const { token, cookie: csrfCookie } = await csrf()
    const out = await fetch(`${baseUrl()}/api/auth/signout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${cookie}; ${csrfCookie}` },
      body: new URLSearchParams({ csrfToken: token, json: 'true' }),
    })
    expect(out.status).toBeLessThan(400)
    const after = await reviewList(stolen)
    expect(after.status).toBe(401)
    expect(after.error?.message).toBe('Your session has ended. Sign in again.')
    // pages too: the copied cookie gets the sign-in page, not the reviews
    const page = await fetch(`${baseUrl()}/reviews`, { headers: { cookie: stolen }, redirect: 'manual' })
    expect(page.status).toBe(307)
    expect(page.headers.get('location')).toContain('/signin')
  })

  it('a password change ends every other session of the account, and keeps the one that made it', async () => {
    const { users } = await seedTeam('password', { Pat: 'REVIEWER' })
    const here = await signIn(users.Pat!.email, e2ePassword)
    const elsewhere = await signIn(users.Pat!.email, e2ePassword)
    const changed = await trpcMutation<{ endedSessions: number }>(here, 'account.changePassword', { currentPassword: e2ePassword, newPassword: 'a brand new passphrase' })
    expect(changed.data).toEqual({ endedSessions: 1 })
    expect((await reviewList(elsewhere)).status).toBe(401)
    expect((await reviewList(here)).status).toBe(200)
  })

  it('"sign out everywhere else" ends the other sessions at once', async () => {
    const { users } = await seedTeam('elsewhere', { Eve: 'REVIEWER' })
    const here = await signIn(users.Eve!.email, e2ePassword)
    const other = await signIn(users.Eve!.email, e2ePassword)
    expect((await trpcMutation(here, 'account.signOutElsewhere', undefined)).data).toEqual({ endedSessions: 1 })
    expect((await reviewList(other)).status).toBe(401)
    expect((await reviewList(here)).status).toBe(200)
  })
})

describe('the sign-in redirect', () => {
  const hostile = ['/%09/evil.example', '/%0A/evil.example', '//evil.example', '/%5Cevil.example', '/\\evil.example', 'https://evil.example/', '/%0D%0A/evil.example']

  it('never leaves the site, and never fails, whatever callbackUrl says', async () => {
    const { users } = await seedTeam('redirect', { Rae: 'REVIEWER' })
    const cookie = await signIn(users.Rae!.email, e2ePassword)
    for (const target of hostile) {
      // signed in: the page redirects at once
      const res = await fetch(`${baseUrl()}/signin?callbackUrl=${target}`, { headers: { cookie }, redirect: 'manual' })
      expect(res.status, target).toBe(307)
      const location = new URL(res.headers.get('location')!, baseUrl())
      expect(location.origin, target).toBe(new URL(baseUrl()).origin)
      expect(location.pathname.startsWith('//'), target).toBe(false)
      // signed out: the page renders, and the form returns to this site only
      const page = await fetch(`${baseUrl()}/signin?callbackUrl=${target}`)
      expect(page.status, target).toBe(200)
      // the form is given the fallback, not the hostile address
      expect(await page.text(), target).toContain('\\"callbackUrl\\":\\"/reviews\\"')
    }
  })

  it('brings a person who signs in through the form back to this site (Chromium)', async () => {
    const { users } = await seedTeam('redirect-browser', { Rex: 'REVIEWER' })
    const browser = await launchBrowser()
    try {
      const page = await (await newContext(browser)).newPage()
      await page.goto('/signin?callbackUrl=/%09/evil.example')
      await page.getByLabel('Email').fill(users.Rex!.email)
      await page.getByLabel('Password').fill(e2ePassword)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL((u) => !u.pathname.startsWith('/signin'))
      expect(new URL(page.url()).origin).toBe(new URL(baseUrl()).origin)
      expect(new URL(page.url()).pathname).toBe('/reviews')
    } finally {
      await browser.close()
    }
  })
})
