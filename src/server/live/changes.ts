/**
 * Change notifications for live pages. A change is published after its transaction commits: to the
 * listeners of this process at once, and through Postgres NOTIFY to every other app instance on the
 * same database (each instance holds one LISTEN connection). On the embedded database there is one
 * instance by definition, and PGlite would not deliver NOTIFY to another connection anyway, so only
 * the in-process path is used there.
 */
import 'server-only'
import crypto from 'node:crypto'
import { EventEmitter } from 'node:events'
import pg from 'pg'
import { env } from '@/server/env'

export type ChangeTopic = 'consensus' | 'analyses' | 'studies' | 'forms' | 'screening' | 'versions'

export interface ReviewChange {
  reviewId: string
  topic: ChangeTopic
  at: number
}

const channel = 'ferrite_changes'

/** One per process, on globalThis: development reloads re-run this module, and one LISTEN connection must serve them all. */
interface Hub {
  /** this instance's name in NOTIFY payloads, so that it skips its own */
  instance: string
  emitter: EventEmitter
  listening: Promise<void> | null
  listener: pg.Client | null
  publisher: pg.Pool | null
}

const holder = globalThis as unknown as { ferriteLive?: Hub }

function hub(): Hub {
  if (!holder.ferriteLive) {
    const emitter = new EventEmitter()
    emitter.setMaxListeners(0)
    holder.ferriteLive = { instance: crypto.randomUUID(), emitter, listening: null, listener: null, publisher: null }
  }
  return holder.ferriteLive
}

const distributed = () => env().FERRITE_EMBEDDED !== '1'

/** Starts this instance's LISTEN connection (once); changes from other instances then reach local listeners. */
function listen(h: Hub): Promise<void> {
  if (!distributed()) return Promise.resolve()
  h.listening ??= (async () => {
    const client = new pg.Client({ connectionString: env().DATABASE_URL })
    h.listener = client
    client.on('notification', (m) => {
      try {
        const { from, ...change } = JSON.parse(m.payload ?? '{}') as ReviewChange & { from: string }
        if (from !== h.instance) h.emitter.emit('change', change)
      } catch {
        /* not one of ours */
      }
    })
    client.on('error', (e) => {
      console.error('[live] the LISTEN connection failed:', e.message)
      h.listening = null
    })
    await client.connect()
    await client.query(`LISTEN ${channel}`)
  })()
  return h.listening
}

/** Publishes a change of a review's data. Call after the change has committed; never throws. */
export function publishChange(reviewId: string, topic: ChangeTopic): void {
  const h = hub()
  const change: ReviewChange = { reviewId, topic, at: Date.now() }
  h.emitter.emit('change', change)
  if (!distributed()) return
  h.publisher ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 1 })
  h.publisher.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ ...change, from: h.instance })]).catch((e: unknown) => {
    console.error('[live] could not notify other instances:', e instanceof Error ? e.message : e)
  })
}

/** The emitter that carries changes (this process's and, once listening, other instances'). */
export async function changeFeed(): Promise<EventEmitter> {
  const h = hub()
  await listen(h)
  return h.emitter
}

/**
 * A review's changes of one topic, at most one per `intervalMs`: the first at once, the ones that arrive
 * during the pause as a single change after it (so a burst of votes from a whole team is one message per
 * open page every few seconds, and the last change is never lost). Ends when `signal` aborts.
 */
export async function* coalescedChanges(reviewId: string, topic: ChangeTopic, signal: AbortSignal | undefined, intervalMs: number): AsyncGenerator<ReviewChange> {
  const feed = await changeFeed()
  let pending: ReviewChange | null = null
  let wake: (() => void) | null = null
  const onChange = (change: ReviewChange) => {
    if (change.reviewId !== reviewId || change.topic !== topic) return
    pending = change
    wake?.()
  }
  const onAbort = () => wake?.()
  feed.on('change', onChange)
  signal?.addEventListener('abort', onAbort)
  try {
    while (!signal?.aborted) {
      if (!pending)
        await new Promise<void>((resolve) => {
          wake = resolve
        })
      wake = null
      if (signal?.aborted || !pending) continue
      const change: ReviewChange = pending
      pending = null
      yield change
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs)
        wake = () => {
          if (signal?.aborted) {
            clearTimeout(timer)
            resolve()
          }
        }
      })
    }
  } finally {
    feed.off('change', onChange)
    signal?.removeEventListener('abort', onAbort)
  }
}

export async function stopLive(): Promise<void> {
  const h = holder.ferriteLive
  holder.ferriteLive = undefined
  await Promise.all([h?.publisher?.end(), h?.listener?.end()])
}
