import { encode, getToken } from 'next-auth/jwt'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

vi.mock('next-auth/jwt', async (original) => {
  const actual = await original<typeof import('next-auth/jwt')>()
  return { ...actual, getToken: vi.fn(actual.getToken) }
})

const secret = 'request-user-test-secret-0123456789'
const { cookieList, requestUser } = await import('@/server/auth/request-user')

const request = (cookie?: string) => cookieList(cookie)
const sessionCookie = async (sub: string, maxAge = 3600) => `next-auth.session-token=${await encode({ token: { sub, email: `${sub}@x.test`, name: sub }, secret, maxAge })}`

describe('requestUser', () => {
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET = secret
  })
  afterEach(() => {
    vi.mocked(getToken).mockClear()
    vi.useRealTimers()
  })

  it('reads the user from the session cookie and decodes a cookie once a minute at most', async () => {
    const cookie = await sessionCookie('ada')
    expect(await requestUser(request(`${cookie}; other=1`))).toEqual({ id: 'ada', email: 'ada@x.test', name: 'ada' })
    expect(await requestUser(request(`other=2; ${cookie}`))).toEqual({ id: 'ada', email: 'ada@x.test', name: 'ada' })
    expect(getToken).toHaveBeenCalledTimes(1)
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] })
    expect((await requestUser(request(cookie)))?.id).toBe('ada')
    expect(getToken).toHaveBeenCalledTimes(2)
  })

  it('never keeps a user past the token’s expiry, and keeps no answer for a bad or missing cookie', async () => {
    const cookie = await sessionCookie('bob', 5)
    expect((await requestUser(request(cookie)))?.id).toBe('bob')
    // (jose allows 15 s of clock skew past the expiry)
    vi.useFakeTimers({ now: Date.now() + 30_000, toFake: ['Date'] })
    expect(await requestUser(request(cookie))).toBeNull()
    expect(await requestUser(request('next-auth.session-token=forged'))).toBeNull()
    expect(await requestUser(request('next-auth.session-token=forged'))).toBeNull()
    expect(getToken).toHaveBeenCalledTimes(4)
    expect(await requestUser(request())).toBeNull()
    expect(getToken).toHaveBeenCalledTimes(4)
  })
})
