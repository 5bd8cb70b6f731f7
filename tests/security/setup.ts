/**
 * The security suite attacks the server that tests/e2e/global-setup.ts starts (as `npm start` runs it),
 * over HTTP and in Chromium; where an attack is a race, it also calls the services directly, in this
 * process, on the same database.
 */
import { afterAll, inject } from 'vitest'
import { disconnectDb } from '@/server/db/client'
import { stopJobs } from '@/server/jobs/boss'

process.env.DATABASE_URL = inject('e2eDatabaseUrl')
process.env.FERRITE_EMBEDDED = inject('e2eEmbeddedDatabase') ? '1' : '0'

afterAll(async () => {
  await stopJobs()
  await disconnectDb()
})
