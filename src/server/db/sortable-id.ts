/**
 * Ids for rows inserted in bulk by raw SQL (Prisma's cuid default applies only to its own inserts).
 * They sort in the order they were made, so rows written in one transaction (which share one
 * CURRENT_TIMESTAMP) still list in file order.
 */
import 'server-only'
import crypto from 'node:crypto'

let last = 0
let counter = 0
// Random bytes drawn 8 KiB at a time: one randomBytes call per id cost a microsecond and more (an import makes 200,000 ids).
let pool = Buffer.alloc(0)
let offset = 0

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = crypto.randomBytes(8192)
    offset = 0
  }
  offset += bytes
  return pool.toString('hex', offset - bytes, offset)
}

export function sortableId(): string {
  const now = Date.now()
  if (now === last) counter++
  else {
    last = now
    counter = 0
  }
  return `c${now.toString(36).padStart(9, '0')}${counter.toString(36).padStart(5, '0')}${randomHex(5)}`
}
