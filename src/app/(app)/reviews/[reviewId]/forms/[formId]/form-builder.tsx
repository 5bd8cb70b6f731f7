'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useMutation } from '@tanstack/react-query'
import { fieldTypeLabels, fieldTypes, idFromLabel, type FieldDefinition, type FieldType, type FormDefinition, type SectionDefinition } from '@/core/forms/definition'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { FormError, Input, Select } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { useToast } from '@/components/ui/toast'
import { DataTable } from '@/components/ui/data-table'

type Draft<T> = T & { key: string; isNew?: boolean }
interface DraftSection extends Omit<SectionDefinition, 'fields'> {
  key: string
  isNew?: boolean
  fields: Draft<FieldDefinition>[]
}

let counter = 0
const newKey = () => `k${++counter}`
const optionsText = (f: FieldDefinition) => (f.options ?? []).map((o) => (o.value === idFromLabel(o.label) ? o.label : `${o.value} = ${o.label}`)).join('\n')
const parseOptions = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [a, b] = l.includes('=') ? l.split('=').map((x) => x.trim()) : [undefined, l]
      return { value: a || idFromLabel(b!), label: b! }
    })

function toDefinition(sections: DraftSection[]): FormDefinition {
  const sectionIds = new Set(sections.filter((s) => !s.isNew).map((s) => s.id))
  return {
    sections: sections.map(({ key: _k, isNew, fields, ...s }) => {
      const id = isNew ? idFromLabel(s.title, sectionIds) : s.id
      sectionIds.add(id)
      const fieldIds = new Set(fields.filter((f) => !f.isNew).map((f) => f.id))
      return {
        ...s,
        id,
        fields: fields.map(({ key: _f, isNew: fresh, ...f }) => {
          const fid = fresh ? idFromLabel(f.label, fieldIds) : f.id
          fieldIds.add(fid)
          return { ...f, id: fid }
        }),
      }
    }),
  }
}

interface Props {
  reviewId: string
  canEdit: boolean
  initial: { form: { id: string; name: string; kind: string }; version: number; definition: FormDefinition }
}

