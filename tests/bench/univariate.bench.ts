/**
 * Benchmark of the univariate core: rma() with REML, DL and FE and rmaMantelHaenszel() at
 * k = 100,000 (target: REML under 100 ms), median of 5 runs after a warm-up.
 * Where Rscript exists, the same REML fit is timed in R (metafor::rma on the same data written to
 * a temporary CSV, only the fit timed, median of 5 system.time runs) and printed as a ratio.
 * metafor's rma.uni builds k-by-k matrices (W, P and P %*% P, O(k³) per iteration), so at
 * k = 100,000 it would need 80 GB per matrix; R is timed on the first 500 studies instead, beside
 * the TypeScript fit of the same 500.
 * Run: npx tsx --conditions=react-server tests/bench/univariate.bench.ts
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { rmaMantelHaenszel } from '@/core/univariate/mantel-haenszel'
import { rma } from '@/core/univariate/rma'
import { mulberry32 } from '@/core/screening/prng'

const K = 100_000
const K_R = 500
const RUNS = 5

function normalStream(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
}

const uniform = mulberry32(20240611)
const normal = normalStream(uniform)
const vi = Array.from({ length: K }, () => 0.01 + 0.49 * uniform())
const yi = vi.map((v) => -0.5 + normal() * Math.sqrt(0.1 + v))
const tables = Array.from({ length: K }, (_, i) => {
  const n1 = 50 + Math.floor(450 * uniform())
  const n2 = 50 + Math.floor(450 * uniform())
  const p2 = 0.05 + 0.3 * uniform()
  const p1 = Math.min(0.95, p2 * Math.exp(-0.3 + 0.2 * normal()))
  const ai = Math.round(n1 * p1)
  const ci = Math.round(n2 * p2)
  return { id: `study ${i + 1}`, ai, bi: n1 - ai, ci, di: n2 - ci }
})

/** Median wall-clock and CPU milliseconds of RUNS runs after one warm-up run. */
function medianMs(run: () => unknown): { wall: number; cpu: number } {
  run()
  const wall: number[] = []
  const cpu: number[] = []
  for (let r = 0; r < RUNS; r++) {
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    run()
    wall.push(performance.now() - start)
    const used = process.cpuUsage(cpuStart)
    cpu.push((used.user + used.system) / 1000)
  }
  const median = (v: number[]): number => v.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number
  return { wall: median(wall), cpu: median(cpu) }
}

function timeInR(y: number[], v: number[]): { ms: number; tau2: number } | string {
  const probe = spawnSync('Rscript', ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return 'Rscript not found'
  const dir = mkdtempSync(path.join(tmpdir(), 'ferrite-bench-'))
  try {
    const csv = path.join(dir, 'data.csv')
    writeFileSync(csv, 'yi,vi\n' + y.map((value, i) => `${value.toPrecision(17)},${(v[i] as number).toPrecision(17)}`).join('\n') + '\n')
    const script = [
      'suppressPackageStartupMessages(library(metafor))',
      `d <- read.csv("${csv}")`,
      'fit <- rma(yi, vi, data = d, method = "REML")',
      `t <- replicate(${RUNS}, system.time(rma(yi, vi, data = d, method = "REML"))[["elapsed"]])`,
      'cat(median(t) * 1000, format(fit$tau2, digits = 15), "\\n")',
    ].join('; ')
    const run = spawnSync('Rscript', ['-e', script], { encoding: 'utf8', timeout: 300_000 })
    if (run.status !== 0) return `R failed: ${(run.stderr || String(run.error)).split('\n')[0]}`
    const [ms, tau2] = run.stdout.trim().split(/\s+/).map(Number)
    return { ms: ms as number, tau2: tau2 as number }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const rows: [string, number, { wall: number; cpu: number }][] = []
const fits: Record<string, ReturnType<typeof rma>> = {}
for (const method of ['REML', 'DL', 'FE'] as const) {
  rows.push([`rma ${method}`, K, medianMs(() => (fits[method] = rma({ yi, vi, method })))])
}
rows.push(['rmaMantelHaenszel OR (with escalc)', K, medianMs(() => rmaMantelHaenszel({ measure: 'OR', studies: tables }))])
const ySmall = yi.slice(0, K_R)
const vSmall = vi.slice(0, K_R)
const small = rma({ yi: ySmall, vi: vSmall, method: 'REML' })
const tsSmall = medianMs(() => rma({ yi: ySmall, vi: vSmall, method: 'REML' }))
rows.push(['rma REML', K_R, tsSmall])

const width = Math.max(...rows.map((r) => r[0].length))
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs; medians of ${RUNS} runs`,
)
console.log(`${'fit'.padEnd(width)}  ${'k'.padStart(7)}  ${'wall ms'.padStart(9)}  ${'CPU ms'.padStart(9)}`)
for (const [name, k, ms] of rows) console.log(`${name.padEnd(width)}  ${k.toString().padStart(7)}  ${ms.wall.toFixed(2).padStart(9)}  ${ms.cpu.toFixed(2).padStart(9)}`)
const reml = rows[0]?.[2] as { wall: number; cpu: number }
console.log(
  `REML at k = ${K}: ${reml.wall.toFixed(1)} ms wall, ${reml.cpu.toFixed(1)} ms CPU (target < 100 ms: ${reml.wall < 100 ? 'met' : 'NOT met'}), ` +
    `${fits.REML?.iterations} Fisher scoring iterations, tau2 = ${fits.REML?.tau2.toFixed(5)}`,
)

const r = timeInR(ySmall, vSmall)
if (typeof r === 'string') console.log(`R comparison skipped: ${r}`)
else {
  console.log(`metafor rma(method = "REML") at k = ${K_R}: ${r.ms.toFixed(1)} ms (median of ${RUNS}); TypeScript ${tsSmall.wall.toFixed(2)} ms; ratio R/TS = ${(r.ms / tsSmall.wall).toFixed(0)}`)
  console.log(`same fit: tau2 R ${r.tau2.toPrecision(12)} vs TS ${small.tau2.toPrecision(12)}; metafor cannot fit k = ${K} (k-by-k matrices of 80 GB)`)
}
