/**
 * `ferrite web`: the web server that `npm start` runs (with the database, secret and worker set up by
 * start.ts). Next.js serves everything, the tRPC API included (src/app/api/trpc), the same way in
 * development and production, so the server's modules load once, in Next's bundle. This server only
 * stands in front of it: requests that change something and come from another site are refused
 * (src/server/http/same-origin.ts); the client's address is worked out once
 * (src/server/http/client-address.ts); and every answer gets its Content Security Policy, pages one with
 * a fresh nonce that Next puts on its scripts, the API the strictest (src/server/http/security-headers.ts).
 * It imports no module that holds state: what it needs is plain functions of the request.
 */
import http from 'node:http'
import next from 'next'
import { parseCommandLine, portOf, type Command } from './command'
import { repoRoot } from './next-build'
import { env } from '@/server/env'
import { clientAddress, clientAddressHeader, requestedPathHeader } from '@/server/http/client-address'
import { crossSiteRefusal } from '@/server/http/same-origin'
import { apiPolicy, newNonce, pagePolicy } from '@/server/http/security-headers'

/** Whether the path of a request's address is valid percent-encoding (Next fails with 500 on one that is not). */
function decodablePath(url: string | undefined): boolean {
  try {
    decodeURIComponent((url ?? '/').split('?')[0]!)
    return true
  } catch {
    return false
  }
}

export const command: Command = {
  summary: 'Run the web server alone (npm start runs it with the database and the worker)',
  usage: 'web [--port 3000] [--dev]',
  async run(args) {
    const { values } = parseCommandLine(args, { port: { type: 'string' }, dev: { type: 'boolean' } })
    const port = portOf(values.port)
    const dev = values.dev ?? false
    const app = next({ dev, dir: repoRoot, port })
    const handle = app.getRequestHandler()
    await app.prepare()

    const { NEXTAUTH_URL, FERRITE_TRUSTED_PROXIES } = env()
    const server = http.createServer((req, res) => {
      const refusal = crossSiteRefusal(req.method, req.headers, NEXTAUTH_URL)
      if (refusal) {
        res.writeHead(403, { 'content-type': 'application/json', 'content-security-policy': apiPolicy }).end(JSON.stringify({ error: refusal }))
        return
      }
      if (!decodablePath(req.url)) {
        res.writeHead(400, { 'content-type': 'text/plain', 'content-security-policy': apiPolicy }).end('Bad request: the address is not valid percent-encoding.')
        return
      }
      // the page asked for, so that a sign-in can return to it (a client's own header of that name is replaced)
      req.headers[requestedPathHeader] = req.url ?? '/'
      req.headers[clientAddressHeader] = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], FERRITE_TRUSTED_PROXIES)
      if ((req.url ?? '/').startsWith('/api/trpc/')) res.setHeader('Content-Security-Policy', apiPolicy)
      else {
        const policy = pagePolicy(newNonce(), dev)
        // Next reads the nonce from the request's policy and writes it on every script of the page
        req.headers['content-security-policy'] = policy
        res.setHeader('Content-Security-Policy', policy)
      }
      void handle(req, res)
    })
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve))
    process.stdout.write(`Web server listening on port ${port}${dev ? ' (development)' : ''}\n`)

    return new Promise<number>((resolve) => {
      const stop = async () => {
        server.close()
        server.closeAllConnections()
        await app.close()
        // the database pool, the live-update listener and the job client belong to Next's bundle: they end with the process
        setTimeout(() => process.exit(0), 200).unref()
        resolve(0)
      }
      process.once('SIGINT', () => void stop())
      process.once('SIGTERM', () => void stop())
    })
  },
}
