/**
 * How a `ferrite` process is started with Node: TypeScript through tsx, and, for every command but the
 * web server, under the `react-server` export condition. The server's modules carry the `server-only`
 * marker, which makes Next refuse to bundle them into a page's browser code; Next resolves it itself in
 * its bundles, and under this condition it resolves to nothing in the CLI, the worker and the tests. The
 * web server imports no marked module (it only hands requests to Next).
 */
import path from 'node:path'
import { repoRoot } from './next-build'

export const mainScript = path.join(repoRoot, 'src/cli/main.ts')

/** Node's arguments for `ferrite <command> [args]`. */
export function ferriteNodeArgs(...argv: string[]): string[] {
  return [...(argv[0] === 'web' ? [] : ['--conditions=react-server']), '--import', 'tsx', mainScript, ...argv]
}
