import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getSessionUser } from '@/server/auth/session'
import { env } from '@/server/env'
import { demoAccounts, demoPassword } from '@/server/demo-accounts'
import { safeCallbackUrl } from '@/lib/safe-redirect'
import { SignInForm } from './sign-in-form'

export const metadata: Metadata = { title: 'Sign in' }
export const dynamic = 'force-dynamic'

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams
  const callbackUrl = safeCallbackUrl(params.callbackUrl)
  if (await getSessionUser()) redirect(callbackUrl)
  const demo = env().FERRITE_DEMO === '1'
  return (
    <>
      <div className="rounded-lg border border-stone-200 bg-white p-6 shadow-xs">
        <h1 className="mb-4 text-base font-semibold">Sign in</h1>
        <SignInForm callbackUrl={callbackUrl} />
        <p className="mt-4 text-ui text-stone-600">
          New to Ferrite?{' '}
          <Link className="font-medium text-accent-700 underline underline-offset-2" href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
            Create an account
          </Link>
        </p>
      </div>
      {demo ? (
        <section aria-labelledby="demo-heading" className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-4 text-ui text-amber-950">
          <h2 id="demo-heading" className="font-semibold">
            Demo data
          </h2>
          <p className="mt-1">
            This installation runs the demo review. Every demo account uses the password <code className="rounded bg-white px-1 font-mono">{demoPassword}</code>.
          </p>
          <ul className="mt-2 space-y-0.5 font-mono text-xs">
            {demoAccounts.map((a) => (
              <li key={a.email}>
                {a.email} <span className="font-sans text-amber-800">({a.role.toLowerCase()})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
