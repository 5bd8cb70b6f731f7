/**
 * The only reader of process.env on the server. Values are validated on first use (not at import),
 * so `next build` and the CLI's pure commands work without a database configured.
 */
import { z } from 'zod'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgresql:// URL' }),
  /** Set by `npm start` when it runs the embedded PGlite database (one connection; in-process events). */
  FERRITE_EMBEDDED: z.enum(['0', '1']).default('0'),
  /** Demo mode: the sign-in page lists the demo accounts. */
  FERRITE_DEMO: z.enum(['0', '1']).default('0'),
  /** Where uploaded files are kept (full-text PDFs). */
  FERRITE_DATA_DIR: z.string().default('.data'),
  DB_POOL_MAX: z.coerce.number().int().positive().optional(),
  /** How many proxies of our own stand in front of the app and append to X-Forwarded-For (0: believe only the socket). */
  FERRITE_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
})

export type Env = z.infer<typeof schema>

let cached: Env | undefined

export function env(): Env {
  if (cached) return cached
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${issues}`)
  }
  cached = parsed.data
  return cached
}

const optionalText = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined)
const serviceUrl = (fallback: string) => z.string().url().default(fallback)

const searchSchema = z.object({
  /** A contact address sent to NCBI (`email`), OpenAlex and Crossref (`mailto`), as they ask of API users. */
  FERRITE_CONTACT_EMAIL: optionalText.pipe(z.string().email('FERRITE_CONTACT_EMAIL must be an e-mail address').optional()),
  /** NCBI API key: 10 requests a second instead of 3. */
  FERRITE_NCBI_API_KEY: optionalText,
  FERRITE_OPENALEX_API_KEY: optionalText,
  /** Base URLs, for institutional mirrors and tests. */
  FERRITE_PUBMED_URL: serviceUrl('https://eutils.ncbi.nlm.nih.gov/entrez/eutils'),
  FERRITE_EUROPEPMC_URL: serviceUrl('https://www.ebi.ac.uk/europepmc/webservices/rest'),
  FERRITE_OPENALEX_URL: serviceUrl('https://api.openalex.org'),
  FERRITE_CROSSREF_URL: serviceUrl('https://api.crossref.org'),
})

export type SearchEnv = z.infer<typeof searchSchema>

/** The bibliographic services' settings; read on every use (no database needed: the CLI's `search` uses them). */
export function searchEnv(): SearchEnv {
  const parsed = searchSchema.safeParse(process.env)
  if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return parsed.data
}

/** Secure cookies and strict transport in production. */
export const isProduction = () => process.env.NODE_ENV === 'production'
