#!/usr/bin/env -S npx tsx --conditions=react-server
/**
 * The `ferrite` command: `npm run -s ferrite -- <command> [args]`.
 * Each subcommand lives in its own module and is loaded only when used, so `--help` and the
 * pure-core commands start fast and never touch the database.
 */
import type { Command } from './command'
import { UsageError } from './command'
import { InputError } from '@/core/input-error'

/** Each subcommand: what `--help` lists, and the module that runs it (loaded only when used). */
const commands: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  start: { summary: 'Run Ferrite (embedded Postgres and demo data when DATABASE_URL is unset)', load: () => import('./start') },
  web: { summary: 'Run the web server alone (npm start runs it with the database and the worker)', load: () => import('./web') },
  worker: { summary: 'Run the background job worker (model retraining) until stopped', load: () => import('./worker') },
  db: { summary: 'Database migrations: deploy, check, create-migration', load: () => import('./db') },
  analyze: { summary: 'Meta-analysis (univariate or diagnostic accuracy) of a JSON specification', load: () => import('./analyze') },
  backup: { summary: 'Export a whole review as JSON, or import such a backup as a new review', load: () => import('./backup') },
  import: { summary: 'Read a citation export (RIS, MEDLINE, BibTeX, EndNote, Web of Science, CSV) and summarise it', load: () => import('./import') },
  dedupe: { summary: 'Find duplicate records across citation exports', load: () => import('./dedupe') },
  search: { summary: 'Try a query on PubMed, Europe PMC, OpenAlex or Crossref (prints the records; nothing is stored)', load: () => import('./search') },
  simulate: { summary: 'ASReview-style screening simulation on a labelled CSV (WSS, RRF, recall curve)', load: () => import('./simulate') },
}

function help(): string {
  const lines = ['Usage: ferrite <command> [options]', '', 'Commands:']
  return lines.join('\n')
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const width = Math.max(...Object.keys(commands).map((n) => n.length))
    process.stdout.write([help(), ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`), '', "Run 'ferrite <command> --help' for a command's options."].join('\n') + '\n')
    return name ? 0 : 1
  }
  const entry = commands[name]
  if (!entry) {
    process.stderr.write(`ferrite: unknown command '${name}'. Run 'ferrite --help' for the list.\n`)
    return 2
  }
  const { command } = await entry.load()
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: ferrite ${command.usage}\n\n${command.summary}\n`)
    return 0
  }
  return command.run(rest)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof InputError) {
      process.stderr.write(`ferrite: ${err.message}\n`)
      process.exitCode = 2
    } else {
      process.stderr.write(`ferrite: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
      process.exitCode = 1
    }
  },
)
