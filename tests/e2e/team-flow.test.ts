/**
 * The foundation's user flow in Chromium: sign up, create a review, invite a second user who accepts
 * in a second browser context, change their role; an outsider opening the review gets a not-found page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { expectAccessible, launchBrowser, newContext, screenshot, signUp } from './browser'

const stamp = Date.now().toString(36)
const ada = { name: 'Ada Lead', email: `ada-${stamp}@example.test`, password: 'ada passphrase 123' }
const ben = { name: 'Ben Reviewer', email: `ben-${stamp}@example.test`, password: 'ben passphrase 123' }
const eve = { name: 'Eve Outsider', email: `eve-${stamp}@example.test`, password: 'eve passphrase 123' }

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('team flow', () => {
  it('sign up, create a review, invite, accept, change role, and refuse an outsider', async () => {
    const adaContext = await newContext(browser)
    const adaPage = await adaContext.newPage()
    await adaPage.goto('/')
    await adaPage.waitForURL('**/signin')
    await expectAccessible(adaPage, 'sign-in page')
    await signUp(adaPage, ada)
    await adaPage.waitForURL('**/reviews')
    await expectAccessible(adaPage, 'my reviews (empty)')

    // Create a review; the server's validation shows beside the fields first.
    await adaPage.getByRole('link', { name: 'New review' }).click()
    await adaPage.getByRole('button', { name: 'Create review' }).click()
    await expect.poll(() => adaPage.getByText('Give the review a title of at least 3 characters.').isVisible()).toBe(true)
    await expectAccessible(adaPage, 'new review form with errors')
    await adaPage.getByLabel('Title').fill('ML for MRI liver iron quantification')
    await adaPage.getByLabel('Review question').fill('How accurate are machine learning methods for liver iron on MRI?')
    await adaPage.getByRole('button', { name: 'Create review' }).click()
    await adaPage.waitForURL(/\/reviews\/(?!new$)[^/]+$/)
    const reviewUrl = new URL(adaPage.url()).pathname
    await expect.poll(() => adaPage.getByRole('heading', { name: 'ML for MRI liver iron quantification' }).isVisible()).toBe(true)
    await expectAccessible(adaPage, 'review overview')

    // Invite by link as a reviewer.
    await adaPage.getByRole('link', { name: 'Team', exact: true }).click()
    await adaPage.waitForURL('**/team')
    await adaPage.getByRole('button', { name: 'Create invitation link' }).click()
    const link = await adaPage.getByTestId('invite-link').inputValue()
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/)
    await expectAccessible(adaPage, 'team page with invitation')

    // Ben accepts in his own browser context.
    const benContext = await newContext(browser)
    const benPage = await benContext.newPage()
    await benPage.goto(new URL(link).pathname)
    await expectAccessible(benPage, 'invitation (signed out)')
    await benPage.getByRole('link', { name: 'Create an account' }).click()
    await benPage.waitForURL('**/signup**')
    await benPage.getByLabel('Name').fill(ben.name)
    await benPage.getByLabel('Email').fill(ben.email)
    await benPage.getByLabel('Password').fill(ben.password)
    await benPage.getByRole('button', { name: 'Create account' }).click()
    await benPage.waitForURL('**/invite/**')
    await expect.poll(() => benPage.getByText('as a reviewer').isVisible()).toBe(true)
    await expectAccessible(benPage, 'invitation (signed in)')
    await benPage.getByRole('button', { name: 'Accept invitation' }).click()
    await benPage.waitForURL(`**${reviewUrl}`)
    await expect.poll(() => benPage.getByText('Reviewer', { exact: true }).first().isVisible()).toBe(true)

    // The link is single-use.
    await benPage.goto(new URL(link).pathname)
    await benPage.waitForURL(`**${reviewUrl}`)

    // Ada makes Ben a lead; Ben sees it after a reload.
    await adaPage.reload()
    const roleSelect = adaPage.getByLabel(`Role of ${ben.name}`)
    await expect.poll(() => roleSelect.inputValue()).toBe('REVIEWER')
    await roleSelect.selectOption('LEAD')
    await expect.poll(() => roleSelect.inputValue()).toBe('LEAD')
    await adaPage.reload()
    await expect.poll(() => adaPage.getByLabel(`Role of ${ben.name}`).inputValue()).toBe('LEAD')
    await screenshot(adaPage, 'team-after-role-change')
    await benPage.goto(reviewUrl)
    await expect.poll(() => benPage.getByRole('link', { name: 'Settings' }).isVisible()).toBe(true)
    await benPage.goto(`${reviewUrl}/team`)
    await expect.poll(() => benPage.getByLabel(`Role of ${ben.name}`).inputValue()).toBe('LEAD')

    // An outsider gets a not-found page for the review, its team page and its settings.
    const eveContext = await newContext(browser)
    const evePage = await eveContext.newPage()
    await signUp(evePage, eve)
    for (const path of [reviewUrl, `${reviewUrl}/team`, `${reviewUrl}/settings`]) {
      const res = await evePage.goto(path)
      expect(res?.status(), path).toBe(404)
      await expect.poll(() => evePage.getByRole('heading', { name: 'Page not found' }).isVisible()).toBe(true)
    }
    await expectAccessible(evePage, 'not-found page')
    await screenshot(evePage, 'outsider-not-found')
    await Promise.all([adaContext.close(), benContext.close(), eveContext.close()])
  })

  it('changes the password from the account page and signs in with the new one', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const user = { name: 'Cy Account', email: `cy-${stamp}@example.test`, password: 'cy passphrase 123' }
    await signUp(page, user)
    await page.goto('/account')
    await expectAccessible(page, 'account page')
    await page.getByLabel('Current password').fill('wrong password')
    await page.getByLabel('New password').fill('cy new passphrase 456')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect.poll(() => page.getByText('The current password is not correct.').isVisible()).toBe(true)
    await page.getByLabel('Current password').fill(user.password)
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect.poll(() => page.getByTestId('toast').filter({ hasText: 'Password changed.' }).count()).toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await page.waitForURL('**/signin**')
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill(user.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByText('The email or password is not correct.').isVisible()).toBe(true)
    await page.getByLabel('Password').fill('cy new passphrase 456')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/reviews')
    await context.close()
  })
})
