/**
 * The living review's two targets, on a review of 200 studies with agreed 2x2 tables and a bivariate
 * analysis, published as version 1:
 *  - recompute and push under 200 ms: (a) the server's recompute alone (computeAnalysis: read the agreed
 *    data, fit the bivariate model, attach provenance); (b) the whole path a reviewer sees: a consensus
 *    change committed by another app instance (this process), Postgres NOTIFY, the server's
 *    server-sent event to a subscribed page, and the page's refetch of the recomputed result;
 *  - the public page's first byte under 300 ms (GET /p/<slug>, no session).
 * Ferrite is started as `npm start` starts it (production build) on a fresh Postgres database.
 *
 * Run: npx tsx --conditions=react-server tests/bench/living.bench.ts [rounds]
 */
import { ferriteNodeArgs } from '../../src/cli/processes'
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { createTestDatabase } from '../helpers/database'
import { freePort, waitForHttp } from '../e2e/global-setup'
import { signInOverHttp } from './http-sign-in'
import { repoRoot } from '../../src/cli/next-build'

const rounds = Number(process.argv[2] ?? 30)
const studiesWanted = 200
const db = await createTestDatabase('living')
if (db.embedded) throw new Error('this benchmark needs a Postgres server (TEST_DATABASE_URL or 127.0.0.1:5432)')
process.env.DATABASE_URL = db.url
process.env.FERRITE_EMBEDDED = '0'
const { prisma, disconnectDb } = await import('@/server/db/client')
const { disableJobs } = await import('@/server/jobs/boss')
const { stopLive } = await import('@/server/live/changes')
const { createForm } = await import('@/server/services/extraction/forms')
const { saveEntry } = await import('@/server/services/extraction/entries')
const { setConsensus } = await import('@/server/services/extraction/consensus')
const { saveAnalysis, computeAnalysis } = await import('@/server/services/analysis/analyses')
const { publishVersion } = await import('@/server/services/publication/versions')
const { createImport, createReview, createUser } = await import('../../prisma/seed/factories')
disableJobs()

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!
  return `p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms (n = ${s.length})`
}

// A review of 200 included studies with agreed 2x2 tables (sensitivity ~0.8, specificity ~0.78, heterogeneous).
const password = 'living bench passphrase'
const [leadUser, ana, bo] = [await createUser(prisma(), { password }), await createUser(prisma()), await createUser(prisma())]
const review = await createReview(prisma(), {
  members: [
    { userId: leadUser.id, role: 'LEAD' },
    { userId: ana.id, role: 'REVIEWER' },
    { userId: bo.id, role: 'REVIEWER' },
  ],
})
const lead = { userId: leadUser.id, reviewId: review.id, role: 'LEAD' as const }
const form = await createForm(lead, { kind: 'EXTRACTION', templateKey: 'diagnostic_accuracy' })
const version = await prisma().formVersion.findFirstOrThrow({ where: { formId: form.id } })
const batch = await createImport(prisma(), review.id, leadUser.id, { recordCount: studiesWanted })
let seed = 7
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
const table = () => {
  const pos = 20 + Math.floor(random() * 80)
  const neg = 20 + Math.floor(random() * 80)
  const sens = Math.min(0.97, Math.max(0.45, 0.8 + (random() - 0.5) * 0.3))
  const spec = Math.min(0.97, Math.max(0.45, 0.78 + (random() - 0.5) * 0.3))
  const tp = Math.round(sens * pos)
  const tn = Math.round(spec * neg)
  return { tp, fp: neg - tn, fn: pos - tp, tn }
}
const records = Array.from({ length: studiesWanted }, (_, i) => ({
  id: `bench-record-${i}`,
  reviewId: review.id,
  importId: batch.id,
  sourceLine: i + 1,
  title: `Study ${i}`,
  authors: [`Author${i}, A.`],
  year: 2000 + (i % 26),
  keywords: [],
}))
await prisma().searchRecord.createMany({ data: records })
await prisma().study.createMany({ data: records.map((r, i) => ({ id: `bench-study-${i}`, reviewId: review.id, label: `Author${i} ${r.year}` })) })
await prisma().studyReport.createMany({ data: records.map((r, i) => ({ studyId: `bench-study-${i}`, recordId: r.id })) })
await prisma().consensusValue.createMany({
  data: records.flatMap((_, i) => [
    { studyId: `bench-study-${i}`, formId: form.id, formVersionId: version.id, path: 'index_tests[0].two_by_two', value: table(), source: 'manual', entered: [], decidedById: leadUser.id },
    { studyId: `bench-study-${i}`, formId: form.id, formVersionId: version.id, path: 'index_tests[0].name', value: 'CNN', source: 'manual', entered: [], decidedById: leadUser.id },
  ]),
})
// the study whose table the lead keeps changing: two submitted entries that disagree
const target = 'bench-study-0'
await prisma().consensusValue.deleteMany({ where: { studyId: target } })
const entry = (t: ReturnType<typeof table>) => ({
  population: { population: 'Thalassaemia' },
  reference: { reference_standard: 'r2_ferriscan' },
  index_tests: [{ name: 'CNN', algorithm: 'cnn', two_by_two: t }],
})
await prisma().studyAssignment.createMany({ data: [ana, bo].map((u) => ({ studyId: target, formId: form.id, userId: u.id })) })
await saveEntry({ userId: ana.id, reviewId: review.id, role: 'REVIEWER' }, target, form.id, entry({ tp: 40, fp: 8, fn: 10, tn: 42 }), true)
await saveEntry({ userId: bo.id, reviewId: review.id, role: 'REVIEWER' }, target, form.id, entry({ tp: 30, fp: 20, fn: 20, tn: 30 }), true)
const analysis = await saveAnalysis(lead, {
  name: 'Accuracy (200 studies)',
  spec: {
    kind: 'dta',
    formId: form.id,
    source: { sectionId: 'index_tests', fieldId: 'two_by_two' },
    rows: 'first',
    rowFilter: null,
    model: 'bivariate',
    measure: 'PLO',
    proportionOf: 'sensitivity',
    method: 'REML',
    test: 'z',
    subgroup: null,
    excludeRisk: null,
    leaveOneOut: false,
  },
})
await setConsensus(lead, target, form.id, 'index_tests[0].two_by_two', { source: 'entry', userId: ana.id })
const check = await computeAnalysis(review.id, analysis.id)
console.log(`review: ${check.rows.length} studies pooled; sensitivity ${check.dta?.sens?.toFixed(3)}, specificity ${check.dta?.spec?.toFixed(3)}`)

