/**
 * The demo review's accounts. They exist only in a database seeded by `npm start`'s embedded mode,
 * which prints them on the console and lists them on the sign-in page (FERRITE_DEMO=1).
 */
import 'server-only'
export const demoPassword = 'ferrite-demo-2026'

export const demoAccounts = [
  { email: 'owner@demo.ferrite.test', name: 'Olivia Owner (demo)', role: 'OWNER' },
  { email: 'lead@demo.ferrite.test', name: 'Leo Lead (demo)', role: 'LEAD' },
  { email: 'reviewer1@demo.ferrite.test', name: 'Rita Reviewer (demo)', role: 'REVIEWER' },
  { email: 'reviewer2@demo.ferrite.test', name: 'Ravi Reviewer (demo)', role: 'REVIEWER' },
  { email: 'viewer@demo.ferrite.test', name: 'Vera Viewer (demo)', role: 'VIEWER' },
] as const
