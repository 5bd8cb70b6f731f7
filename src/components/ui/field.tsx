import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, type ComponentProps } from 'react'
import { cn } from '@/lib/cn'

export const inputClass =
  'block w-full rounded-md border border-stone-300 bg-white px-2.5 py-1.5 text-stone-900 shadow-xs placeholder:text-stone-400 focus:border-accent-600 focus:outline-none focus:ring-2 focus:ring-accent-600/20 aria-[invalid=true]:border-red-600 disabled:bg-stone-100'

interface FieldProps {
  label: string
  error?: string[] | string | null
  hint?: ReactNode
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode
}

/** A labelled control with its hint and the server's validation messages, wired for screen readers. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId()
  const errors = (Array.isArray(error) ? error : error ? [error] : []).filter(Boolean)
  const describedBy = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-ui font-medium text-stone-700">
        {label}
      </label>
      {children({ id, 'aria-invalid': errors.length ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-stone-600">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={`${id}-error`} className="text-xs text-red-700" role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  )
}

export const Input = ({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) => <input className={cn(inputClass, className)} {...props} />
export const Textarea = ({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) => <textarea className={cn(inputClass, 'min-h-20', className)} {...props} />
export const Select = ({ className, ...props }: ComponentProps<'select'>) => <select className={cn(inputClass, 'pr-8', className)} {...props} />

/** A message for the whole form (not tied to one field). */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-ui text-red-800">
      {message}
    </div>
  )
}
