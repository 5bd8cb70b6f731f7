'use client'
import { useEffect, useRef, useState } from 'react'
import Link from 'next/link'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { EntryValues } from '@/core/forms/definition'
import { FormView } from '@/components/forms/form-view'
import { PdfViewer } from '@/components/pdf-viewer'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { FormError } from '@/components/ui/field'
import { Kbd } from '@/components/ui/kbd'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { useToast } from '@/components/ui/toast'
import { formatClock } from '@/lib/format'

/** One person's entry of a study with a form, with the study's full text beside it. */
/** How long after the last change a draft saves itself. */
export const autosaveDelayMs = 1500

export function EntryEditor({ reviewId, studyId, formId }: { reviewId: string; studyId: string; formId: string }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const key = { reviewId, studyId, formId }
  const entry = useQuery(trpc.entries.mine.queryOptions(key))
  const [values, setValues] = useState<EntryValues | null>(null)
  const [dirty, setDirty] = useState(false)
  const toast = useToast()
  useEffect(() => {
    if (entry.data && values === null) setValues(entry.data.values)
  }, [entry.data, values])
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.entries.mine.queryKey(key) })
  const save = useMutation(
    trpc.entries.save.mutationOptions({
      onSuccess: (r, input) => {
        setDirty(false)
        toast(input.submit ? 'Submitted. Your entry is hidden from the other extractor until they submit too.' : `Draft saved at ${formatClock(r.updatedAt)}.`)
        refresh()
      },
    }),
  )
  // Drafts save themselves a moment after the last change (the leave-page warning stays for the moment
  // between); an edit made while a save is on its way keeps the entry marked unsaved.
  const autosave = useMutation(
    trpc.entries.save.mutationOptions({
      onSuccess: (_r, input) => {
        if (input.values === latest.current) setDirty(false)
        refresh()
      },
    }),
  )
  const latest = useRef<EntryValues | null>(null)
  latest.current = values
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new timer for each change of the values, not for each render
  useEffect(() => {
    if (!dirty || !values || entry.data?.status === 'SUBMITTED') return
    const timer = setTimeout(() => autosave.mutate({ ...key, values, submit: false }), autosaveDelayMs)
    return () => clearTimeout(timer)
  }, [dirty, values])
  const reopen = useMutation(trpc.entries.reopen.mutationOptions({ onSuccess: refresh }))
  const { fieldErrors, message } = formErrors(save.error ?? reopen.error)
  const submitted = entry.data?.status === 'SUBMITTED'

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault()
        if (values && !submitted) save.mutate({ ...key, values, submit: false })
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  if (!entry.data || !values) return <Card className="px-5 py-10 text-center text-stone-600">Loading the form…</Card>
  const { form, study } = entry.data
  const pdf = study.reports.flatMap((r) => r.record.fullTexts)[0]
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold">{study.label}</h2>
        <span className="text-ui text-stone-600">
          {form.form.name}, version {form.version}
        </span>
        <Badge tone={submitted ? 'good' : 'warn'}>{submitted ? 'submitted' : 'draft'}</Badge>
        <Link href={`/reviews/${reviewId}/studies`} className="ml-auto text-ui font-medium text-accent-700 underline underline-offset-2">
          All studies
        </Link>
      </div>
      <div className="grid gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          {entry.data.kept.length ? (
            <Card className="px-4 py-3 text-ui">
              <p className="font-medium">Kept from an earlier version of the form</p>
              <ul className="mt-1 font-mono text-xs text-stone-700">
                {entry.data.kept.map((k) => (
                  <li key={k.path}>
                    {k.path}: {JSON.stringify(k.value)}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <FormError message={Object.keys(fieldErrors).length ? message : (message ?? null)} />
          <FormView
            definition={form.definition}
            values={values}
            errors={fieldErrors}
            disabled={submitted}
            onChange={(v) => {
              setValues(v)
              setDirty(true)
            }}
          />
          <div className="sticky bottom-0 flex flex-wrap items-center gap-2 border-t border-stone-200 bg-stone-50/95 py-3 backdrop-blur">
            {submitted ? (
              <Button variant="secondary" pending={reopen.isPending} onClick={() => reopen.mutate(key)}>
                Reopen to change
              </Button>
            ) : (
              <>
                <Button variant="secondary" pending={save.isPending && !save.variables?.submit} onClick={() => save.mutate({ ...key, values, submit: false })}>
                  Save draft <Kbd>Ctrl+S</Kbd>
                </Button>
                <Button pending={save.isPending && save.variables?.submit} onClick={() => save.mutate({ ...key, values, submit: true })}>
                  Submit
                </Button>
              </>
            )}
            <span className="text-ui text-stone-600" data-testid="save-state">
              {autosave.isPending ? 'Saving…' : dirty ? 'Unsaved changes' : entry.data?.updatedAt ? `Saved at ${formatClock(entry.data.updatedAt)}` : ''}
            </span>
          </div>
        </div>
        <Card className="h-[85vh] overflow-hidden xl:sticky xl:top-3" aria-label="Full text">
          {pdf ? (
            <PdfViewer url={`/api/reviews/${reviewId}/fulltexts/${pdf.id}`} title={pdf.fileName} />
          ) : (
            <div className="grid h-full place-items-center p-6 text-center text-ui text-stone-600">No full text has been uploaded for this study’s reports.</div>
          )}
        </Card>
      </div>
    </div>
  )
}
