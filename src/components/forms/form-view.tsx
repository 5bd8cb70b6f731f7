'use client'
import type { EntryValues, FieldDefinition, FormDefinition, RowValues, SectionDefinition } from '@/core/forms/definition'
import { Button } from '@/components/ui/button'
import { Card, CardBody, CardHeader } from '@/components/ui/card'
import { inputClass } from '@/components/ui/field'
import { cn } from '@/lib/cn'
import { FieldInput } from './field-input'

interface Props {
  definition: FormDefinition
  values: EntryValues
  onChange: (values: EntryValues) => void
  errors?: Record<string, string[] | undefined>
  disabled?: boolean
}

const pathOf = (sectionId: string, fieldId: string, row?: number) => (row === undefined ? `${sectionId}.${fieldId}` : `${sectionId}[${row}].${fieldId}`)
const domId = (path: string) => `f-${path.replace(/[^a-z0-9_]/gi, '-')}`

function FieldRow({ field, value, onChange, path, error, disabled }: { field: FieldDefinition; value: unknown; onChange: (v: unknown) => void; path: string; error?: string[]; disabled?: boolean }) {
  const id = domId(path)
  const errorId = error?.length ? `${id}-error` : undefined
  const helpId = field.help ? `${id}-help` : undefined
  const described = [helpId, errorId].filter(Boolean).join(' ') || undefined
  const answer = field.withNote ? (value as { value?: unknown } | null)?.value : value
  const note = field.withNote ? ((value as { note?: string } | null)?.note ?? '') : ''
  const setAnswer = (v: unknown) => onChange(field.withNote ? { value: v, note } : v)
  return (
    <div
      className={cn('grid gap-x-4 gap-y-1 py-2 sm:grid-cols-[minmax(12rem,20rem)_1fr]', field.role === 'risk_of_bias' || field.role === 'applicability' ? 'rounded-md bg-stone-50 px-2' : '')}
      data-path={path}
    >
      <label htmlFor={id} className="pt-1.5 text-ui text-stone-800">
        {field.label}
        {field.required ? (
          <span className="text-red-700" aria-hidden>
            {' '}
            *
          </span>
        ) : null}
        {field.help ? (
          <span id={helpId} className="block text-xs text-stone-500">
            {field.help}
          </span>
        ) : null}
      </label>
      <div className="space-y-1">
        <FieldInput field={field} value={answer} onChange={setAnswer} id={id} invalid={Boolean(error?.length)} describedBy={described} disabled={disabled} />
        {field.withNote ? (
          <textarea
            aria-label={`Support for: ${field.label}`}
            className={cn(inputClass, 'min-h-9 text-ui')}
            rows={1}
            placeholder="Support for judgement (quote or note)"
            value={note}
            disabled={disabled}
            onChange={(e) => onChange({ value: answer ?? null, note: e.target.value })}
          />
        ) : null}
        {error?.length ? (
          <p id={errorId} role="alert" className="text-xs text-red-700">
            {error.join(' ')}
          </p>
        ) : null}
      </div>
    </div>
  )
}

function SectionView({ section, values, onChange, errors, disabled }: { section: SectionDefinition } & Omit<Props, 'definition'>) {
  const content = values[section.id]
  const entered = Array.isArray(content) ? content : []
  // A group that needs rows starts with an empty one, ready to fill in.
  const rows: RowValues[] = section.repeat ? (entered.length || !section.repeat.min ? entered : [{}]) : [((content as RowValues | undefined) ?? {}) as RowValues]
  const setRow = (i: number, row: RowValues) => {
    if (!section.repeat) return onChange({ ...values, [section.id]: row })
    const next = [...rows]
    next[i] = row
    onChange({ ...values, [section.id]: next })
  }
  const sectionError = errors?.[section.id]
  return (
    <Card aria-labelledby={`s-${section.id}`}>
      <CardHeader id={`s-${section.id}`} title={section.title} description={section.description} />
      <CardBody className="space-y-3">
        {sectionError?.length ? (
          <p role="alert" className="text-xs text-red-700">
            {sectionError.join(' ')}
          </p>
        ) : null}
        {rows.map((row, i) => (
          <div key={i} className={section.repeat ? 'rounded-md border border-stone-200 px-3 py-1' : ''}>
            {section.repeat ? (
              <div className="flex items-center justify-between border-b border-stone-100 py-1.5">
                <span className="text-ui font-medium">
                  {section.repeat.rowLabel} {i + 1}
                </span>
                {!disabled ? (
                  <Button variant="ghost" size="sm" onClick={() => onChange({ ...values, [section.id]: rows.filter((_, k) => k !== i) })}>
                    Remove
                  </Button>
                ) : null}
              </div>
            ) : null}
            <div className="divide-y divide-stone-100">
              {section.fields.map((field) => {
                const path = pathOf(section.id, field.id, section.repeat ? i : undefined)
                return <FieldRow key={field.id} field={field} value={row[field.id]} path={path} error={errors?.[path]} disabled={disabled} onChange={(v) => setRow(i, { ...row, [field.id]: v })} />
              })}
            </div>
          </div>
        ))}
        {section.repeat && !disabled && rows.length < (section.repeat.max ?? 50) ? (
          <Button variant="secondary" size="sm" onClick={() => onChange({ ...values, [section.id]: [...rows, {}] })}>
            Add {section.repeat.rowLabel.toLowerCase()}
          </Button>
        ) : null}
      </CardBody>
    </Card>
  )
}

/** A whole form for one person's entry: sections, repeating groups, compound fields and notes, with errors beside fields. */
export function FormView(props: Props) {
  return (
    <div className="space-y-3">
      {props.definition.sections.map((s) => (
        <SectionView key={s.id} section={s} {...props} />
      ))}
    </div>
  )
}
