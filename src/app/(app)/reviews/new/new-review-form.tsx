'use client'
import type { FormEvent } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Field, FormError, Input, Textarea } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { ScreeningSettingsFields } from '../[reviewId]/settings/screening-settings-fields'

export function NewReviewForm() {
  const trpc = useTRPC()
  const router = useRouter()
  const create = useMutation(trpc.review.create.mutationOptions({ onSuccess: (review) => router.push(`/reviews/${review.id}`) }))
  const { fieldErrors, message } = formErrors(create.error)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    create.mutate({
      title: String(f.get('title')),
      question: String(f.get('question')),
      votesRequired: Number(f.get('votesRequired')),
      blindScreening: f.get('blindScreening') === 'on',
    })
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-stone-200 bg-white p-5" noValidate>
      <FormError message={Object.keys(fieldErrors).length ? null : message} />
      <Field label="Title" error={fieldErrors.title}>
        {(p) => <Input {...p} name="title" placeholder="Machine learning for MRI liver iron quantification" required />}
      </Field>
      <Field label="Review question" error={fieldErrors.question} hint="Population, index test or intervention, comparator, outcomes.">
        {(p) => <Textarea {...p} name="question" rows={4} required />}
      </Field>
      <ScreeningSettingsFields fieldErrors={fieldErrors} votesRequired={2} blindScreening />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" pending={create.isPending}>
          Create review
        </Button>
      </div>
    </form>
  )
}
