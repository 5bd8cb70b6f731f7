/**
 * Requests that change something must come from Ferrite's own pages: a browser names the page that sent
 * a request in `Origin` (and `Sec-Fetch-Site`), so a form or script on another site is refused before
 * it reaches a route, whatever cookies it carries. Clients that are not browsers (the CLI, scripts with
 * a session cookie) send neither header and are let through; they cannot be made to act by a web page.
 */
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).host.toLowerCase() : null
  } catch {
    return null
  }
}

/** Why a request is refused as cross-site, or null when it may proceed. */
export function crossSiteRefusal(method: string | undefined, headers: Record<string, string | string[] | undefined>, publicUrl: string | undefined): string | null {
  if (!unsafe.has((method ?? 'GET').toUpperCase())) return null
  const one = (name: string) => {
    const v = headers[name]
    return Array.isArray(v) ? v[0] : v
  }
  const origin = one('origin')
  if (origin !== undefined) {
    const from = origin === 'null' ? null : hostOf(origin)
    const allowed = [hostOf(publicUrl), one('host')?.toLowerCase()].filter(Boolean)
    if (from && allowed.includes(from)) return null
    return `Refused: this request came from another site (${origin}).`
  }
  if (one('sec-fetch-site') === 'cross-site') return 'Refused: this request came from another site.'
  return null
}
