import { parseCommandLine, UsageError, type Command } from './command'
import { createMigration, deployMigrations, pendingSchemaSql } from '@/server/db/migrations/migrate'

function databaseUrl(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new UsageError('DATABASE_URL is not set (the migration tool needs a Postgres server; its shadow database is created beside it)')
  return url
}

export const command: Command = {
  summary: 'Database migrations: deploy, check (drift between schema.prisma and prisma/migrations), create-migration <name> [--append-sql file]',
  usage: 'db deploy | db check | db create-migration <name> [--append-sql <file.sql>]',
  async run(args) {
    const { values, positionals } = parseCommandLine(args, { 'append-sql': { type: 'string' } }, { min: 1, max: 2 })
    const [sub, name] = positionals
    if (sub !== 'create-migration' && (name !== undefined || values['append-sql'] !== undefined)) throw new UsageError(`usage: ferrite ${command.usage}`)
    if (sub === 'deploy') {
      const applied = await deployMigrations(databaseUrl())
      process.stdout.write(JSON.stringify({ applied }) + '\n')
      return 0
    }
    if (sub === 'check') {
      const sql = await pendingSchemaSql(databaseUrl(), process.env.SHADOW_DATABASE_URL)
      if (sql) {
        process.stderr.write(`schema.prisma and prisma/migrations differ; create a migration. Pending SQL:\n${sql}\n`)
        return 2
      }
      process.stdout.write(JSON.stringify({ drift: false }) + '\n')
      return 0
    }
    if (sub === 'create-migration') {
      if (!name) throw new UsageError('create-migration needs a name, e.g. create-migration add_records')
      const dir = await createMigration({ url: databaseUrl(), name, appendSqlFile: values['append-sql'], shadowUrl: process.env.SHADOW_DATABASE_URL })
      process.stdout.write(JSON.stringify({ created: dir }) + '\n')
      return 0
    }
    throw new UsageError(`unknown db subcommand '${sub ?? ''}'; expected deploy, check or create-migration`)
  },
}
