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

/** Secure cookies and strict transport in production. */
export const isProduction = () => process.env.NODE_ENV === 'production'
