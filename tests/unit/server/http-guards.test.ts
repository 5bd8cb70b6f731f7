import { describe, expect, it } from 'vitest'
import { safeCallbackUrl } from '@/lib/safe-redirect'
import { clientAddress } from '@/server/http/client-address'
import { crossSiteRefusal } from '@/server/http/same-origin'
import { apiPolicy, pagePolicy } from '@/server/http/security-headers'

describe('safeCallbackUrl', () => {
  it('keeps paths on this site, normalised', () => {
    expect(safeCallbackUrl('/reviews/abc?x=1#top')).toBe('/reviews/abc?x=1#top')
    expect(safeCallbackUrl('/reviews/../account')).toBe('/account')
    expect(safeCallbackUrl(['/a', '/b'])).toBe('/a')
  })
  it.each([
    '//evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '',
    ' /x',
    '/\u0000/x',
  ])('refuses %j', (v) => expect(safeCallbackUrl(v)).toBe('/reviews'))
  it('uses the fallback without a value', () => expect(safeCallbackUrl(undefined, '/home')).toBe('/home'))
})

describe('clientAddress', () => {
  it('believes only the socket without trusted proxies', () => {
    expect(clientAddress('::ffff:127.0.0.1', '1.2.3.4', 0)).toBe('127.0.0.1')
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown')
  })
  it('takes the address the nearest trusted proxy saw, ignoring what the client wrote further left', () => {
    // client forged "6.6.6.6"; our proxy (10.0.0.2) appended the real client 203.0.113.7
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7')
    // two proxies: edge (appends client) then internal balancer (appends edge)
    expect(clientAddress('10.0.0.3', '6.6.6.6, 203.0.113.7, 10.0.0.9', 2)).toBe('203.0.113.7')
    expect(clientAddress('10.0.0.2', ['203.0.113.7'], 1)).toBe('203.0.113.7')
    // fewer hops than proxies configured: the leftmost known address
    expect(clientAddress('10.0.0.2', '203.0.113.7', 5)).toBe('203.0.113.7')
  })
})

describe('crossSiteRefusal', () => {
  const url = 'https://reviews.example.org'
  it('lets reads and same-site changes through', () => {
    expect(crossSiteRefusal('GET', { origin: 'https://evil.example' }, url)).toBeNull()
    expect(crossSiteRefusal('POST', { origin: 'https://reviews.example.org', host: 'reviews.example.org' }, url)).toBeNull()
    expect(crossSiteRefusal('POST', { origin: 'http://localhost:3000', host: 'localhost:3000' }, undefined)).toBeNull()
    expect(crossSiteRefusal('POST', {}, url)).toBeNull()
    expect(crossSiteRefusal('POST', { 'sec-fetch-site': 'same-origin' }, url)).toBeNull()
  })
  it('refuses changes sent from another site', () => {
    expect(crossSiteRefusal('POST', { origin: 'https://evil.example', host: 'reviews.example.org' }, url)).toMatch(/another site/)
    expect(crossSiteRefusal('DELETE', { origin: 'null', host: 'reviews.example.org' }, url)).toMatch(/another site/)
    expect(crossSiteRefusal('POST', { 'sec-fetch-site': 'cross-site' }, url)).toMatch(/another site/)
    expect(crossSiteRefusal('post', { origin: 'https://reviews.example.org.evil.example', host: 'reviews.example.org' }, url)).toMatch(/another site/)
  })
})

describe('content security policy', () => {
  it('allows inline script only with the nonce, and nothing on the API', () => {
    const p = pagePolicy('abc123', false)
    expect(p).toContain("script-src 'self' 'nonce-abc123'")
    expect(p).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    expect(p).not.toContain('unsafe-eval')
    expect(p).toContain("frame-ancestors 'none'")
    expect(apiPolicy).toBe("default-src 'none'; frame-ancestors 'none'")
  })
})
