'use client'
import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/field'
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover'
import { formErrors, useTRPC } from '@/lib/trpc/client'
import { cn } from '@/lib/cn'
import { Kbd } from '@/components/ui/kbd'

/**
 * A record's tags, and for those who screen a menu to put the review's tags on it or take their own off
 * (a new tag is made by typing its name). Another person's tag shows without a control: it is theirs.
 */
export function RecordTags({
  reviewId,
  recordId,
  canTag,
  open,
  onOpenChange,
  shortcut,
}: {
  reviewId: string
  recordId: string
  canTag: boolean
  /** the menu's state, when the page opens it too (the screening page's T key) */
  open?: boolean
  onOpenChange?: (open: boolean) => void
  /** the key that opens the menu, shown on its button */
  shortcut?: string
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const mine = useQuery(trpc.records.recordTags.queryOptions({ reviewId, recordId }))
  const all = useQuery({ ...trpc.records.tags.queryOptions({ reviewId }), enabled: canTag })
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.records.recordTags.queryKey({ reviewId, recordId }) })
    void queryClient.invalidateQueries({ queryKey: trpc.records.tags.queryKey({ reviewId }) })
  }
  const tag = useMutation(trpc.records.tag.mutationOptions({ onSuccess: refresh }))
  const create = useMutation(
    trpc.records.createTag.mutationOptions({
      onSuccess: (t) => {
        setName('')
        tag.mutate({ reviewId, tagId: t.id, recordIds: [recordId], on: true })
      },
    }),
  )
  const tags = mine.data ?? []
  const error = formErrors(create.error ?? tag.error)
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-ui" data-testid="record-tags">
      <span className="text-stone-600">Tags:</span>
      {tags.length === 0 ? <span className="text-stone-500">{mine.isLoading ? '…' : 'none'}</span> : null}
      {tags.map((t) => (
        <span
          key={t.id}
          className={cn(
            'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs ring-1 ring-inset',
            t.mine ? 'bg-accent-50 text-accent-800 ring-accent-200' : 'bg-stone-100 text-stone-700 ring-stone-200',
          )}
        >
          {t.name}
          {t.mine && canTag ? (
            <button
              type="button"
              className="rounded-full px-0.5 hover:bg-accent-100"
              aria-label={`Remove tag ${t.name}`}
              onClick={() => tag.mutate({ reviewId, tagId: t.id, recordIds: [recordId], on: false })}
            >
              ×
            </button>
          ) : null}
        </span>
      ))}
      {canTag ? (
        <Popover open={open} onOpenChange={onOpenChange}>
          <PopoverTrigger asChild>
            <Button variant="ghost" size="sm">
              + Tag {shortcut ? <Kbd>{shortcut}</Kbd> : null}
            </Button>
          </PopoverTrigger>
          <PopoverContent aria-label="Tags" className="space-y-2">
            {all.data?.length ? (
              <ul className="max-h-56 space-y-1 overflow-y-auto">
                {all.data.map((t) => {
                  const on = tags.some((x) => x.id === t.id && x.mine)
                  return (
                    <li key={t.id}>
                      <label className="flex items-center gap-2">
                        <input type="checkbox" checked={on} onChange={() => tag.mutate({ reviewId, tagId: t.id, recordIds: [recordId], on: !on })} />
                        <span className="flex-1 truncate">{t.name}</span>
                        <span className="tabular text-xs text-stone-500">{t.records}</span>
                      </label>
                    </li>
                  )
                })}
              </ul>
            ) : (
              <p className="text-xs text-stone-600">No tags yet: name one below.</p>
            )}
            <form
              className="flex gap-1.5"
              onSubmit={(e) => {
                e.preventDefault()
                if (name.trim()) create.mutate({ reviewId, name })
              }}
            >
              <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={40} placeholder="New tag" aria-label="New tag name" />
              <Button type="submit" size="sm" variant="secondary" pending={create.isPending}>
                Add
              </Button>
            </form>
            {error.fieldErrors.name?.length || error.message ? (
              <p role="alert" className="text-xs text-red-700">
                {error.fieldErrors.name?.join(' ') ?? error.message}
              </p>
            ) : null}
          </PopoverContent>
        </Popover>
      ) : null}
    </div>
  )
}
