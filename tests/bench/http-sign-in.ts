/** Signs in through next-auth's credentials endpoint, as a browser does; returns the session cookie. */
export async function signInOverHttp(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`)
  const jar = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
  })
  const session = res.headers.getSetCookie().find((c) => c.includes('session-token'))
  if (!session) throw new Error(`sign-in failed for ${email}: ${res.status}`)
  return session.split(';')[0]!
}
