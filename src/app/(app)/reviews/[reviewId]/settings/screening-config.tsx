'use client'
import type { FormEvent } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Field, FormError, Input, Textarea } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { useToast } from '@/components/ui/toast'

const words = (text: string) =>
  text
    .split(/[\n,;]+/)
    .map((w) => w.trim())
    .filter(Boolean)

/** Full-text exclusion reasons and the keywords highlighted while screening. */
export function ScreeningConfig({ reviewId, inclusion, exclusion }: { reviewId: string; inclusion: string[]; exclusion: string[] }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const reasons = useQuery(trpc.screeningSettings.reasons.queryOptions({ reviewId }))
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.screeningSettings.reasons.queryKey({ reviewId }) })
  const add = useMutation(trpc.screeningSettings.addReason.mutationOptions({ onSuccess: refresh }))
  const update = useMutation(trpc.screeningSettings.updateReason.mutationOptions({ onSuccess: refresh }))
  const toast = useToast()
  const keywords = useMutation(trpc.screeningSettings.setKeywords.mutationOptions({ onSuccess: () => toast('Keywords saved.') }))
  const addErrors = formErrors(add.error)

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader title="Full-text exclusion reasons" description="Reviewers pick one when excluding a full text; PRISMA counts exclusions per reason." />
        <CardBody className="space-y-3">
          <FormError message={formErrors(update.error).message} />
          <ol className="space-y-1">
            {(reasons.data ?? []).map((r, i) => (
              <li key={r.id} className="flex items-center gap-2 text-ui">
                <span className="w-5 text-right text-stone-500 tabular">{i + 1}.</span>
                <Input
                  aria-label={`Reason ${i + 1}`}
                  defaultValue={r.label}
                  disabled={!r.active}
                  onBlur={(e) => e.target.value.trim() !== r.label && update.mutate({ reviewId, reasonId: r.id, label: e.target.value })}
                  className="h-8 py-0"
                />
                <Button variant="ghost" size="sm" onClick={() => update.mutate({ reviewId, reasonId: r.id, active: !r.active })}>
                  {r.active ? 'Retire' : 'Restore'}
                </Button>
              </li>
            ))}
          </ol>
          <form
            className="flex items-end gap-2"
            noValidate
            onSubmit={(e: FormEvent<HTMLFormElement>) => {
              e.preventDefault()
              const form = e.currentTarget
              add.mutate({ reviewId, label: String(new FormData(form).get('label')) }, { onSuccess: () => form.reset() })
            }}
          >
            <div className="flex-1">
              <Field label="New reason" error={addErrors.fieldErrors.label}>
                {(p) => <Input {...p} name="label" placeholder="e.g. No machine-learning method" />}
              </Field>
            </div>
            <Button type="submit" variant="secondary" pending={add.isPending}>
              Add
            </Button>
          </form>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Highlighted keywords" description="Marked in titles and abstracts while screening. One per line or separated by commas; end with * to match any ending." />
        <CardBody>
          <form
            className="space-y-3"
            noValidate
            onSubmit={(e: FormEvent<HTMLFormElement>) => {
              e.preventDefault()
              const f = new FormData(e.currentTarget)
              keywords.mutate({ reviewId, inclusion: words(String(f.get('inclusion'))), exclusion: words(String(f.get('exclusion'))) })
            }}
          >
            <FormError message={formErrors(keywords.error).message} />
            <Field label="Inclusion keywords (green)">{(p) => <Textarea {...p} name="inclusion" rows={4} defaultValue={inclusion.join('\n')} />}</Field>
            <Field label="Exclusion keywords (red)">{(p) => <Textarea {...p} name="exclusion" rows={4} defaultValue={exclusion.join('\n')} />}</Field>
            <div className="flex items-center justify-end gap-3">
              <Button type="submit" pending={keywords.isPending}>
                Save keywords
              </Button>
            </div>
          </form>
        </CardBody>
      </Card>
    </div>
  )
}
