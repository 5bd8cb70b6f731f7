import { afterAll, inject } from 'vitest'
import { disconnectDb } from '@/server/db/client'
import { stopJobs } from '@/server/jobs/boss'

process.env.DATABASE_URL = inject('databaseUrl')
process.env.FERRITE_EMBEDDED = inject('embeddedDatabase') ? '1' : '0'

afterAll(async () => {
  await stopJobs()
  await disconnectDb()
})
