import type { Metadata } from 'next'
import { serverCaller } from '@/server/api/server-caller'
import { AccountForms } from './account-forms'
import { requireUser } from '@/app/_lib/page-access'

export const metadata: Metadata = { title: 'Account' }
export const dynamic = 'force-dynamic'

export default async function AccountPage() {
  await requireUser('/account')
  const me = await (await serverCaller()).account.me()
  return (
    <main className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-lg font-semibold">Account</h1>
      <AccountForms name={me.name} email={me.email} />
    </main>
  )
}
