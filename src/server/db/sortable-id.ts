/**
 * Ids for rows inserted in bulk by raw SQL (Prisma's cuid default applies only to its own inserts).
 * They sort in the order they were made, so rows written in one transaction (which share one
 * CURRENT_TIMESTAMP) still list in file order.
 */
import 'server-only'
import crypto from 'node:crypto'

let last = 0
let counter = 0

export function sortableId(): string {
  const now = Date.now()
  if (now === last) counter++
  else {
    last = now
    counter = 0
  }
  return `c${now.toString(36).padStart(9, '0')}${counter.toString(36).padStart(5, '0')}${crypto.randomBytes(5).toString('hex')}`
}
