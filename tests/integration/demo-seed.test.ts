import { ferriteNodeArgs } from '../../src/cli/processes'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/server/db/client'
import { computeAnalysis, listAnalyses } from '@/server/services/analysis/analyses'
import { exportReview } from '@/server/services/backup/export'
import { importReview, readBackup } from '@/server/services/backup/import'
import { prismaFlowCounts } from '@/server/services/publication/prisma-flow-counts'
import { createTestDatabase } from '../helpers/database'
import { newUser } from '../helpers/fixtures'
import { demoSlug, seedDemo } from '../../prisma/seed/demo'

describe('the demo review', () => {
  it('is seeded once, through the services, with every screening state represented', { timeout: 120_000 }, async () => {
    expect(await seedDemo()).toBe(true)
    expect(await seedDemo()).toBe(false)
    const review = await prisma().review.findUniqueOrThrow({ where: { slug: demoSlug } })
    expect(review.isDemo).toBe(true)
    const db = prisma()
    const imports = await db.importBatch.findMany({ where: { reviewId: review.id } })
    expect(imports.map((i) => i.source).sort()).toEqual(['Cochrane Library', 'Embase', 'IEEE Xplore', 'PubMed', 'Scopus', 'Web of Science'])
    const groups = await db.duplicateGroup.groupBy({ by: ['status'], where: { reviewId: review.id }, _count: { _all: true } })
    expect(Object.fromEntries(groups.map((g) => [g.status, g._count._all]))).toMatchObject({ AUTO: expect.any(Number), PENDING: 1 })
    const items = await db.screeningItem.groupBy({ by: ['stage', 'status'], where: { reviewId: review.id }, _count: { _all: true } })
    const count = (stage: string, status: string) => items.find((i) => i.stage === stage && i.status === status)?._count._all ?? 0
    expect(count('TITLE_ABSTRACT', 'CONFLICT')).toBe(2)
    expect(count('TITLE_ABSTRACT', 'OPEN')).toBeGreaterThan(0)
    expect(count('FULL_TEXT', 'INCLUDED')).toBe(10)
    expect(count('FULL_TEXT', 'EXCLUDED')).toBe(5)
    expect(await db.fullText.count({ where: { record: { reviewId: review.id } } })).toBe(15)
    // the lead's tags sort the ten included studies by family of method
    const tags = await db.tag.findMany({ where: { reviewId: review.id }, select: { name: true, _count: { select: { records: true } } } })
    expect(tags.map((t) => t.name).sort()).toEqual(['Classical machine learning', 'Deep learning'])
    expect(tags.reduce((n, t) => n + t._count.records, 0)).toBe(10)
    expect(await db.rankingRun.count({ where: { reviewId: review.id } })).toBe(1)
    // extraction and quality: ten studies, two entries each, agreed 2x2 tables for all, one QUADAS-2 judgement left to settle
    expect(await db.study.count({ where: { reviewId: review.id } })).toBe(10)
    expect(await db.formEntry.count({ where: { study: { reviewId: review.id }, status: 'SUBMITTED' } })).toBe(40)
    expect(await db.consensusValue.count({ where: { study: { reviewId: review.id }, path: 'index_tests[0].two_by_two' } })).toBe(10)
    expect(await db.consensusValue.count({ where: { study: { reviewId: review.id }, path: 'd1.risk_of_bias' } })).toBe(9)
    // analyses and the first published version, whose headline result is the motivating review's
    expect(await db.analysis.count({ where: { reviewId: review.id } })).toBe(5)
    const version = await db.reviewVersion.findFirstOrThrow({ where: { reviewId: review.id } })
    const snapshot = version.snapshot as { analyses: { summary: { sens: number[]; spec: number[]; auc: number } }[]; prismaFlow: { counts: { included: { studies: number } } } }
    const [sens, sensLo, sensHi] = snapshot.analyses[0]!.summary.sens.map((x) => Number(x.toFixed(2)))
    const [spec, specLo, specHi] = snapshot.analyses[0]!.summary.spec.map((x) => Number(x.toFixed(2)))
    expect([sens, sensLo, sensHi, spec, specLo, specHi, Number(snapshot.analyses[0]!.summary.auc.toFixed(2))]).toEqual([0.79, 0.67, 0.88, 0.77, 0.67, 0.85, 0.84])
    expect(snapshot.prismaFlow.counts.included.studies).toBe(10)
    const abstracts = await db.searchRecord.findMany({ where: { reviewId: review.id }, select: { abstract: true } })
    expect(abstracts.every((a) => a.abstract.includes('[Demo record'))).toBe(true)
  })
})

type Names = Map<string, string>

/** What a review's ids name (its studies, forms, analyses and the people who entered or agreed data), read from any database. */
async function namesIn(query: (sql: string) => Promise<{ id: string; name: string }[]>, reviewId: string): Promise<Names> {
  const rows = []
  for (const sql of [
    `SELECT id, 'study:' || label AS name FROM "Study" WHERE "reviewId" = '${reviewId}'`,
    `SELECT id, 'form:' || name AS name FROM "Form" WHERE "reviewId" = '${reviewId}'`,
    `SELECT id, 'analysis:' || name AS name FROM "Analysis" WHERE "reviewId" = '${reviewId}'`,
    `SELECT u.id, 'user:' || u.name AS name FROM "User" u WHERE EXISTS (SELECT 1 FROM "FormEntry" e JOIN "Study" s ON s.id = e."studyId" WHERE e."userId" = u.id AND s."reviewId" = '${reviewId}') OR EXISTS (SELECT 1 FROM "ConsensusValue" c JOIN "Study" s ON s.id = c."studyId" WHERE c."decidedById" = u.id AND s."reviewId" = '${reviewId}')`,
  ])
    rows.push(await query(sql))
  return new Map(rows.flat().map((r) => [r.id, r.name]))
}
const namesHere = (reviewId: string) => namesIn((sql) => prisma().$queryRawUnsafe(sql), reviewId)

