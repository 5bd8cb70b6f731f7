import { defineConfig } from 'prisma/config'

// `prisma generate` runs during `npm ci` with no database configured: never throw on a missing URL.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:54329/postgres' },
})
