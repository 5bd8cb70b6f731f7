/**
 * Requests to the bibliographic services as their operators ask: at most N requests a second per
 * service from this process, a timeout on each, and retries with exponential backoff on 429 and 5xx
 * (or a network failure), waiting what a Retry-After header says when there is one. A refusal (any
 * other 4xx, or a 200 whose body says ERROR) is not retried: it is the query, and the person who wrote
 * it is told why, in the service's words.
 */
import 'server-only'
import { serviceErrorMessage } from '@/core/searches/json-reading'

export class ServiceError extends Error {
  constructor(
    /** rejected: the service refused the query (fix the query); unavailable: it failed after retries. */
    readonly kind: 'rejected' | 'unavailable',
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

export interface HttpOptions {
  /** Label used in messages ("PubMed"). */
  service: string
  requestsPerSecond: number
  timeoutMs?: number
  maxRetries?: number
  /** Responses larger than this are refused (a hostile or broken mirror). */
  maxBytes?: number
  userAgent?: string
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  signal?: AbortSignal
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The next time each service may be called, per base URL, shared by every run in this process. */
const nextSlot = new Map<string, number>()

/** Seconds ("120") or an HTTP date; capped at five minutes. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null
  const seconds = Number(header)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now
  if (!Number.isFinite(ms)) return null
  return Math.min(Math.max(ms, 0), 300_000)
}

async function readBounded(response: Response, maxBytes: number, service: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw new ServiceError('unavailable', `${service} sent ${declared} bytes, more than the ${maxBytes} allowed for one page`)
  if (!response.body) return ''
  const decoder = new TextDecoder()
  let size = 0
  let text = ''
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length
    if (size > maxBytes) throw new ServiceError('unavailable', `${service} sent more than the ${maxBytes} bytes allowed for one page`)
    text += decoder.decode(chunk, { stream: true })
  }
  return text + decoder.decode()
}

export interface HttpClient {
  /** GET base + path with the parameters; the body as text. */
  get(url: string, params: Record<string, string>): Promise<string>
  /** How many requests were sent, retries included (for run records and tests). */
  readonly requests: number
}

export function httpClient(options: HttpOptions): HttpClient {
  const doFetch = options.fetch ?? fetch
  const sleep = options.sleep ?? realSleep
  const now = options.now ?? Date.now
  const maxRetries = options.maxRetries ?? 5
  const timeoutMs = options.timeoutMs ?? 60_000
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024
  const interval = 1000 / options.requestsPerSecond
  let requests = 0

  async function waitForSlot(key: string) {
    const at = now()
    const slot = Math.max(nextSlot.get(key) ?? 0, at)
    nextSlot.set(key, slot + interval)
    if (slot > at) await sleep(slot - at)
  }

  async function get(url: string, params: Record<string, string>): Promise<string> {
    const target = new URL(url)
    for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v)
    const key = `${target.origin}${target.pathname}`.replace(/\/[^/]*$/, '')
    let lastProblem = ''
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      options.signal?.throwIfAborted()
      await waitForSlot(key)
      requests++
      let response: Response
      try {
        const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])]
        response = await doFetch(target, {
          headers: { accept: 'application/json, application/xml;q=0.9, */*;q=0.5', ...(options.userAgent ? { 'user-agent': options.userAgent } : {}) },
          signal: AbortSignal.any(signals),
        })
      } catch (error) {
        if (options.signal?.aborted) throw error
        lastProblem =
          error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : `could not connect (${error instanceof Error ? error.message : String(error)})`
        await sleep(Math.min(1000 * 2 ** attempt, 60_000))
        continue
      }
      if (response.ok) return readBounded(response, maxBytes, options.service)
      const body = await readBounded(response, 1024 * 1024, options.service).catch(() => '')
      if (response.status === 429 || response.status >= 500) {
        lastProblem = `HTTP ${response.status}${body ? `: ${serviceErrorMessage(body)}` : ''}`
        await sleep(retryAfterMs(response.headers.get('retry-after'), now()) ?? Math.min(1000 * 2 ** attempt, 60_000))
        continue
      }
      throw new ServiceError('rejected', `${options.service} refused the request (HTTP ${response.status}): ${serviceErrorMessage(body) || response.statusText}`, response.status)
    }
    throw new ServiceError('unavailable', `${options.service} did not answer after ${maxRetries + 1} attempts (last: ${lastProblem})`)
  }

  return {
    get,
    get requests() {
      return requests
    },
  }
}
