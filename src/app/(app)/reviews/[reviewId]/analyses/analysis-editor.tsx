'use client'
import { useMemo, useState, type FormEvent } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation, useQuery } from '@tanstack/react-query'
import { analysisSpecDefaults, measureLabels, measuresFor, methodsFor, poolingMethodLabels, type AnalysisSpec } from '@/core/analysis/spec'
import type { FormDefinition } from '@/core/forms/definition'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Field, FormError, Input, Select } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'

const poolable = ['two_by_two', 'correlation', 'mean_error', 'two_group', 'proportion']

interface Props {
  reviewId: string
  initial?: { id: string; name: string; spec: AnalysisSpec }
}

/** Leads define an analysis: the form field with the data, the model, subgroups and sensitivity analyses. */
export function AnalysisEditor({ reviewId, initial }: Props) {
  const trpc = useTRPC()
  const router = useRouter()
  const forms = useQuery(trpc.forms.list.queryOptions({ reviewId }))
  const extraction = (forms.data ?? []).filter((f) => f.kind === 'EXTRACTION')
  const quality = (forms.data ?? []).filter((f) => f.kind === 'QUALITY')
  const [name, setName] = useState(initial?.name ?? '')
  const [spec, setSpec] = useState<Partial<AnalysisSpec>>(initial?.spec ?? { kind: 'dta', ...analysisSpecDefaults })
  const formId = spec.formId ?? extraction[0]?.id
  const form = useQuery({ ...trpc.forms.get.queryOptions({ reviewId, formId: formId ?? '' }), enabled: Boolean(formId) })
  const qualityId = spec.excludeRisk?.qualityFormId ?? quality[0]?.id
  const qualityForm = useQuery({ ...trpc.forms.get.queryOptions({ reviewId, formId: qualityId ?? '' }), enabled: Boolean(qualityId) })
  const definition = form.data?.definition as FormDefinition | undefined
  const fields = useMemo(() => (definition?.sections ?? []).flatMap((s) => s.fields.filter((f) => poolable.includes(f.type)).map((f) => ({ section: s, field: f }))), [definition])
  const subgroupFields = useMemo(
    () => (definition?.sections ?? []).flatMap((s) => s.fields.filter((f) => f.type === 'single_choice' || f.type === 'text').map((f) => ({ section: s, field: f }))),
    [definition],
  )
  const sourceKey = spec.source ? `${spec.source.sectionId}.${spec.source.fieldId}` : fields[0] ? `${fields[0].section.id}.${fields[0].field.id}` : ''
  const source = fields.find((f) => `${f.section.id}.${f.field.id}` === sourceKey)
  const dtaPossible = source?.field.type === 'two_by_two'
  const kind = dtaPossible ? (spec.kind ?? 'dta') : 'univariate'
  const measures = source ? measuresFor(source.field.type, source.field.outcome) : []
  const measure = spec.measure && measures.includes(spec.measure) ? spec.measure : measures[0]
  const set = (patch: Partial<AnalysisSpec>) => setSpec((s) => ({ ...s, ...patch }))
  const save = useMutation(trpc.analyses.save.mutationOptions({ onSuccess: (a) => router.push(`/reviews/${reviewId}/analyses/${a.id}`) }))
  const { fieldErrors, message } = formErrors(save.error)

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    if (!formId || !source) return
    save.mutate({
      reviewId,
      analysisId: initial?.id,
      name,
      spec: { ...analysisSpecDefaults, ...spec, kind, formId, source: { sectionId: source.section.id, fieldId: source.field.id }, measure: measure ?? analysisSpecDefaults.measure },
    })
  }

  if (forms.data && !extraction.length) return <Card className="px-5 py-10 text-center text-stone-600">Set up an extraction form first: analyses pool its agreed data.</Card>
  return (
    <Card className="max-w-4xl">
      <CardHeader
        title={initial ? 'Edit analysis' : 'New analysis'}
        description="Computed by Ferrite's core (validated against metafor and lme4) from agreed data only, and recomputed whenever agreed data change."
      />
      <CardBody>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={Object.keys(fieldErrors).length ? null : message} />
          <Field label="Name" error={fieldErrors.name}>
            {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} placeholder="Accuracy for LIC > 7 mg Fe/g (bivariate)" />}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Extraction form">
              {(p) => (
                <Select {...p} value={formId ?? ''} onChange={(e) => set({ formId: e.target.value, source: undefined, subgroup: null })}>
                  {extraction.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Data field" error={fieldErrors.source}>
              {(p) => (
                <Select
                  {...p}
                  value={sourceKey}
                  onChange={(e) => {
                    const [sectionId, fieldId] = e.target.value.split('.')
                    set({ source: { sectionId: sectionId!, fieldId: fieldId! } })
                  }}
                >
                  {fields.map(({ section, field }) => (
                    <option key={`${section.id}.${field.id}`} value={`${section.id}.${field.id}`}>
                      {section.title}: {field.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {dtaPossible ? (
              <Field label="Analysis">
                {(p) => (
                  <Select {...p} value={kind} onChange={(e) => set({ kind: e.target.value as AnalysisSpec['kind'] })}>
                    <option value="dta">Diagnostic accuracy (sensitivity and specificity)</option>
                    <option value="univariate">A proportion (sensitivity or specificity alone)</option>
                  </Select>
                )}
              </Field>
            ) : null}
            {kind === 'dta' ? (
              <Field label="Model">
                {(p) => (
                  <Select
                    {...p}
                    value={spec.model ?? 'bivariate'}
                    onChange={(e) => set({ model: e.target.value as AnalysisSpec['model'], method: e.target.value === 'univariate' ? 'REML' : spec.method === 'ML' ? 'ML' : 'REML' })}
                  >
                    <option value="bivariate">Bivariate normal model (Reitsma)</option>
                    <option value="glmm">Bivariate binomial GLMM (Chu &amp; Cole)</option>
                    <option value="univariate">Separate random-effects pooling</option>
                  </Select>
                )}
              </Field>
            ) : (
              <Field label="Measure">
                {(p) => (
                  <Select {...p} value={measure ?? ''} onChange={(e) => set({ measure: e.target.value as AnalysisSpec['measure'] })}>
                    {measures.map((m) => (
                      <option key={m} value={m}>
                        {measureLabels[m]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            )}
            {kind === 'univariate' && source?.field.type === 'two_by_two' ? (
              <Field label="Proportion of">
                {(p) => (
                  <Select {...p} value={spec.proportionOf ?? 'sensitivity'} onChange={(e) => set({ proportionOf: e.target.value as AnalysisSpec['proportionOf'] })}>
                    <option value="sensitivity">Sensitivity (TP of TP + FN)</option>
                    <option value="specificity">Specificity (TN of TN + FP)</option>
                  </Select>
                )}
              </Field>
            ) : null}
            <Field label={kind === 'dta' && spec.model !== 'univariate' ? 'Estimation' : 'Between-study variance (τ²) method'}>
              {(p) => (
                <Select {...p} value={spec.method ?? 'REML'} onChange={(e) => set({ method: e.target.value as AnalysisSpec['method'] })}>
                  {methodsFor({ kind, model: spec.model ?? analysisSpecDefaults.model, measure: measure ?? analysisSpecDefaults.measure }).map((m) => (
                    <option key={m} value={m}>
                      {poolingMethodLabels[m]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {kind === 'univariate' || spec.model === 'univariate' ? (
              <Field label="Test and confidence intervals">
                {(p) => (
                  <Select {...p} value={spec.test ?? 'z'} onChange={(e) => set({ test: e.target.value as 'z' | 'knha' })}>
                    <option value="z">z (normal)</option>
                    <option value="knha">Hartung–Knapp (t)</option>
                  </Select>
                )}
              </Field>
            ) : null}
            {source?.section.repeat ? (
              <Field label={`Rows of ${source.section.title}`}>
                {(p) => (
                  <Select {...p} value={spec.rows ?? 'first'} onChange={(e) => set({ rows: e.target.value as 'first' | 'all' })}>
                    <option value="first">First row of each study</option>
                    <option value="all">Every row (each counts as a study)</option>
                  </Select>
                )}
              </Field>
            ) : null}
            <Field label="Subgroups by">
              {(p) => (
                <Select
                  {...p}
                  value={spec.subgroup ? `${spec.subgroup.sectionId}.${spec.subgroup.fieldId}` : ''}
                  onChange={(e) => {
                    const [sectionId, fieldId] = e.target.value.split('.')
                    set({ subgroup: e.target.value ? { sectionId: sectionId!, fieldId: fieldId! } : null })
                  }}
                >
                  <option value="">No subgroups</option>
                  {subgroupFields.map(({ section, field }) => (
                    <option key={`${section.id}.${field.id}`} value={`${section.id}.${field.id}`}>
                      {section.title}: {field.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <fieldset className="space-y-2 rounded-md border border-stone-200 p-3">
            <legend className="px-1 text-ui font-medium">Sensitivity analyses</legend>
            <label className="flex items-center gap-2 text-ui">
              <input type="checkbox" className="accent-accent-700" checked={spec.leaveOneOut ?? false} onChange={(e) => set({ leaveOneOut: e.target.checked })} />
              Leave each study out in turn
            </label>
            {quality.length && qualityForm.data ? (
              <div className="flex flex-wrap items-center gap-2 text-ui">
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    className="accent-accent-700"
                    checked={Boolean(spec.excludeRisk)}
                    onChange={(e) =>
                      set({ excludeRisk: e.target.checked ? { qualityFormId: qualityId!, domainId: (qualityForm.data!.definition as FormDefinition).sections[0]!.id, includeUnclear: false } : null })
                    }
                  />
                  Leave out studies at high risk of bias in
                </label>
                <Select
                  aria-label="Quality domain"
                  className="h-8 w-auto py-0"
                  disabled={!spec.excludeRisk}
                  value={spec.excludeRisk?.domainId ?? ''}
                  onChange={(e) => set({ excludeRisk: { ...spec.excludeRisk!, domainId: e.target.value } })}
                >
                  {(qualityForm.data.definition as FormDefinition).sections
                    .filter((s) => s.fields.some((f) => f.role === 'risk_of_bias'))
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {qualityForm.data!.form.name}: {s.title}
                      </option>
                    ))}
                </Select>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    className="accent-accent-700"
                    disabled={!spec.excludeRisk}
                    checked={spec.excludeRisk?.includeUnclear ?? false}
                    onChange={(e) => set({ excludeRisk: { ...spec.excludeRisk!, includeUnclear: e.target.checked } })}
                  />
                  and at unclear risk
                </label>
              </div>
            ) : null}
          </fieldset>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => router.back()}>
              Cancel
            </Button>
            <Button type="submit" pending={save.isPending} disabled={!source}>
              {initial ? 'Save analysis' : 'Create analysis'}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  )
}
