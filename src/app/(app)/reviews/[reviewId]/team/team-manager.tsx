'use client'
import { useRouter } from 'next/navigation'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Role } from '@/generated/prisma/enums'
import { ConfirmButton } from '@/components/ui/confirm-dialog'
import { DataTable } from '@/components/ui/data-table'
import { useTableSort } from '@/components/ui/use-table-sort'
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
const roleOrder: Record<Role, number> = { OWNER: 0, LEAD: 1, REVIEWER: 2, VIEWER: 3 }

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
  const { sort, onSort } = useTableSort()

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
            <ConfirmButton
              variant="danger"
              size="sm"
              pending={leave.isPending}
              title="Leave this review?"
              description="You will lose access until someone invites you again."
              confirmLabel="Leave review"
              onConfirm={() => leave.mutate({ reviewId })}
            >
              Leave review
            </ConfirmButton>
          }
        />
        <div className="px-4 pt-3">
          <FormError message={error} />
        </div>
        <DataTable
          rows={members.data ?? []}
          rowKey={(m) => m.id}
          loading={members.isLoading}
          empty="No members."
          sort={sort}
          onSort={onSort}
          rowProps={(m) => ({ 'data-testid': `member-${m.user.email}` })}
          columns={[
            {
              key: 'name',
              header: 'Name',
              rowHeader: true,
              sortValue: (m) => m.user.name,
              cell: (m) => (
                <>
                  {m.user.name} {m.user.id === myUserId ? <span className="font-normal text-stone-500">(you)</span> : null}
                </>
              ),
            },
            { key: 'email', header: 'Email', className: 'text-stone-600', sortValue: (m) => m.user.email, cell: (m) => m.user.email },
            {
              key: 'role',
              header: 'Role',
              sortValue: (m) => roleOrder[m.role],
              cell: (m) =>
                manageable(m.role) ? (
                  <Select
                    aria-label={`Role of ${m.user.name}`}
                    value={m.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ reviewId, membershipId: m.id, role: e.target.value as Role })}
                    className="h-8 w-36 py-0"
                  >
                    {(m.role === 'OWNER' ? roleOptions : assignable).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Badge tone={m.role === 'OWNER' || m.role === 'LEAD' ? 'accent' : 'neutral'}>{labelOf(m.role)}</Badge>
                ),
            },
            {
              key: 'actions',
              header: '',
              srHeader: 'Actions',
              align: 'right',
              cell: (m) =>
                manageable(m.role) && m.user.id !== myUserId ? (
                  <ConfirmButton
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove ${m.user.name}`}
                    title={`Remove ${m.user.name}?`}
                    description="They lose access to this review at once. Their votes and extractions stay in the record."
                    confirmLabel="Remove"
                    onConfirm={() => remove.mutate({ reviewId, membershipId: m.id })}
                  >
                    Remove
                  </ConfirmButton>
                ) : null,
            },
          ]}
        />
      </Card>
      {canInvite ? <InvitePanel reviewId={reviewId} roles={assignable} /> : null}
    </div>
  )
}