/** Computed analyses with ids replaced by what they name, so two copies of a review compare equal. */
function comparable(results: unknown, names: Names) {
  const rename = (v: unknown): unknown => {
    if (typeof v === 'string') return names.get(v) ?? v
    if (Array.isArray(v)) return v.map(rename)
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k !== 'computedAt')
          .map(([k, x]) => [names.get(k) ?? k, rename(x)]),
      )
    return v
  }
  return rename(JSON.parse(JSON.stringify(results)))
}

async function comparableAnalyses(reviewId: string) {
  const results = await Promise.all((await listAnalyses(reviewId)).map((a) => computeAnalysis(reviewId, a.id)))
  return comparable(results, await namesHere(reviewId))
}

async function backupText(reviewId: string) {
  let text = ''
  for await (const chunk of exportReview(reviewId)) text += chunk
  return text
}

const repoRoot = path.resolve(import.meta.dirname, '../..')
function ferrite(databaseUrl: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ferriteNodeArgs(...args), {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, FERRITE_EMBEDDED: '0' },
    maxBuffer: 256 * 1024 * 1024,
  })
  if (run.status !== 0) throw new Error(`ferrite ${args.join(' ')} exited ${run.status}: ${run.stderr}`)
  return JSON.parse(run.stdout) as unknown
}

describe('a backup of the demo review', () => {
  it('imports beside the original as a copy with the same analyses, versions and PRISMA counts', { timeout: 120_000 }, async () => {
    await seedDemo()
    const db = prisma()
    const original = await db.review.findUniqueOrThrow({ where: { slug: demoSlug } })
    const text = await backupText(original.id)
    const importer = await newUser()
    const summary = await importReview(importer.id, readBackup(text))
    expect(summary.slug).not.toBe(demoSlug)
    expect(summary.counts).toMatchObject({ studies: 10, analyses: 5, versions: 1, fullTexts: 15 })
    expect(await comparableAnalyses(summary.reviewId)).toEqual(await comparableAnalyses(original.id))
    expect(await prismaFlowCounts(summary.reviewId)).toEqual(await prismaFlowCounts(original.id))
    for (const table of ['searchRecord', 'screeningItem', 'duplicateGroup', 'consensusValue', 'formEntry'] as const) {
      const where = table === 'consensusValue' || table === 'formEntry' ? (id: string) => ({ study: { reviewId: id } }) : (id: string) => ({ reviewId: id })
      const count = (id: string) => (db[table] as unknown as { count(a: object): Promise<number> }).count({ where: where(id) })
      expect(await count(summary.reviewId), table).toBe(await count(original.id))
    }
    expect(await db.vote.count({ where: { item: { reviewId: summary.reviewId } } })).toBe(await db.vote.count({ where: { item: { reviewId: original.id } } }))
    // the published version is the same snapshot, its ids now those of the copy
    const [v1] = await db.reviewVersion.findMany({ where: { reviewId: summary.reviewId } })
    const copiedStudyIds = new Set((await db.study.findMany({ where: { reviewId: summary.reviewId }, select: { id: true } })).map((s) => s.id))
    expect((v1!.snapshot as { studies: { id: string }[] }).studies.every((s) => copiedStudyIds.has(s.id))).toBe(true)
    // the importer owns the copy alone; the demo team are names on their work, to be invited again
    const roles = await db.membership.findMany({ where: { reviewId: summary.reviewId }, select: { userId: true, role: true } })
    expect(roles).toEqual([{ userId: importer.id, role: 'OWNER' }])
    expect(summary.people.length).toBeGreaterThan(0)
  })

  it('restores into a fresh database through the ferrite command, producing the same analyses', { timeout: 180_000 }, async () => {
    const db = prisma()
    const original = await db.review.findUniqueOrThrow({ where: { slug: demoSlug } })
    const fresh = await createTestDatabase('restore')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-backup-'))
    try {
      const file = path.join(dir, 'backup.json')
      fs.writeFileSync(file, await backupText(original.id))
      const client = new pg.Client({ connectionString: fresh.url })
      await client.connect()
      await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ('restorer', 'restorer@example.test', 'Restorer', 'argon2-hash-placeholder', now())`)
      await client.end()
      const summary = ferrite(fresh.url, 'backup', 'import', file, '--owner', 'restorer@example.test') as { slug: string; people: string[] }
      expect(summary.slug).toBe(demoSlug)
      // the rest of the team: their work keeps their names, without access
      expect(summary.people.length).toBeGreaterThan(0)
      const restored = ferrite(fresh.url, 'analyze', '--review', demoSlug) as { review: { id: string }; analyses: unknown[] }
      expect(restored.analyses).toHaveLength(5)
      const other = new pg.Client({ connectionString: fresh.url })
      await other.connect()
      const names = await namesIn(async (sql) => (await other.query<{ id: string; name: string }>(sql)).rows, restored.review.id)
      await other.end()
      expect(comparable(restored.analyses, names)).toEqual(await comparableAnalyses(original.id))
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
      await fresh.drop()
    }
  })
})
