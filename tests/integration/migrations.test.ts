import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, inject } from 'vitest'
import { pendingSchemaSql, schemaPath } from '@/server/db/migrations/migrate'

const embedded = inject('embeddedDatabase')

describe.skipIf(embedded)('migrations (needs a Postgres server for the shadow database)', () => {
  it('prisma/migrations produce exactly schema.prisma', async () => {
    expect(await pendingSchemaSql(inject('databaseUrl'))).toBe('')
  })

  it('detects drift when schema.prisma gains a field the migrations lack', async () => {
    const original = fs.readFileSync(schemaPath, 'utf8')
    const drifted = original.replace('model Review {\n', 'model Review {\n  driftCheck String?\n')
    expect(drifted).not.toBe(original)
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrite-drift-'))
    // Check the drifted schema through a copy: the real file is never modified.
    const copy = path.join(tmp, 'schema.prisma')
    fs.writeFileSync(copy, drifted)
    const sql = await pendingSchemaSql(inject('databaseUrl'), undefined, copy)
    expect(sql).toMatch(/ALTER TABLE "Review" ADD COLUMN\s+"driftCheck" TEXT/)
  })
})
