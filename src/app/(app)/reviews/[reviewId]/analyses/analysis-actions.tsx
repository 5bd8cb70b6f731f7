'use client'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-dialog'
import { useToast } from '@/components/ui/toast'
import { formErrors, useTRPC } from '@/lib/trpc/client'

/** A lead's actions on one analysis in the list: duplicate it (to try other settings), or delete it after a confirmation. */
export function AnalysisActions({ reviewId, analysisId, name }: { reviewId: string; analysisId: string; name: string }) {
  const trpc = useTRPC()
  const router = useRouter()
  const toast = useToast()
  const onError = (e: unknown) => toast(formErrors(e).message ?? 'The change could not be saved.', 'error')
  const duplicate = useMutation(
    trpc.analyses.duplicate.mutationOptions({
      onSuccess: (copy) => {
        toast(`Duplicated as “${copy.name}”.`)
        router.refresh()
      },
      onError,
    }),
  )
  const remove = useMutation(
    trpc.analyses.delete.mutationOptions({
      onSuccess: () => {
        toast(`Deleted “${name}”.`)
        router.refresh()
      },
      onError,
    }),
  )
  return (
    <div className="flex shrink-0 items-center gap-2">
      <Button variant="secondary" size="sm" pending={duplicate.isPending} onClick={() => duplicate.mutate({ reviewId, analysisId })} aria-label={`Duplicate ${name}`}>
        Duplicate
      </Button>
      <ConfirmButton
        variant="danger"
        size="sm"
        pending={remove.isPending}
        aria-label={`Delete ${name}`}
        title={`Delete “${name}”?`}
        description="The analysis and its settings go; the agreed data stay, and published versions keep their copy. The activity log records who deleted it."
        confirmLabel="Delete analysis"
        onConfirm={() => remove.mutate({ reviewId, analysisId })}
      >
        Delete
      </ConfirmButton>
    </div>
  )
}