/** Leads shape a form: sections (repeating or not) and typed fields; saving makes a new version. */
export function FormBuilder({ reviewId, canEdit, initial }: Props) {
  const trpc = useTRPC()
  const router = useRouter()
  const [name, setName] = useState(initial.form.name)
  const [sections, setSections] = useState<DraftSection[]>(() => initial.definition.sections.map((s) => ({ ...s, key: newKey(), fields: s.fields.map((f) => ({ ...f, key: newKey() })) })))
  const toast = useToast()
  const save = useMutation(
    trpc.forms.saveVersion.mutationOptions({
      onSuccess: (r) => {
        toast(r.changed ? `Saved as version ${r.version}.` : 'No changes to save.', r.changed ? 'success' : 'info')
        router.refresh()
      },
    }),
  )
  const { fieldErrors, message } = formErrors(save.error)
  const problems = fieldErrors.definition ?? []
  const edit = (key: string, patch: Partial<DraftSection>) => setSections((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)))
  const editField = (sKey: string, fKey: string, patch: Partial<FieldDefinition>) =>
    setSections((all) => all.map((s) => (s.key === sKey ? { ...s, fields: s.fields.map((f) => (f.key === fKey ? { ...f, ...patch } : f)) } : s)))
  const move = <T,>(list: T[], i: number, by: number) => {
    const next = [...list]
    const [x] = next.splice(i, 1)
    next.splice(Math.max(0, Math.min(next.length, i + by)), 0, x!)
    return next
  }

  return (
    <div className="space-y-3">
      <Card>
        <CardHeader
          title={`${initial.form.kind === 'QUALITY' ? 'Quality tool' : 'Extraction form'} · version ${initial.version}`}
          description="Field ids stay fixed once saved, so values entered earlier stay with their fields; a field’s type cannot change (add a new field instead)."
          actions={
            canEdit ? (
              <Button pending={save.isPending} onClick={() => save.mutate({ reviewId, formId: initial.form.id, name, definition: toDefinition(sections) })}>
                Save as new version
              </Button>
            ) : null
          }
        />
        <CardBody className="space-y-2">
          <label className="block max-w-md text-ui">
            <span className="mb-1 block font-medium">Name</span>
            <Input value={name} onChange={(e) => setName(e.target.value)} disabled={!canEdit} />
          </label>
          <FormError message={problems.length ? null : message} />
          {problems.length ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-ui text-red-800">
              <p className="font-medium">The form was not saved:</p>
              <ul className="list-disc pl-5">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </CardBody>
      </Card>
      {sections.map((s, si) => (
        <Card key={s.key} aria-label={`Section ${s.title}`}>
          <div className="flex flex-wrap items-end gap-3 border-b border-stone-200 px-4 py-3">
            <label className="min-w-56 flex-1 text-ui">
              <span className="mb-1 block text-xs text-stone-600">Section title</span>
              <Input value={s.title} disabled={!canEdit} onChange={(e) => edit(s.key, { title: e.target.value })} />
            </label>
            <label className="flex items-center gap-2 pb-2 text-ui">
              <input
                type="checkbox"
                className="accent-accent-700"
                disabled={!canEdit}
                checked={Boolean(s.repeat)}
                onChange={(e) => edit(s.key, { repeat: e.target.checked ? { rowLabel: 'Row', max: 20 } : undefined })}
              />
              Repeats per study
            </label>
            {s.repeat ? (
              <label className="text-ui">
                <span className="mb-1 block text-xs text-stone-600">One row is a…</span>
                <Input value={s.repeat.rowLabel} disabled={!canEdit} onChange={(e) => edit(s.key, { repeat: { ...s.repeat!, rowLabel: e.target.value } })} className="w-40" />
              </label>
            ) : null}
            {canEdit ? (
              <span className="flex gap-1 pb-1">
                <Button size="sm" variant="ghost" aria-label={`Move section ${s.title} up`} onClick={() => setSections((all) => move(all, si, -1))}>
                  ↑
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Move section ${s.title} down`} onClick={() => setSections((all) => move(all, si, 1))}>
                  ↓
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setSections((all) => all.filter((x) => x.key !== s.key))}>
                  Remove section
                </Button>
              </span>
            ) : null}
          </div>
          <DataTable
            rows={s.fields}
            rowKey={(f) => f.key}
            empty="No field yet."
            rowProps={(f) => ({ 'data-testid': `builder-field-${f.id}` })}
            columns={[
              {
                key: 'label',
                header: 'Label',
                cell: (f) => (
                  <>
                    <Input aria-label="Field label" value={f.label} disabled={!canEdit} onChange={(e) => editField(s.key, f.key, { label: e.target.value })} className="h-8 py-0" />
                    <span className="font-mono text-fine text-stone-500">{f.isNew ? 'new field' : f.id}</span>
                    {f.role ? <Badge className="ml-2">{f.role.replace(/_/g, ' ')}</Badge> : null}
                  </>
                ),
              },
              {
                key: 'type',
                header: 'Type',
                cell: (f) => (
                  <>
                    <Select
                      aria-label="Field type"
                      value={f.type}
                      disabled={!canEdit || !f.isNew}
                      onChange={(e) => editField(s.key, f.key, { type: e.target.value as FieldType })}
                      className="h-8 py-0"
                    >
                      {fieldTypes.map((t) => (
                        <option key={t} value={t}>
                          {fieldTypeLabels[t]}
                        </option>
                      ))}
                    </Select>
                  </>
                ),
              },
              {
                key: 'required',
                header: 'Required',
                align: 'center',
                cell: (f) => (
                  <>
                    <input
                      type="checkbox"
                      aria-label={`${f.label} is required`}
                      className="mt-2 accent-accent-700"
                      disabled={!canEdit}
                      checked={Boolean(f.required)}
                      onChange={(e) => editField(s.key, f.key, { required: e.target.checked })}
                    />
                  </>
                ),
              },
              {
                key: 'options',
                header: 'Options, unit or bounds',
                cell: (f) => (
                  <>
                    {f.type === 'single_choice' || f.type === 'multiple_choice' ? (
                      <textarea
                        aria-label={`Options of ${f.label}, one per line`}
                        className="w-full rounded border border-stone-300 px-2 py-1 text-xs"
                        rows={Math.min(6, (f.options?.length ?? 1) + 1)}
                        disabled={!canEdit}
                        defaultValue={optionsText(f)}
                        onBlur={(e) => editField(s.key, f.key, { options: parseOptions(e.target.value) })}
                      />
                    ) : f.type === 'number' || f.type === 'integer' ? (
                      <span className="flex gap-2">
                        <Input
                          aria-label="Unit"
                          placeholder="unit"
                          value={f.unit ?? ''}
                          disabled={!canEdit}
                          onChange={(e) => editField(s.key, f.key, { unit: e.target.value || undefined })}
                          className="h-8 w-20 py-0"
                        />
                        <Input
                          aria-label="Minimum"
                          placeholder="min"
                          value={f.min ?? ''}
                          disabled={!canEdit}
                          onChange={(e) => editField(s.key, f.key, { min: e.target.value === '' ? undefined : Number(e.target.value) })}
                          className="h-8 w-16 py-0"
                        />
                        <Input
                          aria-label="Maximum"
                          placeholder="max"
                          value={f.max ?? ''}
                          disabled={!canEdit}
                          onChange={(e) => editField(s.key, f.key, { max: e.target.value === '' ? undefined : Number(e.target.value) })}
                          className="h-8 w-16 py-0"
                        />
                      </span>
                    ) : f.type === 'two_group' ? (
                      <Select
                        aria-label="Outcome type"
                        value={f.outcome ?? 'dichotomous'}
                        disabled={!canEdit || !f.isNew}
                        onChange={(e) => editField(s.key, f.key, { outcome: e.target.value as 'dichotomous' | 'continuous' })}
                        className="h-8 py-0"
                      >
                        <option value="dichotomous">Events / total</option>
                        <option value="continuous">Mean, SD, n</option>
                      </Select>
                    ) : null}
                  </>
                ),
              },
              {
                key: 'order',
                header: '',
                srHeader: 'Order',
                align: 'right',
                cell: (f, fi) => (
                  <>
                    {canEdit ? (
                      <>
                        <Button size="sm" variant="ghost" aria-label={`Move ${f.label} up`} onClick={() => edit(s.key, { fields: move(s.fields, fi, -1) })}>
                          ↑
                        </Button>
                        <Button size="sm" variant="ghost" aria-label={`Move ${f.label} down`} onClick={() => edit(s.key, { fields: move(s.fields, fi, 1) })}>
                          ↓
                        </Button>
                        <Button size="sm" variant="ghost" aria-label={`Remove ${f.label}`} onClick={() => edit(s.key, { fields: s.fields.filter((x) => x.key !== f.key) })}>
                          ✕
                        </Button>
                      </>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
          {canEdit ? (
            <div className="px-4 py-2">
              <Button size="sm" variant="secondary" onClick={() => edit(s.key, { fields: [...s.fields, { key: newKey(), isNew: true, id: '', label: 'New field', type: 'text' }] })}>
                Add field
              </Button>
            </div>
          ) : null}
        </Card>
      ))}
      {canEdit ? (
        <Button
          variant="secondary"
          onClick={() =>
            setSections((all) => [...all, { key: newKey(), isNew: true, id: '', title: 'New section', fields: [{ key: newKey(), isNew: true, id: '', label: 'New field', type: 'text' }] }])
          }
        >
          Add section
        </Button>
      ) : null}
    </div>
  )
}
