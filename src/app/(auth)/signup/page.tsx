import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getSessionUser } from '@/server/auth/session'
import { safeCallbackUrl } from '@/lib/safe-redirect'
import { SignUpForm } from './sign-up-form'

export const metadata: Metadata = { title: 'Create an account' }
export const dynamic = 'force-dynamic'

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl)
  if (await getSessionUser()) redirect(callbackUrl)
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-6 shadow-xs">
      <h1 className="mb-4 text-base font-semibold">Create an account</h1>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="mt-4 text-ui text-stone-600">
        Already have an account?{' '}
        <Link className="font-medium text-accent-700 underline underline-offset-2" href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          Sign in
        </Link>
      </p>
    </div>
  )
}
