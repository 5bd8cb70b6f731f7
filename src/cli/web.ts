/**
 * `ferrite web`: the web server that `npm start` runs (with the database, secret and worker set up by
 * start.ts). Next.js serves the pages and every route; in production the tRPC API (`/api/trpc/*`)
 * is answered here first, by tRPC's Node adapter, without Next's request pipeline. That pipeline
 * (routing, the web Request and Response around every call) was about a third of the CPU of a
 * screening request, and a reviewer sends hundreds of them. In development Next serves `/api/trpc`
 * itself (src/app/api/trpc), so that edits to the routers reload.
 *
 * The API answers carry the same security headers as every Next response (read from next.config.js).
 * Every request passes through here first: requests that change something and come from another site
 * are refused (src/server/http/same-origin.ts); the client's address is worked out once
 * (src/server/http/client-address.ts); and every answer gets its Content Security Policy, pages one with
 * a fresh nonce that Next puts on its scripts (src/server/http/security-headers.ts).
 */
import http from 'node:http'
import next from 'next'
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http'
import { portOption, type Command } from './command'
import { repoRoot } from './next-build'
import nextConfig from '../../next.config.js'
import { onTrpcError, trpcEndpoint } from '@/server/api/handler'
import { maxBatchSize } from '@/lib/trpc/batch'
import { cookieList, requestUser } from '@/server/auth/request-user'
import { stopJobs } from '@/server/jobs/boss'
import { env } from '@/server/env'
import { clientAddress, clientAddressHeader } from '@/server/http/client-address'
import { crossSiteRefusal } from '@/server/http/same-origin'
import { apiPolicy, newNonce, pagePolicy } from '@/server/http/security-headers'
import { stopLive } from '@/server/live/changes'
import { disconnectDb } from '@/server/db/client'

/** The headers next.config.js gives every path, for the answers that do not pass through Next. */
async function securityHeaders(): Promise<[string, string][]> {
  const rules = (await nextConfig.headers?.()) ?? []
  return rules.filter((r) => r.source === '/:path*').flatMap((r) => r.headers.map((h) => [h.key, h.value] as [string, string]))
}

/** Answers `/api/trpc/<procedure>[,<procedure>…]` with tRPC's Node adapter, the way the Next route would. */
async function apiHandler() {
  const [{ appRouter }, headers] = await Promise.all([import('@/server/api/root'), securityHeaders()])
  return (req: http.IncomingMessage, res: http.ServerResponse, url: string) => {
    for (const [key, value] of headers) res.setHeader(key, value)
    res.setHeader('Content-Security-Policy', apiPolicy)
    const end = url.indexOf('?')
    let path: string
    try {
      path = decodeURIComponent(url.slice(trpcEndpoint.length + 1, end < 0 ? undefined : end))
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request: the address is not valid percent-encoding.')
      return
    }
    void nodeHTTPRequestHandler({
      req,
      res,
      path,
      router: appRouter,
      createContext: async () => ({ user: await requestUser(cookieList(req.headers.cookie)) }),
      onError: onTrpcError,
      // a form, an entry or a settings change is a few KiB; files and backups have routes of their own
      maxBodySize: 2 * 1024 * 1024,
      // the pages batch at most this many calls (src/lib/trpc/client.tsx); a longer batch is refused with 400
      maxBatchSize,
    })
  }
}

export const command: Command = {
  summary: 'Run the web server alone (npm start runs it with the database and the worker)',
  usage: 'web [--port 3000] [--dev]',
  async run(args) {
    const port = portOption(args)
    const dev = args.includes('--dev')
    const app = next({ dev, dir: repoRoot, port })
    const handle = app.getRequestHandler()
    await app.prepare()

    const api = dev ? null : await apiHandler()
    const { NEXTAUTH_URL, FERRITE_TRUSTED_PROXIES } = env()
    const server = http.createServer((req, res) => {
      const url = req.url ?? '/'
      const refusal = crossSiteRefusal(req.method, req.headers, NEXTAUTH_URL)
      if (refusal) {
        res.writeHead(403, { 'content-type': 'application/json', 'content-security-policy': apiPolicy }).end(JSON.stringify({ error: refusal }))
        return
      }
      req.headers[clientAddressHeader] = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], FERRITE_TRUSTED_PROXIES)
      if (api && url.startsWith(trpcEndpoint + '/')) return api(req, res, url)
      const policy = pagePolicy(newNonce(), dev)
      // Next reads the nonce from the request's policy and writes it on every script of the page
      req.headers['content-security-policy'] = policy
      res.setHeader('Content-Security-Policy', policy)
      void handle(req, res)
    })
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve))
    process.stdout.write(`Web server listening on port ${port}${dev ? ' (development)' : ''}\n`)

    return new Promise<number>((resolve) => {
      const stop = async () => {
        server.close()
        server.closeAllConnections()
        await app.close()
        // the connections opened by either copy of the server modules (they share them on globalThis)
        await Promise.allSettled([stopJobs(), stopLive(), disconnectDb()])
        // anything Next leaves open (timers, sockets) must not keep a stopped server alive, as `next start` would not
        setTimeout(() => process.exit(0), 3000).unref()
        resolve(0)
      }
      process.once('SIGINT', () => void stop())
      process.once('SIGTERM', () => void stop())
    })
  },
}
