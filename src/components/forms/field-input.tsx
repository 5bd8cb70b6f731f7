'use client'
import type { FieldDefinition } from '@/core/forms/definition'
import { inputClass } from '@/components/ui/field'
import { cn } from '@/lib/cn'

type Obj = Record<string, unknown>
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v))
const small = cn(inputClass, 'h-8 px-2 py-0 tabular')

interface Props {
  field: FieldDefinition
  value: unknown
  onChange: (value: unknown) => void
  id: string
  invalid?: boolean
  describedBy?: string
  disabled?: boolean
}

function Part({
  label,
  value,
  onChange,
  disabled,
  width = 'w-20',
  inputMode = 'numeric',
}: {
  label: string
  value: unknown
  onChange: (v: string) => void
  disabled?: boolean
  width?: string
  inputMode?: 'numeric' | 'decimal'
}) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-stone-600">
      {label}
      <input className={cn(small, width)} inputMode={inputMode} value={str(value)} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
    </label>
  )
}

const update = (value: unknown, key: string, v: string) => ({ ...((value as Obj | null) ?? {}), [key]: v })

/** A 2x2 table laid out as clinicians read it, with sensitivity and specificity shown as the counts are typed. */
function TwoByTwo({ value, onChange, disabled }: Omit<Props, 'field' | 'id'>) {
  const v = (value as Obj | null) ?? {}
  const num = (k: string) => Number(v[k])
  const sens = num('tp') / (num('tp') + num('fn'))
  const spec = num('tn') / (num('tn') + num('fp'))
  const cell = (k: string, label: string) => <Part label={label} value={v[k]} disabled={disabled} onChange={(x) => onChange(update(value, k, x))} />
  return (
    <div className="flex flex-wrap items-end gap-4">
      <div className="grid grid-cols-[auto_auto_auto] items-end gap-x-2 gap-y-1">
        <span />
        <span className="text-center text-fine text-stone-500">Reference +</span>
        <span className="text-center text-fine text-stone-500">Reference −</span>
        <span className="pr-1 text-right text-fine text-stone-500">Index +</span>
        {cell('tp', 'TP')}
        {cell('fp', 'FP')}
        <span className="pr-1 text-right text-fine text-stone-500">Index −</span>
        {cell('fn', 'FN')}
        {cell('tn', 'TN')}
      </div>
      <p className="pb-1 text-xs text-stone-600 tabular">
        Sensitivity {Number.isFinite(sens) ? sens.toFixed(2) : '—'} · Specificity {Number.isFinite(spec) ? spec.toFixed(2) : '—'}
      </p>
    </div>
  )
}

/** The input for one field of a form, compound fields as a group of labelled parts. */
export function FieldInput({ field, value, onChange, id, invalid, describedBy, disabled }: Props) {
  const a11y = { id, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy, disabled }
  const v = (value as Obj | null) ?? {}
  switch (field.type) {
    case 'text':
      return field.multiline ? (
        <textarea {...a11y} className={cn(inputClass, 'min-h-16')} value={str(value)} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...a11y} className={inputClass} value={str(value)} onChange={(e) => onChange(e.target.value)} />
      )
    case 'number':
    case 'integer':
      return (
        <span className="flex items-center gap-2">
          <input {...a11y} className={cn(inputClass, 'w-32 tabular')} inputMode={field.type === 'integer' ? 'numeric' : 'decimal'} value={str(value)} onChange={(e) => onChange(e.target.value)} />
          {field.unit ? <span className="text-xs text-stone-600">{field.unit}</span> : null}
        </span>
      )
    case 'date':
      return <input {...a11y} type="date" className={cn(inputClass, 'w-44')} value={str(value)} onChange={(e) => onChange(e.target.value)} />
    case 'single_choice':
      return (
        <select {...a11y} className={cn(inputClass, 'w-auto min-w-48')} value={str(value)} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )
    case 'multiple_choice': {
      const chosen = Array.isArray(value) ? (value as string[]) : []
      return (
        <fieldset id={id} aria-describedby={describedBy} className="flex flex-wrap gap-x-4 gap-y-1" disabled={disabled}>
          {field.options?.map((o) => (
            <label key={o.value} className="flex items-center gap-1.5 text-ui">
              <input
                type="checkbox"
                className="accent-accent-700"
                checked={chosen.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      )
    }
    case 'two_by_two':
      return <TwoByTwo value={value} onChange={onChange} disabled={disabled} />
    case 'correlation':
      return (
        <div id={id} className="flex gap-3">
          <Part label="r" value={v.r} inputMode="decimal" disabled={disabled} onChange={(x) => onChange(update(value, 'r', x))} />
          <Part label="n" value={v.n} disabled={disabled} onChange={(x) => onChange(update(value, 'n', x))} />
        </div>
      )
    case 'proportion':
      return (
        <div id={id} className="flex gap-3">
          <Part label="Events" value={v.events} disabled={disabled} onChange={(x) => onChange(update(value, 'events', x))} />
          <Part label="Total" value={v.total} disabled={disabled} onChange={(x) => onChange(update(value, 'total', x))} />
        </div>
      )
    case 'mean_error':
      return (
        <div id={id} className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-0.5 text-xs text-stone-600">
            Kind
            <select className={cn(small, 'w-44')} value={str(v.kind)} disabled={disabled} onChange={(e) => onChange(update(value, 'kind', e.target.value))}>
              <option value="">—</option>
              <option value="mae">Mean absolute error</option>
              <option value="bias">Bias (mean difference)</option>
            </select>
          </label>
          <Part label="Mean" value={v.mean} inputMode="decimal" disabled={disabled} onChange={(x) => onChange(update(value, 'mean', x))} />
          <Part label="SD" value={v.sd} inputMode="decimal" disabled={disabled} onChange={(x) => onChange(update(value, 'sd', x))} />
          <Part label="n" value={v.n} disabled={disabled} onChange={(x) => onChange(update(value, 'n', x))} />
        </div>
      )
    case 'two_group': {
      const keys = field.outcome === 'continuous' ? (['mean', 'sd', 'n'] as const) : (['events', 'total'] as const)
      return (
        <div id={id} className="grid w-fit grid-cols-[auto_repeat(3,auto)] items-end gap-x-3 gap-y-1">
          {[1, 2].map((g) => (
            <div key={g} className="contents">
              <span className="pb-2 text-xs text-stone-600">{g === 1 ? 'Intervention' : 'Comparator'}</span>
              {keys.map((k) => (
                <Part
                  key={k}
                  label={k === 'sd' ? 'SD' : k}
                  value={v[`${k}${g}`]}
                  inputMode={k === 'mean' || k === 'sd' ? 'decimal' : 'numeric'}
                  disabled={disabled}
                  onChange={(x) => onChange(update(value, `${k}${g}`, x))}
                />
              ))}
            </div>
          ))}
        </div>
      )
    }
  }
}
