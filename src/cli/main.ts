#!/usr/bin/env -S npx tsx
/**
 * The `ferrite` command: `npm run -s ferrite -- <command> [args]`.
 * Each subcommand lives in its own module and is loaded only when used, so `--help` and the
 * pure-core commands start fast and never touch the database.
 */
import type { Command } from './command'
import { UsageError } from './command'

const commands: Record<string, () => Promise<{ command: Command }>> = {
  start: () => import('./start'),
  db: () => import('./db'),
  worker: () => import('./worker'),
  import: () => import('./import'),
  dedupe: () => import('./dedupe'),
  analyze: () => import('./analyze'),
  simulate: () => import('./simulate'),
}

function help(): string {
  const lines = ['Usage: ferrite <command> [options]', '', 'Commands:']
  return lines.join('\n')
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const loaded = await Promise.all(Object.entries(commands).map(async ([n, load]) => [n, (await load()).command] as const))
    const width = Math.max(...loaded.map(([n]) => n.length))
    process.stdout.write(
      [help(), ...loaded.map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`), '', "Run 'ferrite <command> --help' for a command's options."].join('\n') + '\n',
    )
    return name ? 0 : 1
  }
  const load = commands[name]
  if (!load) {
    process.stderr.write(`ferrite: unknown command '${name}'. Run 'ferrite --help' for the list.\n`)
    return 2
  }
  const { command } = await load()
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
    if (err instanceof UsageError || err instanceof RangeError || err instanceof TypeError) {
      process.stderr.write(`ferrite: ${err.message}\n`)
      process.exitCode = 2
    } else {
      process.stderr.write(`ferrite: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
      process.exitCode = 1
    }
  },
)
