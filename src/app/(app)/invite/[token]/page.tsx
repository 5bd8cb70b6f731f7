import type { Metadata } from 'next'
import Link from 'next/link'
import { TRPCError } from '@trpc/server'
import { redirect } from 'next/navigation'
import { getSessionUser } from '@/server/auth/session'
import { serverCaller } from '@/server/api/server-caller'
import { roleLabels } from '@/server/authz/roles'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { AcceptInvitation } from './accept-invitation'

export const metadata: Metadata = { title: 'Invitation' }
export const dynamic = 'force-dynamic'

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const here = `/invite/${encodeURIComponent(token)}`
  if (!(await getSessionUser())) {
    return (
      <Card className="mx-auto max-w-md">
        <CardHeader title="You have been invited to a review" />
        <CardBody className="space-y-3">
          <p>Sign in or create an account to see the invitation and accept it.</p>
          <div className="flex gap-2">
            <Link href={`/signin?callbackUrl=${encodeURIComponent(here)}`} className="inline-flex h-9 items-center rounded-md bg-accent-700 px-3.5 font-medium text-white hover:bg-accent-800">
              Sign in
            </Link>
            <Link href={`/signup?callbackUrl=${encodeURIComponent(here)}`} className="inline-flex h-9 items-center rounded-md border border-stone-300 bg-white px-3.5 font-medium hover:bg-stone-100">
              Create an account
            </Link>
          </div>
        </CardBody>
      </Card>
    )
  }
  let preview: Awaited<ReturnType<Awaited<ReturnType<typeof serverCaller>>['member']['previewInvitation']>>
  try {
    preview = await (await serverCaller()).member.previewInvitation({ token })
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e
    return (
      <Card className="mx-auto max-w-md">
        <CardHeader title="This invitation cannot be used" />
        <CardBody>
          <p role="alert">{e.code === 'BAD_REQUEST' ? 'This invitation link is not valid.' : e.message}</p>
        </CardBody>
      </Card>
    )
  }
  if (preview.alreadyMember) redirect(`/reviews/${preview.reviewId}`)
  return (
    <Card className="mx-auto max-w-md">
      <CardHeader title="Join a review" />
      <CardBody className="space-y-3">
        <p>
          You have been invited to join <strong>{preview.reviewTitle}</strong> as a <strong>{roleLabels[preview.role].toLowerCase()}</strong>.
        </p>
        <AcceptInvitation token={token} />
      </CardBody>
    </Card>
  )
}
