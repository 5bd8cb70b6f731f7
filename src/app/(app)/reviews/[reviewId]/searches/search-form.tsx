'use client'
import { useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Field, FormError, Input, Select, Textarea } from '@/components/ui/field'
import { useToast } from '@/components/ui/toast'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { searchServices, serviceDateFields, serviceLabels, type SearchService } from '@/core/searches/search-spec'

const syntaxHints: Record<SearchService, string> = {
  pubmed: 'PubMed syntax, as in the PubMed search box: "liver"[MeSH] AND (iron OR ferritin) AND (deep learning OR "machine learning").',
  europepmc: 'Europe PMC syntax: (TITLE:"liver iron" OR ABSTRACT:"R2*") AND (deep learning).',
  openalex: 'Words and phrases, with AND, OR, NOT and quotes: "liver iron" AND (MRI OR "magnetic resonance").',
  crossref: 'Words matched against titles, authors and abstracts (Crossref has no Boolean operators).',
}

/** A lead saves a search: the service, the query as written there, the date field, and how often it runs. */
export function SearchForm({ reviewId }: { reviewId: string }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const toast = useToast()
  const [service, setService] = useState<SearchService>('pubmed')
  const [scheduled, setScheduled] = useState('manual')
  const [formKey, setFormKey] = useState(0)
  const create = useMutation(
    trpc.searches.create.mutationOptions({
      onSuccess() {
        toast('Search saved')
        setFormKey((k) => k + 1)
        setScheduled('manual')
        void queryClient.invalidateQueries({ queryKey: trpc.searches.list.queryKey({ reviewId }) })
      },
    }),
  )
  const { fieldErrors, message } = formErrors(create.error)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    const every = Number(f.get('every') || '1')
    create.mutate({
      reviewId,
      service,
      query: String(f.get('query') ?? ''),
      dateField: String(f.get('dateField') ?? ''),
      publicationTypes: String(f.get('publicationTypes') ?? '')
        .split(/[;\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
      since: String(f.get('since') ?? '') || null,
      schedule: scheduled === 'manual' ? null : { every, unit: scheduled === 'week' ? 'week' : 'day' },
    })
  }

  const fields = serviceDateFields[service]
  return (
    <Card aria-labelledby="new-search-heading" className="self-start">
      <CardHeader id="new-search-heading" title="Save a search" description="Each run searches the days since the previous one and sends what is new to title/abstract screening." />
      <CardBody>
        <form key={formKey} onSubmit={onSubmit} className="space-y-3" noValidate>
          <FormError message={Object.keys(fieldErrors).length ? null : message} />
          <Field label="Database" error={fieldErrors.service}>
            {(p) => (
              <Select {...p} name="service" value={service} onChange={(e) => setService(e.target.value as SearchService)}>
                {searchServices.map((s) => (
                  <option key={s} value={s}>
                    {serviceLabels[s]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Query" error={fieldErrors.query} hint={syntaxHints[service]}>
            {(p) => <Textarea {...p} name="query" rows={5} className="font-mono text-xs" required spellCheck={false} />}
          </Field>
          <div className="grid gap-3">
            <Field label="Date the window applies to" error={fieldErrors.dateField}>
              {(p) => (
                <Select {...p} name="dateField" defaultValue="">
                  {Object.entries(fields.options).map(([value, label]) => (
                    <option key={value} value={value === fields.default ? '' : value}>
                      {label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="First run searches from" error={fieldErrors.since} hint="Usually the day of the original search. Empty: all time.">
              {(p) => <Input {...p} name="since" type="date" />}
            </Field>
          </div>
          <Field label="Publication types (optional)" error={fieldErrors.publicationTypes} hint="One per line or separated by semicolons, as the database names them.">
            {(p) => <Input {...p} name="publicationTypes" placeholder={service === 'pubmed' ? 'Journal Article; Review' : ''} />}
          </Field>
          <fieldset className="space-y-1">
            <legend className="text-ui font-medium text-stone-700">Runs</legend>
            <div className="flex flex-wrap items-center gap-2 text-ui">
              <Select aria-label="How often" name="scheduled" value={scheduled} onChange={(e) => setScheduled(e.target.value)} className="w-auto">
                <option value="manual">When a lead runs it</option>
                <option value="day">Every … days</option>
                <option value="week">Every … weeks</option>
              </Select>
              {scheduled === 'manual' ? null : <Input aria-label="Every how many" name="every" type="number" min={1} max={365} defaultValue={scheduled === 'week' ? 4 : 30} className="w-20" />}
            </div>
          </fieldset>
          <Button type="submit" pending={create.isPending}>
            Save search
          </Button>
        </form>
      </CardBody>
    </Card>
  )
}
