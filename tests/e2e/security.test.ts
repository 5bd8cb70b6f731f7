/** Security basics over real HTTP: headers, cookie flags, and the failed sign-in limit answered with 429. */
import { describe, expect, it } from 'vitest'
import { baseUrl } from './browser'

async function csrf(): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${baseUrl()}/api/auth/csrf`)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  return { token: ((await res.json()) as { csrfToken: string }).csrfToken, cookie }
}

async function attemptSignIn(email: string, password: string) {
  const { token, cookie } = await csrf()
  return fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password, csrfToken: token, json: 'true' }),
  })
}

describe('security basics', () => {
  it('sends the security headers on pages and API routes', async () => {
    for (const path of ['/signin', '/api/auth/csrf']) {
      const res = await fetch(`${baseUrl()}${path}`)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("object-src 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(res.headers.get('x-powered-by')).toBeNull()
    }
  })

  it('sets the session cookie httpOnly and secure in production', async () => {
    const email = `cookie-${Date.now()}@example.test`
    await fetch(`${baseUrl()}/api/trpc/account.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { name: 'Cookie', email, password: 'cookie passphrase' } }),
    })
    const res = await attemptSignIn(email, 'cookie passphrase')
    const session = res.headers.getSetCookie().find((c) => c.includes('next-auth.session-token'))
    expect(session).toBeDefined()
    expect(session).toMatch(/HttpOnly/i)
    expect(session).toMatch(/Secure/i)
    expect(session).toMatch(/SameSite=Lax/i)
  })

  it('answers the 11th failed sign-in for an account within 15 minutes with 429 and a clear message', async () => {
    const email = `victim-${Date.now()}@example.test`
    for (let i = 0; i < 10; i++) {
      const res = await attemptSignIn(email, `wrong-${i}`)
      expect(res.status, `attempt ${i + 1}`).toBe(401)
    }
    const limited = await attemptSignIn(email, 'wrong again')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800)
    const body = (await limited.json()) as { message: string; url: string }
    expect(body.message).toMatch(/^Too many failed sign-ins\. Try again in 1[45] minutes\.$/)
    expect(body.url).toContain('error=RateLimited')
  })

  it('never sends the password or its hash back', async () => {
    const email = `echo-${Date.now()}@example.test`
    const res = await fetch(`${baseUrl()}/api/trpc/account.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { name: 'Echo', email, password: 'echo passphrase' } }),
    })
    const text = await res.text()
    expect(res.status).toBe(200)
    expect(text).not.toMatch(/echo passphrase|argon2|passwordHash/)
  })
})
