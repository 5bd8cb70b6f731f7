/**
 * `ferrite analyze <spec.json | ->`: runs a meta-analysis described by a JSON specification
 * (a file, or stdin with "-") and prints the result as one JSON object on stdout.
 * "type": "univariate" goes to analyzeUnivariate, "dta" to analyzeDta. Bad JSON or invalid input
 * (the core's InputError) exits 2 with a one-line message on stderr (naming the study and field
 * where there is one); any other error is a bug, reported with its stack, and exits 1.
 * `ferrite analyze --review <id | slug>` computes a stored review's analyses, as its web pages do.
 */
import { readFileSync } from 'node:fs'
import type { Command } from './command'
import { parseCommandLine, UsageError } from './command'
import { analyzeUnivariate } from '@/core/univariate/analyze-univariate'
import { analyzeDta } from '@/core/dta/analyze-dta'
import { InputError } from '@/core/input-error'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

const oneLine = (message: string): string => message.replace(/\s*\n\s*/g, ' ').trim()

export const command: Command = {
  summary: 'Run a univariate or DTA meta-analysis from a JSON specification and print the results as JSON',
  usage:
    'analyze <spec.json | ->   ("type": "univariate" | "dta"; "-" reads stdin)\n       analyze --review <review id | slug>   (every analysis of a review in DATABASE_URL, from its consensus data)',
  async run(args) {
    // "-" (stdin) is a positional, not an option
    const { values, positionals } = parseCommandLine(args, { review: { type: 'string' } }, { max: 1 })
    if (values.review !== undefined) {
      if (positionals.length) throw new UsageError('usage: ferrite analyze --review <review id | slug>')
      return analyzeReview(values.review)
    }
    if (positionals.length !== 1) throw new UsageError(`usage: ferrite ${command.usage}`)
    const source = positionals[0]!
    let text: string
    try {
      text = source === '-' ? await readStdin() : readFileSync(source, 'utf8')
    } catch (error) {
      throw new UsageError(`cannot read ${source}: ${error instanceof Error ? oneLine(error.message) : String(error)}`)
    }
    let spec: unknown
    try {
      spec = JSON.parse(text)
    } catch (error) {
      throw new UsageError(`${source === '-' ? 'stdin' : source} is not valid JSON: ${error instanceof Error ? oneLine(error.message) : String(error)}`)
    }
    const type = typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? (spec as { type?: unknown }).type : undefined
    let result: unknown
    try {
      if (type === 'univariate') result = analyzeUnivariate(spec)
      else if (type === 'dta') result = analyzeDta(spec)
      else throw new UsageError('the specification needs "type": "univariate" or "type": "dta"')
    } catch (error) {
      if (error instanceof UsageError) throw error
      if (error instanceof InputError) {
        process.stderr.write(`ferrite: ${oneLine(error.message)}\n`)
        return 2
      }
      process.stderr.write(`ferrite: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      return 1
    }
    process.stdout.write(JSON.stringify(result) + '\n')
    return 0
  },
}

/** Every analysis of a review, computed from its consensus data by the same services as the web pages. */
async function analyzeReview(key: string): Promise<number> {
  const { prisma, disconnectDb } = await import('@/server/db/client')
  const { listAnalyses, computeAnalysis } = await import('@/server/services/analysis/analyses')
  try {
    const review = await prisma().review.findFirst({ where: { OR: [{ id: key }, { slug: key }] }, select: { id: true, slug: true, title: true } })
    if (!review) throw new UsageError(`no review with id or slug '${key}'`)
    const analyses = []
    for (const a of await listAnalyses(review.id)) analyses.push(await computeAnalysis(review.id, a.id))
    process.stdout.write(JSON.stringify({ review, analyses }) + '\n')
    return 0
  } finally {
    await disconnectDb()
  }
}
