/**
 * Ferrite's layers, checked on every `npm run lint` (see ../shared/notes/architecture.md):
 *   src/core        pure: imports only itself and pure libraries (no framework, no database, no node:)
 *   src/server      imports core, lib and itself; never pages, UI or the CLI
 *   src/components  shared UI; reads server types only (type-only imports are erased)
 *   src/lib         shared helpers for pages and UI; likewise
 * A client component importing a server module fails the build instead: every server module carries
 * the `server-only` marker.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is the shared meta-analysis core: plain TypeScript with no framework, database or I/O.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        pathNot: ['^src/core/', '^node_modules/(zod|papaparse|fast-xml-parser|iconv-lite|chardet|entities|@stdlib/[^/]+)/'],
      },
    },
    {
      name: 'core-uses-no-node-builtins',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-below-pages',
      comment: 'The server layer never imports pages, shared UI or the CLI.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/(app|components|cli)/' },
    },
    {
      name: 'shared-ui-reads-no-server-code',
      comment: 'Shared UI and helpers run in the browser too: from the server they may take types only.',
      severity: 'error',
      from: { path: '^src/(components|lib)/' },
      to: { path: '^src/server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-generated-client-in-ui',
      comment: 'The Prisma client stays on the server; shared UI may use its enum types only.',
      severity: 'error',
      from: { path: '^src/(components|lib|core)/' },
      to: { path: '^src/generated/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^src/generated/', '^\\.next/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
