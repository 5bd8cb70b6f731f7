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
