'use client'
import { useState, type FormEvent } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Field, FormError, Input, Textarea } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { ScreeningSettingsFields } from '../[reviewId]/settings/screening-settings-fields'
import { reviewTypeInfo, reviewTypes, type ReviewType } from '@/core/review-types'

export function NewReviewForm() {
  const trpc = useTRPC()
  const router = useRouter()
  const create = useMutation(trpc.review.create.mutationOptions({ onSuccess: (review) => router.push(`/reviews/${review.id}`) }))
  const { fieldErrors, message } = formErrors(create.error)
  const [reviewType, setReviewType] = useState<ReviewType>('diagnostic_accuracy')

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    create.mutate({
      title: String(f.get('title')),
      question: String(f.get('question')),
      votesRequired: Number(f.get('votesRequired')),
      blindScreening: f.get('blindScreening') === 'on',
      reviewType,
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
      <fieldset className="space-y-1.5">
        <legend className="text-ui font-medium text-stone-700">Type of review</legend>
        <p className="text-xs text-stone-600">Sets the exclusion reasons the review starts with and the forms suggested for extraction and quality; both can be changed later.</p>
        <div className="grid gap-1.5 sm:grid-cols-2">
          {reviewTypes.map((t) => (
            <label key={t} className="flex cursor-pointer gap-2 rounded-md border border-stone-200 p-2 text-ui has-[:checked]:border-accent-600 has-[:checked]:bg-accent-50">
              <input type="radio" name="reviewType" value={t} checked={reviewType === t} onChange={() => setReviewType(t)} className="mt-0.5 accent-accent-700" />
              <span>
                <span className="block font-medium">{reviewTypeInfo[t].label}</span>
                <span className="block text-xs text-stone-600">{reviewTypeInfo[t].about}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
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
