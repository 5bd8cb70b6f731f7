/**
 * Benchmark of the DTA models: bivariate normal REML at k = 1,000 (target < 50 ms) and the
 * bivariate binomial GLMM (Laplace) at k = 100 (target < 500 ms), medians of several runs after a
 * warm-up. Where `Rscript` is installed, the same fits on the same simulated data are timed in R
 * (metafor::rma.mv, lme4::glmer; only the fit is timed) and the ratios printed (targets: 20x faster
 * than rma.mv, 5x than glmer). Exits 0 with or without R. rma.mv at k = 1,000 needs sparse = TRUE
 * (a dense 2000 x 2000 V takes many minutes) and still takes tens of seconds, so it runs once.
 * Run: npx tsx --conditions=react-server tests/bench/dta.bench.ts   (FERRITE_BENCH_NO_R=1 skips R)
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { applyContinuityCorrection } from '@/core/dta/continuity-correction'
import { toLogitData } from '@/core/dta/logit-accuracy'
import { fitBivariateNormal } from '@/core/dta/bivariate-normal'
import { fitBivariateGlmm } from '@/core/dta/bivariate-glmm'
import type { DtaStudy } from '@/core/dta/dta-study'
import { mulberry32 } from '@/core/screening/prng'

/** k studies from the bivariate model: logit sens ~ N(1.5, 0.8²), logit spec ~ N(2, 0.7²), correlation −0.4. */
function simulate(k: number, seed: number): DtaStudy[] {
  const u = mulberry32(seed)
  const normal = (): number => Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u())
  const binomial = (n: number, p: number): number => {
    let x = 0
    for (let i = 0; i < n; i++) if (u() < p) x++
    return x
  }
  return Array.from({ length: k }, (_, i) => {
    const z1 = normal()
    const z2 = -0.4 * z1 + Math.sqrt(1 - 0.16) * normal()
    const n1 = 20 + Math.floor(u() * 180)
    const n0 = 20 + Math.floor(u() * 380)
    const tp = binomial(n1, 1 / (1 + Math.exp(-(1.5 + 0.8 * z1))))
    const tn = binomial(n0, 1 / (1 + Math.exp(-(2 + 0.7 * z2))))
    return { id: `s${i + 1}`, tp, fn: n1 - tp, tn, fp: n0 - tn }
  })
}

function medianMs(runs: number, f: () => void): number {
  f()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    f()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

const bigStudies = simulate(1000, 20240611)
const { data: bigData } = toLogitData(applyContinuityCorrection(bigStudies, { value: 0.5, scope: 'all' }))
const glmmStudies = simulate(100, 19980301)

const reitsma = fitBivariateNormal(bigData, { method: 'REML' })
const glmm = fitBivariateGlmm(glmmStudies)
const bivariateMs = medianMs(9, () => fitBivariateNormal(bigData, { method: 'REML' }))
const glmmMs = medianMs(5, () => fitBivariateGlmm(glmmStudies))
const agq9Ms = medianMs(3, () => fitBivariateGlmm(glmmStudies, { nodes: 9 }))

/** Times rma.mv (sparse = TRUE, one run) and glmer (median of 3) in R on the same data; only the fits are timed. */
function timeInR(): { rma: number; glmer: number; rmaLogLik: number; glmerLogLik: number } | null {
  if (process.env.FERRITE_BENCH_NO_R) return null
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' })
  } catch {
    return null
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'ferrite-dta-bench-'))
  try {
    const csv = (rows: DtaStudy[]): string => ['tp,fn,fp,tn', ...rows.map((s) => `${s.tp},${s.fn},${s.fp},${s.tn}`)].join('\n')
    writeFileSync(path.join(dir, 'big.csv'), csv(bigStudies))
    writeFileSync(path.join(dir, 'glmm.csv'), csv(glmmStudies))
    const script = `
suppressMessages({ library(metafor); library(lme4) })
med <- function(runs, f) median(sapply(seq_len(runs), function(i) { t <- proc.time()[["elapsed"]]; f(); 1000 * (proc.time()[["elapsed"]] - t) }))
d <- read.csv(file.path("${dir}", "big.csv"))
if (any(d == 0)) d <- d + 0.5
k <- nrow(d)
s <- data.frame(study = rep(seq_len(k), each = 2), outcome = rep(c("sens", "spec"), k),
  yi = as.vector(rbind(log(d$tp / d$fn), log(d$tn / d$fp))), vi = as.vector(rbind(1 / d$tp + 1 / d$fn, 1 / d$tn + 1 / d$fp)))
fit <- function() rma.mv(yi, vi, mods = ~ factor(outcome) - 1, random = ~ factor(outcome) | study, struct = "UN", data = s, sparse = TRUE)
sparse <- med(1, fit)
g <- read.csv(file.path("${dir}", "glmm.csv"))
kg <- nrow(g)
l <- data.frame(study = factor(rep(seq_len(kg), each = 2)), sens = rep(c(1, 0), kg), spec = rep(c(0, 1), kg),
  x = as.vector(rbind(g$tp, g$tn)), n = as.vector(rbind(g$tp + g$fn, g$tn + g$fp)))
gfit <- function() glmer(cbind(x, n - x) ~ 0 + sens + spec + (0 + sens + spec | study), data = l, family = binomial, nAGQ = 1)
glmerMs <- med(3, gfit)
cat(sparse, glmerMs, as.numeric(logLik(fit())), as.numeric(logLik(gfit())), "\\n")
`
    writeFileSync(path.join(dir, 'time.R'), script)
    const out = execFileSync('Rscript', [path.join(dir, 'time.R')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 600_000 })
    const [rma, glmer, rmaLogLik, glmerLogLik] = out.trim().split(/\s+/).map(Number) as [number, number, number, number]
    return { rma, glmer, rmaLogLik, glmerLogLik }
  } catch (e) {
    process.stderr.write(`R timing skipped: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`)
    return null
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const r = timeInR()
const fmt = (v: number): string => v.toFixed(1).padStart(10)
const rows: [string, number, number | null, string, number][] = [
  ['bivariate normal REML, k = 1000', bivariateMs, r ? r.rma : null, 'rma.mv', 20],
  ['bivariate GLMM Laplace, k = 100', glmmMs, r ? r.glmer : null, 'glmer', 5],
]
console.log('DTA benchmark (median ms)')
console.log(`${'model'.padEnd(36)}${'ferrite'.padStart(10)}${'R'.padStart(10)}  ratio (target)`)
for (const [name, ms, rMs, rName, target] of rows)
  console.log(`${name.padEnd(36)}${fmt(ms)}${rMs === null ? '       n/a' : fmt(rMs)}  ${rMs === null ? 'R not available' : `${(rMs / ms).toFixed(1)}x ${rName} (${target}x)`}`)
console.log(`${'bivariate GLMM AGQ 9x9, k = 100'.padEnd(36)}${fmt(agq9Ms)}`)
if (r) {
  console.log(
    `logLik check: rma.mv ${r.rmaLogLik.toFixed(6)} vs ${reitsma.logLik.toFixed(6)}; glmer ${r.glmerLogLik.toFixed(4)} vs ${glmm.logLik.toFixed(4)} (glmer's default tolPwrss leaves its modes inexact)`,
  )
}
console.log(`targets: bivariate < 50 ms ${bivariateMs < 50 ? 'met' : 'MISSED'}; GLMM < 500 ms ${glmmMs < 500 ? 'met' : 'MISSED'}`)
