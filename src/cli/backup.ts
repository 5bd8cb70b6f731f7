/**
 * `ferrite backup export <review id | slug> [--out file]` writes a whole review as one JSON document
 * (stdout unless --out); `ferrite backup import <file | -> --owner <email>` adds it to this database as a
 * new review owned by that account and prints a JSON summary. Both use DATABASE_URL.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { Command } from './command'
import { parseCommandLine, UsageError } from './command'
import { prisma, disconnectDb } from '@/server/db/client'
import { exportReview } from '@/server/services/backup/export'
import { importReview, readBackup } from '@/server/services/backup/import'
import { AppError } from '@/server/errors'

async function readAll(source: string): Promise<string> {
  const chunks: Buffer[] = []
  const stream = source === '-' ? process.stdin : createReadStream(source)
  try {
    for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer))
  } catch (e) {
    throw new UsageError(`cannot read ${source}: ${(e as Error).message}`)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { out: { type: 'string' } }, { min: 1, max: 1 })
  const out = values.out
  const key = positionals[0]!
  const review = await prisma().review.findFirst({ where: { OR: [{ id: key }, { slug: key }] }, select: { id: true } })
  if (!review) throw new UsageError(`no review with id or slug '${key}'`)
  const target = out ? createWriteStream(out) : process.stdout
  for await (const chunk of exportReview(review.id)) if (!target.write(chunk)) await once(target, 'drain')
  if (out) await new Promise<void>((resolve, reject) => (target as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())))
  return 0
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { owner: { type: 'string' } }, { min: 1, max: 1 })
  const email = values.owner?.toLowerCase()
  if (!email) throw new UsageError(`usage: ferrite ${command.usage}`)
  const owner = await prisma().user.findUnique({ where: { email }, select: { id: true, passwordHash: true } })
  if (!owner?.passwordHash) throw new UsageError(`no account with the email ${email} can own the review; sign up first`)
  try {
    const summary = await importReview(owner.id, readBackup(await readAll(positionals[0]!)))
    process.stdout.write(JSON.stringify(summary) + '\n')
    return 0
  } catch (e) {
    if (e instanceof AppError) throw new UsageError(e.message)
    throw e
  }
}

export const command: Command = {
  summary: 'Export a whole review as JSON, or import such a backup as a new review',
  usage: 'backup export <review id | slug> [--out file]  |  backup import <file | -> --owner <email>',
  async run(args) {
    const [sub, ...rest] = args
    try {
      if (sub === 'export') return await exportCommand(rest)
      if (sub === 'import') return await importCommand(rest)
      throw new UsageError(`usage: ferrite ${command.usage}`)
    } finally {
      await disconnectDb()
    }
  },
}
