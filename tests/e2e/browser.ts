/** Chromium through playwright-core, and the accessibility check every visited page must pass. */
import fs from 'node:fs'
import path from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { e2eDb } from './db'

export const baseUrl = () => inject('baseUrl')
export const artifactsDir = path.resolve(import.meta.dirname, '../.artifacts')

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/**
 * Chromium for one test file: launched before its tests, closed after them with the file's database
 * client. Call at the top of the file; read `.browser` inside the tests.
 */
export function chromiumForFile(): { readonly browser: Browser } {
  const holder: { browser?: Browser } = {}
  beforeAll(async () => {
    holder.browser = await launchBrowser()
  })
  afterAll(async () => {
    await holder.browser?.close()
    await e2eDb().$disconnect()
  })
  return {
    get browser() {
      if (!holder.browser) throw new Error('Chromium is not running: call chromiumForFile() at the top of the test file')
      return holder.browser
    },
  }
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 860 } })
  context.setDefaultTimeout(15_000)
  return context
}

/** No serious or critical axe violations on the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Next streams metadata: after a router.refresh() the <title> can be briefly absent; wait for it (a page that never gets one still fails here)
  await expect.poll(() => page.title(), { message: `a document title on ${label}` }).not.toBe('')
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`)
        .slice(0, 3)
        .join(', ')}`,
  )
  expect(summary, `accessibility violations on ${label}`).toEqual([])
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true })
  const file = path.join(artifactsDir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

export async function signUp(page: Page, user: { name: string; email: string; password: string }, callbackUrl?: string) {
  await page.goto(callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/signup')
  await expectAccessible(page, 'sign-up page')
  await page.getByLabel('Name').fill(user.name)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/signup'))
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'))
}

/** Imports a search export through the records page; returns the number of records it read. */
export async function importSearch(page: Page, reviewId: string, file: string, source: string): Promise<number> {
  await page.goto(`/reviews/${reviewId}/records/import`)
  await page.getByLabel('Export file').setInputFiles(file)
  await page.getByLabel('Database or register searched').fill(source)
  await page.getByRole('button', { name: 'Import' }).click()
  await expect.poll(() => page.getByRole('heading', { name: 'Imported' }).isVisible(), { timeout: 30_000 }).toBe(true)
  return Number((await page.getByTestId('import-records').textContent())!.replace(/\D/g, ''))
}
