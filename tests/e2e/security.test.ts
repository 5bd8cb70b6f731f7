/** Security basics over real HTTP: headers, cookie flags, and the failed sign-in limit answered with 429. */
import { afterAll, describe, expect, it } from 'vitest'
import { baseUrl } from './browser'
import { e2eDb, e2ePassword, seedTeam } from './db'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createImport, createRecord } from '../../prisma/seed/factories'
import { writeSyntheticRis } from '../bench/synthetic-ris'

afterAll(async () => {
  await e2eDb().$disconnect()
})

async function csrf(): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${baseUrl()}/api/auth/csrf`)
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
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
  it('sends the security headers on pages and API routes, the tRPC API included', async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { reviewId: 'x', stage: 'TITLE_ABSTRACT', skip: [] } }))
    for (const path of ['/signin', '/api/auth/csrf', `/api/trpc/screening.next?input=${input}`]) {
      const res = await fetch(`${baseUrl()}${path}`)
      if (path.startsWith('/api/trpc')) expect(res.status, 'a procedure without a session').toBe(401)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("frame-ancestors 'none'")
      if (path.startsWith('/api/trpc')) expect(csp).toBe("default-src 'none'; frame-ancestors 'none'")
      else {
        expect(csp).toContain("default-src 'self'")
        expect(csp).toContain("object-src 'none'")
        expect(csp).toMatch(/script-src 'self' 'nonce-/)
      }
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
    // the failures also count against this machine's address: clear them, so later sign-ins in the run work
    await e2eDb().loginAttempt.deleteMany({ where: { email } })
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

  it('refuses every review-scoped file route to people outside the review (404), without a session (401), and backups to all but owners (403)', async () => {
    const { review, users } = await seedTeam('routes', { Owen: 'OWNER', Lena: 'LEAD', Rob: 'REVIEWER', Otto: 'VIEWER' })
    const outsider = await seedTeam('routes-other', { Olga: 'OWNER' })
    const batch = await createImport(e2eDb(), review.id, users.Lena!.id)
    const { record } = await createRecord(e2eDb(), batch)
    const form = await e2eDb().form.create({
      data: { reviewId: review.id, kind: 'EXTRACTION', name: 'Form', versions: { create: { version: 1, definition: { sections: [] }, createdById: users.Lena!.id } } },
    })
    const fullText = await e2eDb().fullText.create({
      data: { recordId: record.id, fileName: 'a.pdf', size: 4, sha256: '0'.repeat(64), data: new Uint8Array([37, 80, 68, 70]), uploadedById: users.Lena!.id },
    })
    const base = `/api/reviews/${review.id}`
    const routes: [string, string][] = [
      ['GET', `${base}/backup`],
      ['POST', `${base}/imports?source=PubMed&searchDate=2026-01-01&fileName=a.ris`],
      ['GET', `${base}/fulltexts/${fullText.id}`],
      ['POST', `${base}/records/${record.id}/fulltext?fileName=a.pdf`],
      ['GET', `${base}/plots/prisma-flow`],
      ['GET', `${base}/forms/${form.id}/export`],
    ]
    const sessionOf = async (email: string) =>
      (await attemptSignIn(email, e2ePassword)).headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ')
    const call = (method: string, url: string, cookie?: string) =>
      fetch(`${baseUrl()}${url}`, { method, headers: cookie ? { cookie } : {}, body: method === 'POST' ? 'TY  - JOUR\nER  - \n' : undefined }).then((r) => r.status)
    const stranger = await sessionOf(outsider.users.Olga!.email)
    for (const [method, url] of routes) {
      expect(await call(method, url), `${method} ${url} without a session`).toBe(401)
      expect(await call(method, url, stranger), `${method} ${url} by an outsider`).toBe(404)
    }
    expect(await call('GET', `${base}/backup`, await sessionOf(users.Rob!.email))).toBe(403)
    expect(await call('GET', `${base}/backup`, await sessionOf(users.Otto!.email))).toBe(403)
    expect(await call('GET', `${base}/backup`, await sessionOf(users.Lena!.email))).toBe(403)
    expect(await call('GET', `${base}/backup`, await sessionOf(users.Owen!.email))).toBe(200)
    // importing a backup needs a session, and a backup
    expect(await call('POST', '/api/backups')).toBe(401)
    const bad = await fetch(`${baseUrl()}/api/backups`, { method: 'POST', headers: { cookie: stranger }, body: '{"format":"something"}' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toBe('This is not a Ferrite review backup (expected "format": "ferrite-review-backup").')
  })

  it('answers a malformed API address with 400, and goes on serving', async () => {
    expect((await fetch(`${baseUrl()}/api/trpc/screening.next%E0%A4`)).status).toBe(400)
    expect((await fetch(`${baseUrl()}/api/auth/csrf`)).status).toBe(200)
  })

  it('finishes an import whose page went away once the file had arrived', { timeout: 120_000 }, async () => {
    const { review, users } = await seedTeam('import-away', { Lena: 'LEAD' })
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-e2e-')), 'search.ris')
    writeSyntheticRis(file, 8000, [200, 400])
    const cookie = (await attemptSignIn(users.Lena!.email, e2ePassword)).headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const res = await fetch(`${baseUrl()}/api/reviews/${review.id}/imports?source=Embase&searchDate=2026-01-01&fileName=search.ris`, {
      method: 'POST',
      headers: { cookie },
      body: fs.readFileSync(file),
    })
    expect(res.status).toBe(200)
    // progress until the whole file has been read (deduplication starts), then the page goes away
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    while (!text.includes('"deduplicating"')) {
      const { done, value } = await reader.read()
      expect(done, `the import ended before the page went away: ${text.slice(-300)}`).toBe(false)
      text += decoder.decode(value, { stream: true })
    }
    await reader.cancel()
    const count = () => e2eDb().searchRecord.count({ where: { reviewId: review.id } })
    const until = Date.now() + 90_000
    while ((await count()) < 8000 && Date.now() < until) await new Promise((r) => setTimeout(r, 250))
    expect(await count()).toBe(8000)
    expect(await e2eDb().importBatch.findFirst({ where: { reviewId: review.id } })).toMatchObject({ recordCount: 8000 })
  })
})
