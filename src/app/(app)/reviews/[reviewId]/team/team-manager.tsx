'use client'
import { useRouter } from 'next/navigation'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Role } from '@/generated/prisma/enums'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { FormError, Select } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { InvitePanel } from './invite-panel'

export const roleOptions: { value: Role; label: string }[] = [
  { value: 'OWNER', label: 'Owner' },
  { value: 'LEAD', label: 'Lead' },
  { value: 'REVIEWER', label: 'Reviewer' },
  { value: 'VIEWER', label: 'Viewer' },
]
const labelOf = (r: Role) => roleOptions.find((o) => o.value === r)!.label

interface Props {
  reviewId: string
  myUserId: string
  myRole: Role
  canInvite: boolean
  canManage: boolean
}

export function TeamManager({ reviewId, myUserId, myRole, canInvite, canManage }: Props) {
  const trpc = useTRPC()
  const router = useRouter()
  const queryClient = useQueryClient()
  const members = useQuery(trpc.member.list.queryOptions({ reviewId }))
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey({ reviewId }) })
  const changeRole = useMutation(trpc.member.changeRole.mutationOptions({ onSuccess: refresh }))
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSuccess: refresh }))
  const leave = useMutation(trpc.member.leave.mutationOptions({ onSuccess: () => router.push('/reviews') }))
  const error = formErrors(changeRole.error ?? remove.error ?? leave.error).message

  const manageable = (target: Role) => canManage && (target !== 'OWNER' || myRole === 'OWNER')
  const assignable = roleOptions.filter((o) => o.value !== 'OWNER' || myRole === 'OWNER')

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card className="lg:col-span-2" aria-labelledby="team-heading">
        <CardHeader
          id="team-heading"
          title="Members"
          description="Owners and leads manage the team; reviewers screen and extract; viewers read."
          actions={
            <Button
              variant="danger"
              size="sm"
              pending={leave.isPending}
              onClick={() => {
                if (window.confirm('Leave this review? You will lose access until someone invites you again.')) leave.mutate({ reviewId })
              }}
            >
              Leave review
            </Button>
          }
        />
        <div className="px-4 pt-3">
          <FormError message={error} />
        </div>
        <table className="w-full text-left text-[13px]">
          <thead className="text-xs text-stone-500">
            <tr className="border-b border-stone-200">
              <th scope="col" className="px-4 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Email
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {(members.data ?? []).map((m) => {
              const isMe = m.user.id === myUserId
              return (
                <tr key={m.id} data-testid={`member-${m.user.email}`}>
                  <td className="px-4 py-2 font-medium">
                    {m.user.name} {isMe ? <span className="font-normal text-stone-500">(you)</span> : null}
                  </td>
                  <td className="px-4 py-2 text-stone-600">{m.user.email}</td>
                  <td className="px-4 py-2">
                    {manageable(m.role) ? (
                      <Select
                        aria-label={`Role of ${m.user.name}`}
                        value={m.role}
                        disabled={changeRole.isPending}
                        onChange={(e) => changeRole.mutate({ reviewId, membershipId: m.id, role: e.target.value as Role })}
                        className="h-8 w-32 py-0"
                      >
                        {(m.role === 'OWNER' ? roleOptions : assignable).map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <Badge tone={m.role === 'OWNER' || m.role === 'LEAD' ? 'accent' : 'neutral'}>{labelOf(m.role)}</Badge>
                    )}
                  </td>
                  <td className="px-4 py-2 text-right">
                    {manageable(m.role) && !isMe ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove ${m.user.name}`}
                        onClick={() => {
                          if (window.confirm(`Remove ${m.user.name} from this review? Their votes and extractions stay in the record.`)) remove.mutate({ reviewId, membershipId: m.id })
                        }}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        {members.isLoading ? <p className="px-4 py-3 text-stone-500">Loading members…</p> : null}
      </Card>
      {canInvite ? <InvitePanel reviewId={reviewId} roles={assignable} /> : null}
    </div>
  )
}
