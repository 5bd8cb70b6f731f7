/**
 * The address of the person making a request, for the sign-in limit. It comes from the socket unless
 * FERRITE_TRUSTED_PROXIES says how many proxies of our own stand in front (a TLS terminator, a load
 * balancer): then it is the entry that many places from the right of X-Forwarded-For, the last one a
 * proxy of ours added. Entries further left were written by the client and are never believed.
 *
 * The web server (src/cli/web.ts) works it out once per request and passes it on in `clientAddressHeader`,
 * after removing any such header the client sent.
 */
export const clientAddressHeader = 'x-ferrite-client-address'

export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const socket = socketAddress?.replace(/^::ffff:/, '') || 'unknown'
  if (trustedProxies <= 0 || !forwardedFor) return socket
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
  // the socket is the nearest proxy; each trusted proxy appended the address it saw
  const chain = [...hops, socket]
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!.replace(/^::ffff:/, '')
}

/** The path and query of the page requested, set by the web server (src/cli/web.ts) on every request. */
export const requestedPathHeader = 'x-ferrite-requested-path'
