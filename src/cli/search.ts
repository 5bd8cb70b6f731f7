/**
 * `ferrite search <service> "<query>"`: runs a query on PubMed, Europe PMC, OpenAlex or Crossref as a
 * saved search would (same clients, paging, rate limits and retries) and prints what came back, so a
 * team can try a query before saving it. Nothing is stored.
 */
import type { Command } from './command'
import { parseCommandLine, UsageError } from './command'
import { searchServices, type SearchService, type SearchSpec } from '@/core/searches/search-spec'
import { searchPages, serviceConfig } from '@/server/bibliographic/clients'
import { ServiceError } from '@/server/bibliographic/http'

const day = (flag: string, value: string | undefined): string | null => {
  if (value === undefined) return null
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} must be a date as YYYY-MM-DD, not "${value}"`)
  return value
}

export const command: Command = {
  summary: 'Run a query on PubMed, Europe PMC, OpenAlex or Crossref and print the records (nothing is stored)',
  usage: `search <${searchServices.join('|')}> "<query>" [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--max N] [--date-field F] [--base-url URL]`,
  async run(args) {
    const { values, positionals } = parseCommandLine(
      args,
      { from: { type: 'string' }, to: { type: 'string' }, max: { type: 'string' }, 'base-url': { type: 'string' }, 'date-field': { type: 'string' } },
      { min: 2, max: 2 },
    )
    const [service, query] = positionals as [string, string]
    if (!(searchServices as readonly string[]).includes(service)) throw new UsageError(`unknown service '${service}': use one of ${searchServices.join(', ')}`)
    if (query.trim() === '') throw new UsageError('the query is empty')
    const max = values.max === undefined ? 100 : Number(values.max)
    if (!Number.isInteger(max) || max < 1) throw new UsageError(`--max must be a whole number of records, not "${values.max}"`)
    if (values['base-url'] !== undefined && !URL.canParse(values['base-url'])) throw new UsageError(`--base-url must be a URL, not "${values['base-url']}"`)
    const spec: SearchSpec = {
      service: service as SearchService,
      query,
      window: { from: day('--from', values.from), to: day('--to', values.to) },
      dateField: values['date-field'] ?? '',
      publicationTypes: [],
    }
    const config = serviceConfig(spec.service, { ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}), pageSize: Math.min(max, service === 'openalex' ? 200 : 500) })
    let count = 0
    const items = []
    try {
      for await (const page of searchPages(spec, config)) {
        count = page.hits
        for (const w of page.warnings) process.stderr.write(`ferrite: ${w}\n`)
        for (const r of page.records) {
          if (items.length >= max) break
          items.push({ title: r.title, authors: r.authors, year: r.year, journal: r.journal, doi: r.doi, pmid: r.pmid, abstract: r.abstract })
        }
        if (items.length >= max) break
      }
    } catch (error) {
      if (error instanceof ServiceError) {
        process.stderr.write(`ferrite: ${error.message}\n`)
        return error.kind === 'rejected' ? 2 : 1
      }
      throw error
    }
    process.stdout.write(`${JSON.stringify({ service, query, count, records: items.length, items }, null, 2)}\n`)
    return 0
  },
}