// (a) the server's recompute alone
const compute: number[] = []
for (let i = 0; i < rounds; i++) {
  const t = performance.now()
  await computeAnalysis(review.id, analysis.id)
  compute.push(performance.now() - t)
}
console.log(`recompute (computeAnalysis, 200 studies): ${stats(compute)}`)

const t0 = performance.now()
await publishVersion(lead, { notes: 'Benchmark version with 200 studies.', nextSearchDate: null })
console.log(`publishing version 1 (snapshot with plots): ${(performance.now() - t0).toFixed(0)} ms`)

// (b) the whole path through a running Ferrite
const port = await freePort()
const base = `http://localhost:${port}`
const env = { ...process.env, DATABASE_URL: db.url, PORT: String(port), NEXTAUTH_URL: base, NEXTAUTH_SECRET: 'living-bench-secret-0123456789abcdef', FERRITE_DEMO: '0' } as NodeJS.ProcessEnv
const server = spawn(process.execPath, ferriteNodeArgs('start'), { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
try {
  await waitForHttp(`${base}/signin`, server, 300_000)
  const cookie = await signInOverHttp(base, leadUser.email, password)
  const input = (o: object) => encodeURIComponent(JSON.stringify({ json: o }))
  const resultUrl = `${base}/api/trpc/analyses.result?input=${input({ reviewId: review.id, analysisId: analysis.id })}`
  for (let i = 0; i < 3; i++) await (await fetch(resultUrl, { headers: { cookie } })).text() // warm up

  // a page's subscription: the server-sent event stream of this review's changes
  const sse = await fetch(`${base}/api/trpc/analyses.changes?input=${input({ reviewId: review.id })}`, { headers: { cookie, accept: 'text/event-stream' } })
  if (!sse.ok || !sse.body) throw new Error(`subscription refused: ${sse.status}`)
  const reader = sse.body.getReader()
  const decoder = new TextDecoder()
  let buffered = ''
  const nextChange = async () => {
    for (;;) {
      const events = buffered.split('\n\n')
      buffered = events.pop()!
      if (events.some((e) => e.includes('"consensus"'))) return
      const { done, value } = await reader.read()
      if (done) throw new Error('the event stream ended')
      buffered += decoder.decode(value, { stream: true })
    }
  }
  await new Promise((r) => setTimeout(r, 500))
  const push: number[] = []
  const whole: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    const waiting = nextChange()
    await setConsensus(lead, target, form.id, 'index_tests[0].two_by_two', { source: 'entry', userId: i % 2 ? ana.id : bo.id })
    await waiting
    push.push(performance.now() - t)
    const body = await (await fetch(resultUrl, { headers: { cookie } })).text()
    if (!body.includes('"sens"')) throw new Error(`no result: ${body.slice(0, 200)}`)
    whole.push(performance.now() - t)
  }
  await reader.cancel()
  console.log(`push (commit on another instance -> NOTIFY -> server-sent event): ${stats(push)}`)
  console.log(`recompute and push (commit -> event -> recomputed result received): ${stats(whole)}`)

  // the public page, no session
  const ttfb: number[] = []
  for (let i = 0; i < 3; i++) await (await fetch(`${base}/p/${review.slug}`)).text()
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    const res = await fetch(`${base}/p/${review.slug}`)
    ttfb.push(performance.now() - t)
    const html = await res.text()
    if (res.status !== 200 || !html.includes('Accuracy (200 studies)')) throw new Error(`public page: ${res.status}`)
  }
  const size = (await (await fetch(`${base}/p/${review.slug}`)).text()).length
  console.log(`public page first byte (200 studies, ${(size / 1024).toFixed(0)} KiB of HTML): ${stats(ttfb)}`)
} finally {
  if (server.pid) process.kill(-server.pid, 'SIGTERM')
  await new Promise((r) => setTimeout(r, 1500))
  await stopLive()
  await disconnectDb()
  await db.drop()
}
