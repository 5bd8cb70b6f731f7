'use client'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { FormError } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'

export function AcceptInvitation({ token }: { token: string }) {
  const trpc = useTRPC()
  const router = useRouter()
  const accept = useMutation(trpc.member.acceptInvitation.mutationOptions({ onSuccess: ({ reviewId }) => router.push(`/reviews/${reviewId}`) }))
  return (
    <div className="space-y-3">
      <FormError message={formErrors(accept.error).message} />
      <Button onClick={() => accept.mutate({ token })} pending={accept.isPending}>
        Accept invitation
      </Button>
    </div>
  )
}
