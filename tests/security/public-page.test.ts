/**
 * Attacks through the public page of a living review, as a self-registered account would make them:
 * import a backup whose published version carries script (as SVG markup, and in every text a version
 * holds), then visit the public page in Chromium; read people's names and their own values from the
 * public downloads; plant a spreadsheet formula in the public CSV; and send oversized bodies and batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { exportReview } from '@/server/services/backup/export'
import { demoSlug, seedDemo } from '../../prisma/seed/demo'
import { e2eDb } from '../e2e/db'
import { launchBrowser, newContext, signIn as signInPage } from '../e2e/browser'
import { baseUrl, signIn, trpcMutation } from './http'

const payloads = {
  img: '<img src=x onerror="window.__pwned=(window.__pwned||[]).concat(\'img\')">',
  script: '<script>window.__pwned=(window.__pwned||[]).concat("script")</script>',
  svg: '<svg onload="window.__pwned=(window.__pwned||[]).concat(\'svg\')"></svg>',
}
const hostile = `${payloads.img}${payloads.script}${payloads.svg}`

// biome-ignore lint/suspicious/noExplicitAny: the test rewrites a backup's JSON freely, field by field, as an attacker would
type Loose = any

type Doc = { review: { slug: string; title: string }; tables: Record<string, Record<string, unknown>[]> }
let backup: Doc
let attacker: string
let attackerEmail: string

beforeAll(async () => {
  await seedDemo()
  const review = await prisma().review.findUniqueOrThrow({ where: { slug: demoSlug } })
  let text = ''
  for await (const chunk of exportReview(review.id)) text += chunk
  backup = JSON.parse(text) as Doc
  // anyone can sign up
  attackerEmail = `attacker-${Date.now()}@example.test`
  await trpcMutation(null, 'account.signUp', { name: 'Mallory', email: attackerEmail, password: 'attacker passphrase' })
  attacker = await signIn(attackerEmail, 'attacker passphrase')
}, 180_000)

afterAll(async () => {
  await e2eDb().$disconnect()
})

/** The demo's backup, with its published version's snapshot changed by `mutate`, imported by the attacker. */
async function importHostile(mutate: (snapshot: Record<string, Loose>) => void): Promise<{ status: number; body: { summary?: { slug: string; reviewId: string }; error?: string } }> {
  const doc = structuredClone(backup)
  doc.review.slug = `hostile-${Date.now()}`
  mutate(doc.tables.versions![0]!.snapshot as Record<string, Loose>)
  const res = await fetch(`${baseUrl()}/api/backups`, { method: 'POST', headers: { cookie: attacker, 'content-type': 'application/json' }, body: JSON.stringify(doc) })
  return { status: res.status, body: (await res.json()) as never }
}

