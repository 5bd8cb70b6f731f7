'use client'
import { useState, type FormEvent } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Role } from '@/generated/prisma/enums'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Field, FormError, Input, Select } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { formatMoment } from '@/lib/format'

export function InvitePanel({ reviewId, roles }: { reviewId: string; roles: { value: Role; label: string }[] }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [link, setLink] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const pending = useQuery(trpc.member.invitations.queryOptions({ reviewId }))
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.member.invitations.queryKey({ reviewId }) })
  const invite = useMutation(
    trpc.member.invite.mutationOptions({
      onSuccess: (inv) => {
        setLink(`${window.location.origin}/invite/${inv.token}`)
        setCopied(false)
        void refresh()
      },
    }),
  )
  const revoke = useMutation(trpc.member.revokeInvitation.mutationOptions({ onSuccess: refresh }))
  const { fieldErrors, message } = formErrors(invite.error ?? revoke.error)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    invite.mutate({ reviewId, role: f.get('role') as Role, expiresInDays: Number(f.get('expiresInDays')) })
  }

  return (
    <Card aria-labelledby="invite-heading">
      <CardHeader id="invite-heading" title="Invite by link" description="Each link works once, for the role you choose." />
      <CardBody className="space-y-3">
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <FormError message={Object.keys(fieldErrors).length ? null : message} />
          <div className="grid grid-cols-2 gap-3">
            <Field label="Role" error={fieldErrors.role}>
              {(p) => (
                <Select {...p} name="role" defaultValue="REVIEWER">
                  {roles.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Expires after (days)" error={fieldErrors.expiresInDays}>
              {(p) => <Input {...p} name="expiresInDays" type="number" min={1} max={30} defaultValue={7} />}
            </Field>
          </div>
          <Button type="submit" pending={invite.isPending}>
            Create invitation link
          </Button>
        </form>
        {link ? (
          <div className="space-y-1.5 rounded-md border border-accent-100 bg-accent-50 p-3">
            <Field label="Invitation link" hint="Send it to one person. It is shown only now.">
              {(p) => <Input {...p} readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" className="font-mono text-xs" />}
            </Field>
            <Button
              variant="secondary"
              size="sm"
              onClick={async () => {
                await navigator.clipboard?.writeText(link).catch(() => undefined)
                setCopied(true)
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          </div>
        ) : null}
        {pending.data?.length ? (
          <div>
            <h3 className="mb-1 text-xs font-medium text-stone-500">Pending invitations</h3>
            <ul className="divide-y divide-stone-100 rounded-md border border-stone-200">
              {pending.data.map((inv) => (
                <li key={inv.id} className="flex items-center justify-between gap-2 px-3 py-1.5 text-ui">
                  <span>
                    {roles.find((r) => r.value === inv.role)?.label ?? inv.role} · expires {formatMoment(inv.expiresAt)}
                  </span>
                  <Button variant="ghost" size="sm" onClick={() => revoke.mutate({ reviewId, invitationId: inv.id })}>
                    Revoke
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </CardBody>
    </Card>
  )
}
