'use client'
import type { FormEvent } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Field, FormError, Input, Textarea } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { useToast } from '@/components/ui/toast'

export function PublishForm({ reviewId, next }: { reviewId: string; next: number }) {
  const trpc = useTRPC()
  const router = useRouter()
  const toast = useToast()
  const publish = useMutation(
    trpc.publication.publish.mutationOptions({
      onSuccess: (v) => {
        toast(`Version ${v.number} is published.`)
        router.refresh()
      },
    }),
  )
  const { fieldErrors, message } = formErrors(publish.error)
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    const nextSearch = String(f.get('nextSearchDate') ?? '')
    publish.mutate({ reviewId, notes: String(f.get('notes') ?? ''), nextSearchDate: nextSearch || null })
  }
  return (
    <Card className="h-fit">
      <CardHeader
        title={`Publish version ${next}`}
        description="A snapshot of the included studies, agreed data, quality ratings, analyses with their results and plots, and the PRISMA counts. It cannot be changed afterwards."
      />
      <CardBody>
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <FormError message={Object.keys(fieldErrors).length ? null : message} />
          <Field label="What this version is and what changed" error={fieldErrors.notes}>
            {(p) => <Textarea {...p} name="notes" rows={4} placeholder={next === 1 ? 'First version: searches to September 2025, 10 studies.' : 'Update: searches to March 2026 found 1 new study.'} />}
          </Field>
          <Field label="Next planned search (optional)" error={fieldErrors.nextSearchDate}>
            {(p) => <Input {...p} name="nextSearchDate" type="date" className="w-44" />}
          </Field>
          <Button type="submit" pending={publish.isPending}>
            Publish version {next}
          </Button>
        </form>
      </CardBody>
    </Card>
  )
}
