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

/** The value of `--name value`, taken out of args (so that what remains is positional); throws when the value is missing. */
export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  const value = args[i + 1]
  if (!value || value.startsWith('--')) throw new UsageError(`${name} needs a value`)
  args.splice(i, 2)
  return value
}

/** `--port N`, else PORT, else 3000. */
export function portOption(args: string[]): number {
  const given = option(args, '--port') ?? process.env.PORT ?? '3000'
  const port = Number(given)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${given}"`)
  return port
}
