'use client'
import { useEffect, useState } from 'react'
import Link from 'next/link'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { FieldDefinition } from '@/core/forms/definition'
import { describeValue } from '@/core/forms/describe-value'
import { FieldInput } from '@/components/forms/field-input'
import { Card, CardHeader } from '@/components/ui/card'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { FormError } from '@/components/ui/field'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { DataTable } from '@/components/ui/data-table'

const stateTone = { agree: 'good', differ: 'danger', missing: 'warn', empty: 'neutral' } as const
const stateText = { agree: 'agree', differ: 'differ', missing: 'one only', empty: 'empty' } as const

/** The two entries side by side, field by field; the consensus value of each field and who set it. */
export function ConsensusBoard({ reviewId, studyId, formId, showAll = false, focusPath = null }: { reviewId: string; studyId: string; formId: string; showAll?: boolean; focusPath?: string | null }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const key = { reviewId, studyId, formId }
  const view = useQuery(trpc.entries.comparison.queryOptions(key))
  const [onlyOpen, setOnlyOpen] = useState(!showAll)
  const [editing, setEditing] = useState<{ path: string; value: unknown } | null>(null)
  const set = useMutation(
    trpc.entries.setConsensus.mutationOptions({
      onSuccess: () => {
        setEditing(null)
        void queryClient.invalidateQueries({ queryKey: trpc.entries.comparison.queryKey(key) })
      },
    }),
  )
  const noteMutation = useMutation(trpc.entries.noteConsensus.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.entries.comparison.queryKey(key) }) }))
  const { fieldErrors, message } = formErrors(set.error ?? noteMutation.error)
  const data = view.data
  const loaded = Boolean(data?.open)
  // the field an analysis pooled, brought into view once the comparison is there
  useEffect(() => {
    if (loaded && focusPath) document.querySelector(`[data-testid="consensus-${CSS.escape(focusPath)}"]`)?.scrollIntoView({ block: 'center' })
  }, [loaded, focusPath])
  if (!data) return <Card className="px-5 py-10 text-center text-stone-600">Loading…</Card>
  if (!data.open)
    return (
      <Card className="px-5 py-10 text-center">
        <p className="font-medium">The comparison opens once everyone assigned has submitted.</p>
        <p className="mt-1 text-stone-600">{data.people.map((p) => `${p.name}: ${p.status.toLowerCase().replace('_', ' ')}`).join(' · ')}</p>
      </Card>
    )
  const fieldOf = (sectionId: string, fieldId: string) => data.form.definition.sections.find((s) => s.id === sectionId)!.fields.find((f) => f.id === fieldId)! as FieldDefinition
  const consensus = new Map(data.consensus!.map((c) => [c.path, c]))
  const fields = data.fields!.filter((f) => f.state !== 'empty')
  const open = fields.filter((f) => f.state !== 'agree' && !consensus.has(f.path))
  const shown = onlyOpen ? open : fields
  const sectionTitle = (id: string) => data.form.definition.sections.find((s) => s.id === id)?.title ?? id

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold">{data.study.label}</h2>
        <span className="text-ui text-stone-600">
          {data.form.form.name}: {fields.length - open.length} of {fields.length} filled fields agreed
        </span>
        <label className="ml-auto flex items-center gap-2 text-ui">
          <input type="checkbox" className="accent-accent-700" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
          Only fields still to agree
        </label>
        <Link href={`/reviews/${reviewId}/studies`} className="text-ui font-medium text-accent-700 underline underline-offset-2">
          All studies
        </Link>
      </div>
      <FormError message={Object.keys(fieldErrors).length ? null : message} />
      {shown.length === 0 ? <Card className="px-5 py-8 text-center text-emerald-800">Every field has an agreed value.</Card> : null}
      <Card>
        <CardHeader
          title="Field by field"
          description={
            data.canDecide ? 'Choose one person’s value or enter the right one; agreed values are what analyses use.' : 'A lead settles each difference; agreed values are what analyses use.'
          }
        />
        <DataTable
          rows={shown}
          rowKey={(f) => f.path}
          empty="No field to show."
          rowProps={(f) => ({
            'data-testid': `consensus-${f.path}`,
            ...(f.path === focusPath ? { className: 'bg-amber-50', 'aria-current': 'true' as const } : {}),
          })}
          columns={[
            {
              key: 'field',
              header: 'Field',
              cell: (f) => (
                <>
                  <div className="text-xs text-stone-500">
                    {sectionTitle(f.sectionId)}
                    {f.row !== null ? ` · row ${f.row + 1}` : ''}
                  </div>
                  <div className="font-medium">{f.label}</div>
                  <Badge tone={stateTone[f.state]}>{stateText[f.state]}</Badge>
                </>
              ),
            },
            ...data.people.map((p, i) => ({
              key: p.userId,
              header: p.name,
              cell: (f: (typeof shown)[number]) => {
                const agreed = consensus.get(f.path)
                return (
                  <div className={f.state === 'differ' ? 'text-rose-900' : ''}>
                    <div>{describeValue(fieldOf(f.sectionId, f.fieldId), f.values[i])}</div>
                    {data.canDecide && agreed?.source !== 'agreement' ? (
                      <Button size="sm" variant="ghost" className="-ml-2 mt-1" onClick={() => set.mutate({ ...key, path: f.path, choice: { source: 'entry', userId: p.userId } })}>
                        Use {p.name.split(' ')[0]}’s
                      </Button>
                    ) : null}
                  </div>
                )
              },
            })),
            {
              key: 'agreed',
              header: 'Agreed value',
              cell: (f) => {
                const field = fieldOf(f.sectionId, f.fieldId)
                const agreed = consensus.get(f.path)
                return (
                  <>
                    {agreed ? (
                      <div>
                        <div className="font-medium">{describeValue(field, agreed.value)}</div>
                        <div className="text-xs text-stone-500">{agreed.source === 'agreement' ? 'both entered it' : `set by ${agreed.decidedBy?.name ?? 'someone'}`}</div>
                        <ConsensusNote
                          label={f.label}
                          note={agreed.note ?? ''}
                          canDecide={data.canDecide}
                          onSave={(note) => noteMutation.mutate({ ...key, path: f.path, note })}
                          pending={noteMutation.isPending && noteMutation.variables?.path === f.path}
                        />
                      </div>
                    ) : (
                      <div className="text-stone-500">not yet agreed</div>
                    )}
                    {!data.canDecide ? null : editing?.path === f.path ? (
                      <div className="mt-2 space-y-2">
                        <FieldInput field={field} value={editing.value} onChange={(v) => setEditing({ path: f.path, value: v })} id={`edit-${f.path}`} invalid={Boolean(fieldErrors.value)} />
                        {fieldErrors.value ? (
                          <p className="text-xs text-red-700" role="alert">
                            {fieldErrors.value.join(' ')}
                          </p>
                        ) : null}
                        <div className="flex gap-2">
                          <Button
                            size="sm"
                            pending={set.isPending}
                            onClick={() => set.mutate({ ...key, path: f.path, choice: { source: 'manual', value: field.withNote ? { value: editing.value, note: '' } : editing.value } })}
                          >
                            Save
                          </Button>
                          <Button size="sm" variant="ghost" onClick={() => setEditing(null)}>
                            Cancel
                          </Button>
                        </div>
                      </div>
                    ) : (
                      <Button
                        size="sm"
                        variant="ghost"
                        className="-ml-2 mt-1"
                        onClick={() => setEditing({ path: f.path, value: field.withNote ? ((agreed?.value as { value?: unknown } | undefined)?.value ?? null) : (agreed?.value ?? null) })}
                      >
                        Enter another value
                      </Button>
                    )}
                  </>
                )
              },
            },
          ]}
        />
      </Card>
    </div>
  )
}

/** Why a value was agreed as it was: shown under it, written or changed by a lead. */
function ConsensusNote({ label, note, canDecide, onSave, pending }: { label: string; note: string; canDecide: boolean; onSave: (note: string) => void; pending: boolean }) {
  const [draft, setDraft] = useState<string | null>(null)
  if (draft !== null)
    return (
      <form
        className="mt-1 flex gap-1.5"
        onSubmit={(e) => {
          e.preventDefault()
          onSave(draft)
          setDraft(null)
        }}
      >
        <input
          aria-label={`Note on ${label}`}
          className="min-w-0 flex-1 rounded-md border border-stone-300 px-2 py-0.5 text-xs"
          value={draft}
          maxLength={2000}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button size="sm" type="submit" pending={pending}>
          Save note
        </Button>
      </form>
    )
  return (
    <div className="text-xs">
      {note ? <p className="text-stone-700">“{note}”</p> : null}
      {canDecide ? (
        <button type="button" className="font-medium text-accent-700 underline underline-offset-2" onClick={() => setDraft(note)}>
          {note ? 'Edit note' : 'Add a note'}
        </button>
      ) : null}
    </div>
  )
}