describe('the public page', () => {
  it('never runs script carried by an imported version, for any visitor', { timeout: 120_000 }, async () => {
    const { status, body } = await importHostile((s) => {
      // markup where the old snapshots kept drawn figures
      s.prismaFlow.svg = hostile
      for (const a of s.analyses) a.plots = { forest: hostile, pairedForest: hostile, sroc: hostile, funnel: hostile }
      for (const f of s.forms) if (f.quality) f.quality.svg = { trafficLight: hostile, summary: hostile }
      // and in every text the page shows
      s.review.title = `Liver iron ${payloads.img}`
      s.review.question = payloads.script
      s.studies[0].label = payloads.img
      s.studies[0].reports[0].title = payloads.script
      s.searches[0].source = payloads.svg
      s.analyses[0].name = payloads.img
      s.prismaFlow.counts.identification.databases[0].name = payloads.img
    })
    expect(status, JSON.stringify(body)).toBe(200)
    const slug = body.summary!.slug
    const version = await prisma().reviewVersion.findFirstOrThrow({ where: { reviewId: body.summary!.reviewId } })
    // what is stored was derived here: no figure, no markup kept from the file
    expect(JSON.stringify(version.snapshot)).not.toContain('onerror="window')
    expect(JSON.stringify(version.snapshot)).not.toContain('"svg"')

    const page = await fetch(`${baseUrl()}/p/${slug}`)
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    const html = await page.text()
    for (const p of Object.values(payloads)) expect(html).not.toContain(p)

    const browser = await launchBrowser()
    try {
      const context = await newContext(browser)
      const visitor = await context.newPage()
      const errors: string[] = []
      visitor.on('pageerror', (e) => errors.push(e.message))
      await visitor.goto(`/p/${slug}`)
      await visitor.waitForLoadState('networkidle')
      expect(await visitor.evaluate(() => (window as unknown as { __pwned?: string[] }).__pwned ?? [])).toEqual([])
      // the labels are shown as text
      await expect.poll(() => visitor.getByText('Liver iron <img src=x', { exact: false }).first().isVisible()).toBe(true)
      expect(await visitor.locator('img[src="x"]').count()).toBe(0)
      expect(await visitor.getByTestId('public-prisma').locator('svg').count()).toBe(1)
      // the same page, signed in (the payloads above would have used the visitor's session)
      const member = await (await newContext(browser)).newPage()
      await signInPage(member, attackerEmail, 'attacker passphrase')
      await member.goto(`/p/${slug}`)
      await member.waitForLoadState('networkidle')
      expect(await member.evaluate(() => (window as unknown as { __pwned?: string[] }).__pwned ?? [])).toEqual([])
    } finally {
      await browser.close()
    }
  })

  it('refuses a backup whose version data do not fit, naming the place', async () => {
    const { status, body } = await importHostile((s) => {
      s.prismaFlow.counts.screening.recordsScreened = '<b>12</b>'
    })
    expect(status).toBe(400)
    expect(body.error).toMatch(/^tables\.versions\[0\]\.snapshot\.prismaFlow\.counts\.screening\.recordsScreened: /)
    const other = await importHostile((s) => {
      s.analyses[0].spec.method = 'MAGIC'
    })
    expect(other.status).toBe(400)
    expect(other.body.error).toMatch(/^tables\.versions\[0\]\.snapshot\.analyses\[0\]\.spec\.method: /)
  })

  it('publishes consensus data only: no reviewer names, ids or own values in the downloads', async () => {
    const { body } = await importHostile(() => undefined)
    const slug = body.summary!.slug
    const reviewers = (backup.tables.users as { id: string; name: string; email: string }[]).filter((u) => /Reviewer/.test(u.name))
    // a version written before this rule, with who entered and who agreed each value
    const review = await prisma().review.findUniqueOrThrow({ where: { slug } })
    const stored = await prisma().reviewVersion.findFirstOrThrow({ where: { reviewId: review.id } })
    const legacy = structuredClone(stored.snapshot) as Record<string, Loose>
    legacy.prisma = legacy.prismaFlow // the key older versions used
    delete legacy.prismaFlow
    for (const a of legacy.analyses) for (const r of a.result.rows) r.provenance = { decidedBy: reviewers[0]!.name, entered: reviewers.map((u) => ({ userId: u.id, name: u.name, value: { tp: 1 } })) }
    await prisma().reviewVersion.create({ data: { reviewId: review.id, number: 2, notes: 'A version written by an older Ferrite.', snapshot: legacy, publishedById: stored.publishedById } })
    for (const v of [1, 2])
      for (const file of ['version.json', 'data.csv', 'studies.ris']) {
        const res = await fetch(`${baseUrl()}/p/${slug}/download/${file}?v=${v}`)
        expect(res.status, file).toBe(200)
        const text = await res.text()
        for (const u of reviewers) {
          expect(text, `${file} v${v}`).not.toContain(u.name)
          expect(text, `${file} v${v}`).not.toContain(u.id)
          expect(text, `${file} v${v}`).not.toContain(u.email)
        }
        expect(text).not.toMatch(/"entered"|"decidedBy"|"provenance"/)
      }
  })

  it('writes a planted formula in the public CSV as text, not as a formula', async () => {
    const { body } = await importHostile((s) => {
      const form = s.forms.find((f: { kind: string }) => f.kind === 'EXTRACTION')
      const section = form.definition.sections.find((x: { repeat?: unknown; fields: { type: string }[] }) => !x.repeat && x.fields.some((f) => f.type === 'text'))
      const field = section.fields.find((f: { type: string }) => f.type === 'text')
      const study = s.studies[0].id
      form.consensus[study] = { ...form.consensus[study], [section.id]: { ...form.consensus[study]?.[section.id], [field.id]: '=HYPERLINK("http://evil.example","click")' } }
    })
    const csv = await (await fetch(`${baseUrl()}/p/${body.summary!.slug}/download/data.csv`)).text()
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`)
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m)
  })
})

describe('what the server takes', () => {
  it('refuses a backup larger than the cap with 413, reading no further, and goes on serving', { timeout: 60_000 }, async () => {
    const declared = await fetch(`${baseUrl()}/api/backups`, { method: 'POST', headers: { cookie: attacker, 'content-length': String(200 * 1024 * 1024) }, body: 'x'.repeat(1024) }).catch(() => null)
    if (declared) expect(declared.status).toBe(413)
    // no length given: the body is counted as it arrives
    const chunk = new Uint8Array(1024 * 1024).fill(32)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 150) return controller.close()
        sent++
        controller.enqueue(chunk)
      },
    })
    const res = await fetch(`${baseUrl()}/api/backups`, { method: 'POST', headers: { cookie: attacker }, body: stream, duplex: 'half' } as RequestInit)
    expect(res.status).toBe(413)
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 100 MB/)
    expect((await fetch(`${baseUrl()}/api/auth/csrf`)).status).toBe(200)
  })

  it('refuses a tRPC batch of more than 20 calls', async () => {
    const paths = Array.from({ length: 21 }, () => 'review.list').join(',')
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [i, { json: null }]))))
    const res = await fetch(`${baseUrl()}/api/trpc/${paths}?batch=1&input=${input}`, { headers: { cookie: attacker } })
    expect(res.status).toBe(400)
    const ok = await fetch(`${baseUrl()}/api/trpc/${paths.split(',').slice(1).join(',')}?batch=1&input=${input}`, { headers: { cookie: attacker } })
    expect(ok.status).toBe(200)
  })

  it('refuses changes sent from another site', async () => {
    const { review } = await e2eDb()
      .review.findFirstOrThrow({ where: { slug: demoSlug }, select: { id: true } })
      .then((r) => ({ review: r }))
    for (const path of ['/api/backups', `/api/reviews/${review.id}/imports?source=X&searchDate=2026-01-01&fileName=a.ris`, '/api/trpc/review.create']) {
      const res = await fetch(`${baseUrl()}${path}`, { method: 'POST', headers: { cookie: attacker, origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' })
      expect(res.status, path).toBe(403)
    }
    expect(await prisma().review.count({ where: { title: 'Cross-site review' } })).toBe(0)
  })
})
