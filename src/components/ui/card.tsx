import type { HTMLAttributes, ReactNode } from 'react'
import { cn } from '@/lib/cn'

export const Card = ({ className, ...props }: HTMLAttributes<HTMLElement>) => <section className={cn('rounded-lg border border-stone-200 bg-white', className)} {...props} />

export function CardHeader({ title, description, actions, id }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <header className="flex items-start justify-between gap-4 border-b border-stone-200 px-4 py-3">
      <div>
        <h2 id={id} className="text-title font-semibold text-stone-900">
          {title}
        </h2>
        {description ? <p className="mt-0.5 text-ui text-stone-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </header>
  )
}

export const CardBody = ({ className, ...props }: HTMLAttributes<HTMLDivElement>) => <div className={cn('px-4 py-3', className)} {...props} />
