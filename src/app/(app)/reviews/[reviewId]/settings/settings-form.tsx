'use client'
import type { FormEvent } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Field, FormError, Input, Textarea } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { ScreeningSettingsFields } from './screening-settings-fields'
import { useToast } from '@/components/ui/toast'

interface Settings {
  title: string
  question: string
  votesRequired: number
  blindScreening: boolean
  citeAs: string
  eligibilityCriteria: string
}

export function SettingsForm({ reviewId, initial }: { reviewId: string; initial: Settings }) {
  const trpc = useTRPC()
  const router = useRouter()
  const toast = useToast()
  const update = useMutation(
    trpc.review.update.mutationOptions({
      onSuccess: () => {
        toast('Settings saved.')
        router.refresh()
      },
    }),
  )
  const { fieldErrors, message } = formErrors(update.error)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    update.mutate({
      reviewId,
      patch: {
        title: String(f.get('title')),
        question: String(f.get('question')),
        votesRequired: Number(f.get('votesRequired')),
        blindScreening: f.get('blindScreening') === 'on',
        citeAs: String(f.get('citeAs') ?? ''),
        eligibilityCriteria: String(f.get('eligibilityCriteria') ?? ''),
      },
    })
  }

  return (
    <Card className="max-w-3xl">
      <CardHeader title="Review settings" description="Changes are recorded in the activity log." />
      <CardBody>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={Object.keys(fieldErrors).length ? null : message} />
          <Field label="Title" error={fieldErrors.title}>
            {(p) => <Input {...p} name="title" defaultValue={initial.title} />}
          </Field>
          <Field label="Review question" error={fieldErrors.question}>
            {(p) => <Textarea {...p} name="question" rows={4} defaultValue={initial.question} />}
          </Field>
          <Field label="Eligibility criteria" error={fieldErrors.eligibilityCriteria} hint="Shown on the overview and beside every record while screening. One criterion per line reads best.">
            {(p) => <Textarea {...p} name="eligibilityCriteria" rows={6} defaultValue={initial.eligibilityCriteria} />}
          </Field>
          <Field label="Cite as (authors or team)" error={fieldErrors.citeAs} hint="How published versions name you in their citation, e.g. “Lee K, Haddad N, for the Liver Iron Review Group”.">
            {(p) => <Input {...p} name="citeAs" defaultValue={initial.citeAs} />}
          </Field>
          <ScreeningSettingsFields fieldErrors={fieldErrors} votesRequired={initial.votesRequired} blindScreening={initial.blindScreening} />
          <div className="flex items-center justify-end gap-3">
            <Button type="submit" pending={update.isPending}>
              Save settings
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  )
}
