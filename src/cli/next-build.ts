/**
 * Builds the Next.js app when there is no build, or when the sources changed since the last one
 * (a stamp of every source file's path, size and mtime is kept beside the build).
 */
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const repoRoot = path.resolve(import.meta.dirname, '../..')
export const nextBin = path.join(repoRoot, 'node_modules/next/dist/bin/next')
const stampFile = path.join(repoRoot, '.next/ferrite-build-stamp')

function walk(dir: string, out: string[]) {
  if (!fs.existsSync(dir)) return
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p, out)
    else out.push(p)
  }
}

export function sourceStamp(): string {
  const files: string[] = []
  for (const d of ['src', 'public', 'prisma']) walk(path.join(repoRoot, d), files)
  for (const f of ['package-lock.json', 'next.config.js', 'tsconfig.json', 'postcss.config.mjs']) files.push(path.join(repoRoot, f))
  const h = crypto.createHash('sha256')
  for (const f of files.sort()) {
    const st = fs.statSync(f, { throwIfNoEntry: false })
    if (st) h.update(`${path.relative(repoRoot, f)}\0${st.size}\0${st.mtimeMs}\n`)
  }
  return h.digest('hex')
}

export function buildIsCurrent(): boolean {
  return fs.existsSync(path.join(repoRoot, '.next/BUILD_ID')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === sourceStamp()
}

/** Runs `next build` if needed; output goes to stderr so callers' stdout stays clean. Throws on failure. */
export function ensureBuild(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  if (buildIsCurrent()) return
  const stamp = sourceStamp()
  log('Building the web app (first start or sources changed)…')
  const t0 = Date.now()
  const r = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  })
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`)
  fs.writeFileSync(stampFile, stamp)
  log(`Built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`)
}
