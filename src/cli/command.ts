import { parseArgs } from 'node:util'
/** A `ferrite` subcommand. `run` returns the process exit code; results go to stdout, diagnostics to stderr. */
export interface Command {
  summary: string
  usage: string
  run(args: string[]): Promise<number>
}

/** Thrown for bad input; main prints the one-line message to stderr and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string }

/**
 * A command's arguments read by node:util's parseArgs, strictly: an unknown option (`--prot 3000`), a
 * missing value or a positional the command does not take is a UsageError naming it, never ignored.
 */
export function parseCommandLine<const O extends Record<string, OptionSpec>>(args: string[], options: O, positionals: { min?: number; max?: number } = {}) {
  const parse = () => {
    try {
      return parseArgs({ args, options, strict: true, allowPositionals: (positionals.max ?? 0) > 0 })
    } catch (e) {
      const message = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option '(.+)'$/, "unknown option '$1'") : String(e)
      throw new UsageError(message)
    }
  }
  const parsed = parse()
  const { min = 0, max = 0 } = positionals
  if (parsed.positionals.length < min) throw new UsageError(`missing ${min - parsed.positionals.length === 1 ? 'an argument' : 'arguments'}`)
  if (parsed.positionals.length > max) throw new UsageError(`unexpected argument '${parsed.positionals[max]}'`)
  return parsed
}

/** `--port N`, else PORT, else 3000. */
export function portOf(given: string | undefined): number {
  const value = given ?? process.env.PORT ?? '3000'
  const port = Number(value)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${value}"`)
  return port
}
